package dev.mfastepup.it;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Turns a deployment that Payara Micro refused into a {@link DeploymentException}.
 *
 * <p>When an application fails to load, Payara Micro logs "Exception while loading the app", keeps running and
 * lists no application under "Deployed". The Payara Micro connector 3.1 then returns normally, with an HTTP
 * context that has no servlets, and the tests would go on against a server without the application. This
 * observer checks, right after each deployment, that the server reported at least one servlet for it.
 */
public class FailedDeploymentDetector implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(Check.class);
    }

    /** The check, run after each deployment. */
    public static class Check {

        @Inject
        private Instance<ProtocolMetaData> protocolMetaData;

        /**
         * Fails when the deployed archive has no servlet on the server.
         *
         * @param event the deployment that just finished.
         * @throws DeploymentException when Payara Micro did not deploy the archive.
         */
        public void verify(@Observes AfterDeploy event) throws DeploymentException {
            ProtocolMetaData metaData = protocolMetaData.get();
            boolean deployed = metaData != null && metaData.getContexts(HTTPContext.class).stream()
                    .anyMatch(context -> !context.getServlets().isEmpty());
            if (!deployed && event.getDeployment().isArchiveDeployment()) {
                throw new DeploymentException("Payara Micro did not deploy " + event.getDeployment().getArchive().getName()
                        + ": it reports no servlet for it. The reason is in the server log (Exception while loading"
                        + " the app).");
            }
        }
    }
}
