package dev.mfastepup.faces;

import dev.mfastepup.filter.CauseChain;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Two things Faces would otherwise get wrong for MFA step-up.
 *
 * <ul>
 * <li>An {@link MfaRequiredException} thrown by an application's bean is rethrown out of the Faces lifecycle, so
 * that {@code MfaStepUpFilter} sees it. Without this, Faces' own ajax handler would swallow it into a
 * {@code partial-response} error during an ajax request, and the user would never be sent to the MFA pages.</li>
 * <li>An expired or forged view state on an MFA page (a form left open too long, a cross-site post without the
 * page's view state) becomes a fresh start of the same page, instead of an error dump.</li>
 * </ul>
 * Every other exception, and every view state outside {@code /mfa/}, is left to the application's handler.
 *
 * @since 0.1
 */
public class MfaExceptionHandlerFactory extends ExceptionHandlerFactory {

    /**
     * Wraps the application's factory.
     *
     * @param wrapped the factory before this one.
     */
    public MfaExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                Throwable thrown = events.next().getContext().getException();
                Optional<MfaRequiredException> required = CauseChain.find(thrown);
                if (required.isPresent()) {
                    events.remove();
                    throw new FacesException(required.get());
                }
                if (thrown instanceof ViewExpiredException expired && expired.getViewId() != null
                        && expired.getViewId().startsWith(MfaPages.PATH)) {
                    events.remove();
                    restart(expired.getViewId());
                }
            }
            getWrapped().handle();
        }

        private static void restart(String viewId) {
            FacesContext faces = FacesContext.getCurrentInstance();
            Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
            String flow = params.get(MfaPages.PARAM_FLOW);
            String page = viewId.endsWith("/code.xhtml") || viewId.endsWith("/push.xhtml")
                    || viewId.endsWith("/recovery.xhtml") ? viewId : MfaPages.START_PAGE;
            if (flow != null && flow.matches("[A-Za-z0-9_-]{22}")) {
                MfaNavigation.redirect(page + "?" + MfaPages.PARAM_FLOW + "=" + flow);
            } else {
                MfaNavigation.toError(MfaNavigation.Reason.EXPIRED, null, null);
            }
        }
    }
}
