package dev.mfastepup.client;

import java.util.function.Supplier;

/**
 * Watches every call the {@link Auth0Client} makes to Auth0, for traces and metrics. The module's telemetry
 * implements it over OpenTelemetry where the server has MicroProfile Telemetry; without it, {@link #NONE} watches
 * nothing and costs nothing.
 *
 * <p>The client calls {@link #started} on the request thread (so a span there is the child of the request's span),
 * runs the call on its own pool inside {@link Observation#around}, and ends the observation once, with
 * {@link Observation#answered} or {@link Observation#failed}. A call refused by the circuit breaker is not made and
 * not observed. An observer must not throw, and what it is given holds no token, code or secret.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface Auth0CallObserver {

    /** Watches nothing. */
    Auth0CallObserver NONE = call -> Observation.NONE;

    /**
     * A call is about to be made.
     *
     * @param call the method, path template and base URL.
     * @return the observation of this call, to be ended once.
     */
    Observation started(Auth0Call call);

    /** The observation of one call. */
    interface Observation {

        /** Observes nothing. */
        Observation NONE = new Observation() {
            @Override
            public void answered(int status, String auth0Error) {
                // nothing to record
            }

            @Override
            public void failed(int status, String errorCode) {
                // nothing to record
            }
        };

        /**
         * Wraps the call that runs on the client's pool, for example to make a span current there.
         *
         * @param call the call.
         * @param <T> what it returns.
         * @return the call, wrapped or not.
         */
        default <T> Supplier<T> around(Supplier<T> call) {
            return call;
        }

        /**
         * Auth0 answered: with success, or with an error answer of its own (even a 5xx).
         *
         * @param status the HTTP status.
         * @param auth0Error Auth0's error code from a closed set ({@link dev.mfastepup.Auth0Error#code()}, or
         *        {@code other}), or {@code null} for a success.
         */
        void answered(int status, String auth0Error);

        /**
         * The call got no usable answer: it timed out, could not connect, was refused by the client's bulkhead, or
         * the answer was not the protocol.
         *
         * @param status the HTTP status of an answer that was not the protocol, or 0 for none.
         * @param errorCode the module's code, such as {@code idp_unavailable} or {@code idp_bad_response}.
         */
        void failed(int status, String errorCode);
    }
}
