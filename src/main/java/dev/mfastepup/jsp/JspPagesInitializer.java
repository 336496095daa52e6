package dev.mfastepup.jsp;

import dev.mfastepup.filter.MfaPages;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.Set;

/**
 * Maps {@link JspPagesServlet} to each of the JSP pages' addresses when the application starts. The container finds
 * it in the jar's {@code META-INF/services}, also when the application's {@code web.xml} is
 * {@code metadata-complete}. The servlet answers {@code 404} unless {@code mfa-stepup.pages=jsp}; the request guard
 * that the pages' other initializer maps to {@code /mfa/*} covers these addresses too.
 *
 * @since 0.2
 */
public class JspPagesInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        ServletRegistration.Dynamic pages = context.addServlet("mfa-stepup-jsp-pages", JspPagesServlet.class);
        if (pages != null) {
            pages.addMapping(JspPagesServlet.PAGES.stream().map(name -> MfaPages.PATH + name).toArray(String[]::new));
        }
    }
}
