package dev.mfastepup.client;

import dev.mfastepup.Auth0Error;
import jakarta.ws.rs.ProcessingException;
import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs every call to Auth0: behind the tenant's {@link CircuitBreaker}, on the bounded pool of the
 * {@link IdpCallExecutor} (so within the call deadline), and never again once sent. What comes back is the answer,
 * an {@link IdpException}, or, from {@link #callOrErrorAnswer}, Auth0's error answer for the caller to judge.
 *
 * <p>The breaker learns how each call went: an answer of Auth0's own, even an error below 500, shows that Auth0
 * is up; a 5xx, no answer or an answer that is not the protocol counts as a failure; a call that was never sent
 * counts for nothing.
 *
 * <p>The {@link Auth0CallObserver} sees every call that is made (not those the breaker refuses), for traces and
 * metrics.
 */
final class GuardedCalls implements AutoCloseable {

    private final IdpCallExecutor executor;
    private final CircuitBreaker breaker;
    private final Auth0CallObserver observer;
    private final Function<String, URI> baseUris;

    GuardedCalls(IdpCallExecutor executor, CircuitBreaker breaker) {
        this(executor, breaker, Auth0CallObserver.NONE, domain -> URI.create("https://" + domain + "/"));
    }

    GuardedCalls(IdpCallExecutor executor, CircuitBreaker breaker, Auth0CallObserver observer,
            Function<String, URI> baseUris) {
        this.executor = executor;
        this.breaker = breaker;
        this.observer = observer;
        this.baseUris = baseUris;
    }

    /** @return the state of each tenant's circuit breaker, see {@link CircuitBreaker#states()}. */
    Map<String, String> breakerStates() {
        return breaker.states();
    }

    /**
     * Makes a call whose error answers all become an {@link IdpException}.
     *
     * @param domain the tenant's domain, whose breaker guards the call.
     * @param method the HTTP method, such as {@code GET}.
     * @param route the path template, such as {@link Auth0Call#AUTHENTICATORS}.
     * @param operation the call, for messages, such as {@code GET /mfa/authenticators}.
     * @param call the call of the Rest Client.
     * @return what the call returned.
     * @throws IdpException for every failure; a 401 without a readable error is {@code invalid_token}, as
     *         everywhere a bearer or {@code mfa_token} is sent.
     */
    <T> T call(String domain, String method, String route, String operation, Supplier<T> call) {
        try {
            return callOrErrorAnswer(domain, method, route, operation, call);
        } catch (Auth0ErrorAnswer answer) {
            throw IdpFailures.fromErrorAnswer(operation, answer, Auth0Error.INVALID_TOKEN);
        }
    }

    /**
     * Makes a call and leaves an error answer of Auth0 as it came, for the token endpoint, where one error
     * answer ({@code mfa_required}) is a result.
     *
     * @param domain the tenant's domain.
     * @param method the HTTP method.
     * @param route the path template.
     * @param operation the call, for messages.
     * @param call the call of the Rest Client.
     * @return what the call returned.
     * @throws Auth0ErrorAnswer when Auth0 answered with an error; it never leaves this package.
     * @throws IdpException for every other failure.
     */
    <T> T callOrErrorAnswer(String domain, String method, String route, String operation, Supplier<T> call) {
        CircuitBreaker.Permit permit = breaker.permit(domain, operation);
        Auth0Call made = new Auth0Call(method, route, baseUris.apply(domain));
        Auth0CallObserver.Observation observation = observer.started(made);
        try {
            T result = callBounded(operation, observation.around(call));
            permit.answered();
            observation.answered(made.successStatus(), null);
            return result;
        } catch (Auth0ErrorAnswer answer) {
            if (answer.status() >= 500) {
                permit.failed();
            } else {
                permit.answered();
            }
            String error = answer.body() == null ? null : answer.body().error();
            observation.answered(answer.status(), error == null ? "none" : knownCode(error));
            throw answer;
        } catch (IdpException failure) {
            if (failure.isNotSent()) {
                permit.notMade();
            } else {
                permit.failed();
            }
            observation.failed(failure.status(), failure.code());
            throw failure;
        } catch (RuntimeException | Error unexpected) {
            observation.failed(0, "unexpected");
            throw unexpected;
        }
    }

    /** Auth0's error code if the module knows it, else {@code other}: what an observer records is a closed set. */
    private static String knownCode(String error) {
        Auth0Error known = Auth0Error.of(error);
        return known == Auth0Error.OTHER ? "other" : known.code();
    }

    /** Stops the pool; calls in flight are interrupted and later calls are refused as not sent. */
    @Override
    public void close() {
        executor.close();
    }

    private <T> T callBounded(String operation, Supplier<T> call) {
        return executor.call(operation, () -> {
            try {
                return call.get();
            } catch (Auth0ErrorAnswer | IdpException known) {
                throw known;
            } catch (ProcessingException failure) {
                // The client may wrap the error mapper's answer; it is still an answer, not a transport failure.
                Auth0ErrorAnswer answer = IdpFailures.cause(failure, Auth0ErrorAnswer.class);
                if (answer != null) {
                    throw answer;
                }
                throw IdpFailures.fromProcessingFailure(operation, failure);
            } catch (RuntimeException unexpected) {
                throw IdpFailures.unreadable(operation, unexpected);
            }
        });
    }
}
