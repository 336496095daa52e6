package dev.mfastepup.faces;

import dev.mfastepup.filter.CauseChain;
import dev.mfastepup.filter.MfaPages;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.pages.ErrorReason;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.faces.render.ResponseStateManager;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Two things Faces would otherwise get wrong for MFA step-up.
 *
 * <ul>
 * <li>An {@link MfaRequiredException} thrown by an application's bean is rethrown out of the Faces lifecycle, so
 * that {@code MfaStepUpFilter} sees it. Without this, Faces' own ajax handler would swallow it into a
 * {@code partial-response} error during an ajax request, and the user would never be sent to the MFA pages.</li>
 * <li>An expired or forged view state on an MFA page (a form left open too long, a cross-site post without the
 * page's view state) becomes a fresh start of the same page, instead of an error dump. Mojarra reports a view state
 * it does not know as a {@link ViewExpiredException}; MyFaces (Open Liberty) decodes the posted value first and
 * fails with an {@link IllegalArgumentException} on one that is not of its encoding, which is taken the same way
 * when it comes from restoring the view of a post to an MFA page.</li>
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

        private static final Logger log = Logger.getLogger(MfaExceptionHandlerFactory.class.getName());

        /** How many causes deep an unreadable view state is looked for. */
        private static final int MAX_DEPTH = 8;

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ExceptionQueuedEventContext queued = events.next().getContext();
                Throwable thrown = queued.getException();
                Optional<MfaRequiredException> required = CauseChain.find(thrown);
                if (required.isPresent()) {
                    events.remove();
                    throw new FacesException(required.get());
                }
                if (thrown instanceof ViewExpiredException expired && expired.getViewId() != null
                        && expired.getViewId().startsWith(MfaPages.PATH)) {
                    events.remove();
                    restart(expired.getViewId());
                } else if (unreadableViewState(queued)) {
                    events.remove();
                    String viewId = requestedViewId(queued.getContext().getExternalContext());
                    log.fine(() -> "The view state posted to " + viewId + " could not be read ("
                            + thrown.getClass().getName() + "); the page starts again");
                    restart(viewId);
                }
            }
            getWrapped().handle();
        }

        /**
         * Tells whether restoring the view of a post to an MFA page failed on its view state: an
         * {@link IllegalArgumentException} in the chain, thrown while the view was restored, of a request that
         * posted a view state.
         */
        private static boolean unreadableViewState(ExceptionQueuedEventContext queued) {
            if (queued.getPhaseId() != PhaseId.RESTORE_VIEW || queued.getContext() == null) {
                return false;
            }
            Throwable cause = queued.getException();
            for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException) {
                    ExternalContext external = queued.getContext().getExternalContext();
                    return requestedViewId(external).startsWith(MfaPages.PATH)
                            && external.getRequestParameterMap().containsKey(ResponseStateManager.VIEW_STATE_PARAM);
                }
            }
            return false;
        }

        /** The view a request asks for, under an extension mapping ({@code *.xhtml}) or a prefix mapping. */
        private static String requestedViewId(ExternalContext external) {
            String pathInfo = external.getRequestPathInfo();
            String path = pathInfo != null ? pathInfo : external.getRequestServletPath();
            return path == null ? "" : path;
        }

        private static void restart(String viewId) {
            FacesContext faces = FacesContext.getCurrentInstance();
            Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
            String flow = params.get(MfaPages.PARAM_FLOW);
            String page = viewId.endsWith("/code.xhtml") || viewId.endsWith("/push.xhtml")
                    || viewId.endsWith("/recovery.xhtml") ? viewId : PageSet.FACES.startPage();
            if (flow != null && flow.matches("[A-Za-z0-9_-]{22}")) {
                MfaNavigation.redirect(page + "?" + MfaPages.PARAM_FLOW + "=" + flow);
            } else {
                MfaNavigation.toError(ErrorReason.EXPIRED, null, null);
            }
        }
    }
}
