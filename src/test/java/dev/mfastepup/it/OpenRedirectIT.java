package dev.mfastepup.it;

import dev.mfastepup.filter.PageSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** {@link OpenRedirectChecks} through the Faces pages. */
class OpenRedirectIT extends OpenRedirectChecks {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("open-redirect-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.FACES;
    }
}
