package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mfastepup.filter.PageSet;
import java.net.http.HttpRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@link PagesHttpChecks} on the Faces pages, and the JSP pages' addresses answering 404 where Faces is chosen. */
class PagesHttpIT extends PagesHttpChecks {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("pages-http-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.FACES;
    }

    @Test
    void jspPagesWhenTheFacesPagesAreChosenThenNotFound() {
        String flow = startFlow();
        for (String page : new String[] {"start", "code", "error", "done", "recovery-code", "jsp/start.jsp",
                "jsp/head.jspf"}) {
            assertEquals(404, browser.exchange("mfa/" + page + "?flow=" + flow, HttpRequest.newBuilder().GET())
                    .statusCode(), page);
        }
        assertEquals(200, browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET())
                .statusCode(), "the Faces start page");
    }
}
