package dev.mfastepup.it;

import dev.mfastepup.filter.PageSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link OpenRedirectChecks} through the JSP pages ({@code mfa-stepup.pages=jsp}). */
class JspOpenRedirectIT extends OpenRedirectChecks {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.jspPagesWar("jsp-open-redirect-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.JSP;
    }
}
