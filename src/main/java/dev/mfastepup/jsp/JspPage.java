package dev.mfastepup.jsp;

import jakarta.servlet.http.HttpServletResponse;

/** One page of the JSP set: what it shows on GET, and what its form's buttons do on POST. */
interface JspPage {

    /**
     * Shows the page: renders its view, or redirects.
     *
     * @param page the request.
     */
    void show(JspExchange page);

    /**
     * Acts on the page's form, sent with a valid token: renders the view again with a message, or redirects.
     *
     * @param page the request.
     */
    default void act(JspExchange page) {
        page.status(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        page.message("error.noForm");
        show(page);
    }
}
