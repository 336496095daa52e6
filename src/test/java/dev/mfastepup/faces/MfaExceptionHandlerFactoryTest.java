package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link MfaExceptionHandlerFactory}'s handler does with the exceptions Faces queues on the MFA pages. */
class MfaExceptionHandlerFactoryTest {

    private static final String FLOW = "AbCdEfGhIjKlMnOpQrStUv";

    private final FacesContext faces = mock(FacesContext.class);
    private final ExternalContext external = mock(ExternalContext.class);
    private final HttpServletResponse response = mock(HttpServletResponse.class);
    private final ExceptionHandler wrapped = mock(ExceptionHandler.class);
    private final List<ExceptionQueuedEvent> queue = new ArrayList<>();
    private final Map<String, String> parameters = new HashMap<>();

    MfaExceptionHandlerFactoryTest() {
        when(faces.getExternalContext()).thenReturn(external);
        when(external.getResponse()).thenReturn(response);
        when(external.getRequestContextPath()).thenReturn("/app");
        when(external.getRequestServletPath()).thenReturn("/mfa/code.xhtml");
        when(external.getRequestParameterMap()).thenReturn(parameters);
        when(wrapped.getUnhandledExceptionQueuedEvents()).thenReturn(queue);
        Current.set(faces);
    }

    @AfterEach
    void clear() {
        Current.set(null);
    }

    @Test
    void myFacesViewStateItCannotDecodeOnAPostToAnMfaPageStartsThePageAgain() {
        // MyFaces decodes the posted view state before it looks it up; a forged one fails as Base64 does.
        posted("jakarta.faces.ViewState", "not;base64");
        queued(new FacesException(new IllegalArgumentException("Input byte[] should at least have 2 bytes")),
                PhaseId.RESTORE_VIEW);

        handler().handle();

        assertRestarted("/app/mfa/code.xhtml?flow=" + FLOW);
        verify(wrapped).handle();
    }

    @Test
    void mojarraExpiredViewOnAnMfaPageStartsThePageAgain() {
        posted("jakarta.faces.ViewState", "1:2");
        queued(new ViewExpiredException("expired", "/mfa/code.xhtml"), PhaseId.RESTORE_VIEW);

        handler().handle();

        assertRestarted("/app/mfa/code.xhtml?flow=" + FLOW);
    }

    @Test
    void anUnreadableViewStateOnAPrefixMappedMfaPageStartsThePageAgain() {
        when(external.getRequestServletPath()).thenReturn("/faces");
        when(external.getRequestPathInfo()).thenReturn("/mfa/recovery.xhtml");
        posted("jakarta.faces.ViewState", "x");
        queued(new IllegalArgumentException(), PhaseId.RESTORE_VIEW);

        handler().handle();

        assertRestarted("/app/mfa/recovery.xhtml?flow=" + FLOW);
    }

    @Test
    void anIllegalArgumentOutsideRestoringAPostedMfaViewIsLeftToTheApplication() {
        // in another phase
        posted("jakarta.faces.ViewState", "x");
        queued(new IllegalArgumentException(), PhaseId.INVOKE_APPLICATION);
        handler().handle();
        assertLeft();

        // on a page of the application
        queue.clear();
        when(external.getRequestServletPath()).thenReturn("/orders.xhtml");
        queued(new IllegalArgumentException(), PhaseId.RESTORE_VIEW);
        handler().handle();
        assertLeft();

        // without a posted view state
        queue.clear();
        parameters.clear();
        when(external.getRequestServletPath()).thenReturn("/mfa/code.xhtml");
        queued(new IllegalArgumentException(), PhaseId.RESTORE_VIEW);
        handler().handle();
        assertLeft();

        // another exception while restoring a posted MFA view
        queue.clear();
        posted("jakarta.faces.ViewState", "x");
        queued(new IllegalStateException(), PhaseId.RESTORE_VIEW);
        handler().handle();
        assertLeft();
    }

    private ExceptionHandler handler() {
        ExceptionHandlerFactory previous = mock(ExceptionHandlerFactory.class);
        when(previous.getExceptionHandler()).thenReturn(wrapped);
        return new MfaExceptionHandlerFactory(previous).getExceptionHandler();
    }

    private void posted(String name, String value) {
        parameters.put("flow", FLOW);
        parameters.put(name, value);
    }

    private void queued(Throwable thrown, PhaseId phase) {
        queue.add(new ExceptionQueuedEvent(faces, new ExceptionQueuedEventContext(faces, thrown, null, phase)));
    }

    private void assertRestarted(String location) {
        assertTrue(queue.isEmpty(), "the exception was handled");
        verify(response).setStatus(HttpServletResponse.SC_SEE_OTHER);
        verify(response).setHeader("Location", location);
        verify(faces).responseComplete();
    }

    private void assertLeft() {
        assertEquals(1, queue.size(), "the exception is left for the application's handler");
        verify(response, never()).setStatus(anyInt());
        verify(response, never()).setHeader(anyString(), anyString());
    }

    /** Sets the current FacesContext, which only a subclass may do. */
    private abstract static class Current extends FacesContext {

        static void set(FacesContext context) {
            setCurrentInstance(context);
        }
    }
}
