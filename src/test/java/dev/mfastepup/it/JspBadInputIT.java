package dev.mfastepup.it;

import dev.mfastepup.filter.PageSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link BadInputChecks} on the JSP pages ({@code mfa-stepup.pages=jsp}). */
class JspBadInputIT extends BadInputChecks {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.jspPagesWar("jsp-bad-input-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.JSP;
    }
}
