package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.token.MfaRequiredException;
import dev.mfastepup.token.TokenExceptions;
import jakarta.ejb.EJBException;
import jakarta.el.ELException;
import jakarta.enterprise.inject.CreationException;
import jakarta.faces.FacesException;
import jakarta.servlet.ServletException;
import jakarta.ws.rs.ProcessingException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class CauseChainTest {

    private final MfaRequiredException required = TokenExceptions.mfaRequired("AAAAAAAAAAAAAAAAAAAAAA",
            "https://api", "read", null);

    @Test
    void findWhenThrownItselfThenFound() {
        assertSame(required, CauseChain.find(required).orElseThrow());
    }

    @Test
    void findWhenServletExceptionRootCauseThenFound() {
        assertSame(required, CauseChain.find(new ServletException("failed", required)).orElseThrow());
    }

    @Test
    void findWhenNestedRuntimeExceptionsThenFound() {
        Throwable thrown = new RuntimeException(new IllegalStateException(new RuntimeException("x", required)));

        assertSame(required, CauseChain.find(thrown).orElseThrow());
    }

    @Test
    void findWhenEjbExceptionThenFound() {
        assertSame(required, CauseChain.find(new EJBException(required)).orElseThrow());
    }

    @Test
    void findWhenFacesExceptionAroundElExceptionThenFound() {
        // What FacesServlet throws for an action method that failed: ServletException(FacesException(ELException)).
        Throwable thrown = new ServletException(new FacesException(new ELException("#{bean.load}", required)));

        assertSame(required, CauseChain.find(thrown).orElseThrow());
    }

    @Test
    void findWhenCdiCreationExceptionThenFound() {
        assertSame(required, CauseChain.find(new CreationException(required)).orElseThrow());
    }

    @Test
    void findWhenCompletionExceptionThenFound() {
        assertSame(required, CauseChain.find(new CompletionException(required)).orElseThrow());
    }

    @Test
    void findWhenJaxRsProcessingExceptionThenFound() {
        assertSame(required, CauseChain.find(new ServletException(new ProcessingException(required))).orElseThrow());
    }

    @Test
    void findWhenReflectionWrappersThenFound() {
        Throwable thrown = new UndeclaredThrowableException(new InvocationTargetException(
                new ExecutionException(required)));

        assertSame(required, CauseChain.find(thrown).orElseThrow());
    }

    @Test
    void findWhenSuppressedThenFound() {
        RuntimeException thrown = new RuntimeException("closing failed");
        thrown.addSuppressed(new IllegalStateException(required));

        assertSame(required, CauseChain.find(thrown).orElseThrow());
    }

    @Test
    void findWhenSeveralThenNearestToTheTop() {
        MfaRequiredException deeper = TokenExceptions.mfaRequired("BBBBBBBBBBBBBBBBBBBBBB", "https://api", "read",
                null);
        RuntimeException thrown = new RuntimeException(new RuntimeException(new RuntimeException(deeper)));
        thrown.addSuppressed(required);

        assertSame(required, CauseChain.find(thrown).orElseThrow());
    }

    @Test
    void findWhenOtherAccessTokenExceptionThenEmpty() {
        Throwable thrown = new ServletException(TokenExceptions.accessToken(ErrorCodes.IDP_UNAVAILABLE, "down", null));

        assertTrue(CauseChain.find(thrown).isEmpty());
    }

    @Test
    void findWhenNullThenEmpty() {
        assertTrue(CauseChain.find(null).isEmpty());
    }

    @Test
    void findWhenCauseCycleThenEmptyWithoutHanging() {
        Cyclic first = new Cyclic();
        Cyclic second = new Cyclic();
        first.next = second;
        second.next = first;
        first.addSuppressed(second);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertTrue(CauseChain.find(first).isEmpty()));
    }

    @Test
    void findWhenCycleAndTheExceptionBehindItThenFound() {
        Cyclic first = new Cyclic();
        Cyclic second = new Cyclic();
        first.next = second;
        second.next = first;
        second.addSuppressed(required);

        assertSame(required, CauseChain.find(first).orElseThrow());
    }

    @Test
    void findWhenDeeperThanTheBoundThenEmpty() {
        Throwable thrown = required;
        for (int i = 0; i <= CauseChain.MAX_DEPTH; i++) {
            thrown = new RuntimeException(thrown);
        }

        assertTrue(CauseChain.find(thrown).isEmpty());
    }

    @Test
    void findWhenAtTheBoundThenFound() {
        Throwable thrown = required;
        for (int i = 0; i < CauseChain.MAX_DEPTH; i++) {
            thrown = new RuntimeException(thrown);
        }

        assertSame(required, CauseChain.find(thrown).orElseThrow());
    }

    @Test
    void findWhenTheLastOfAsManyExceptionsAsTheBoundAllowsThenFoundAndOneMoreThenEmpty() {
        // The top and its suppressed exceptions are all seen before the first of them is looked at.
        RuntimeException atTheBound = new RuntimeException("top");
        RuntimeException pastTheBound = new RuntimeException("top");
        for (int i = 0; i < CauseChain.MAX_VISITED - 2; i++) {
            atTheBound.addSuppressed(new IllegalStateException("noise"));
            pastTheBound.addSuppressed(new IllegalStateException("noise"));
        }
        pastTheBound.addSuppressed(new IllegalStateException("one more"));
        atTheBound.addSuppressed(required);
        pastTheBound.addSuppressed(required);

        assertSame(required, CauseChain.find(atTheBound).orElseThrow());
        assertTrue(CauseChain.find(pastTheBound).isEmpty());
    }

    /** An exception whose cause can be set to anything, a cycle included, as some legacy exceptions allow. */
    private static final class Cyclic extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Throwable next;

        @Override
        public synchronized Throwable getCause() {
            return next;
        }
    }
}
