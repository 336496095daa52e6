package dev.mfastepup.jsp;

import jakarta.servlet.http.HttpServletResponse;

/** One page of the JSP set: what it shows on GET, and what its form's buttons do on POST. */
interface JspPage {

    /**
     * Tells whether the page belongs to a flow, which must be there before the page shows or acts.
     *
     * @return {@code true}, unless the page stands alone (done, error, the new recovery code).
     */
    default boolean ofAFlow() {
        return true;
    }

    /**
     * Shows the page: renders its view, or redirects. The flow, where the page has one, is there.
     *
     * @param page the request.
     */
    void show(JspExchange page);

    /**
     * Acts on the page's form, sent with a valid token: renders the view again with a message, or redirects. The
     * flow, where the page has one, is there.
     *
     * @param page the request.
     */
    default void act(JspExchange page) {
        page.status(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        page.message("error.noForm");
        show(page);
    }
}
