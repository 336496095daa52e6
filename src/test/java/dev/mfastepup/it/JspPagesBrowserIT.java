package dev.mfastepup.it;

import dev.mfastepup.filter.PageSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The flows of {@link PagesBrowserFlows} on the JSP pages ({@code mfa-stepup.pages=jsp}), in an application whose
 * {@code web.xml} declares no Faces servlet; screenshots are named {@code jsp-*}.
 */
class JspPagesBrowserIT extends PagesBrowserFlows {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.jspPagesWar("jsp-pages-browser-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.JSP;
    }
}
