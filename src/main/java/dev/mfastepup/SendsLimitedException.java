package dev.mfastepup;

import java.time.Duration;
import java.util.Optional;

/**
 * This module refuses to have Auth0 send another SMS, call, e-mail or push for now: one was sent to the same
 * place moments ago ({@value ErrorCodes#RESEND_TOO_SOON}), or the flow or the user has had as many as this module
 * allows ({@value ErrorCodes#SEND_LIMIT_REACHED}). Nothing was sent to Auth0. Codes already sent stay valid; the
 * MFA pages say so and answer {@code 429 Too Many Requests}, with a {@code Retry-After} when a wait is known.
 *
 * @since 0.1
 */
public class SendsLimitedException extends MfaException {

    private static final long serialVersionUID = 1L;

    /** How long the user must wait before another message can go. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param code {@link ErrorCodes#RESEND_TOO_SOON} or {@link ErrorCodes#SEND_LIMIT_REACHED}.
     * @param message what was refused; safe to log.
     * @param retryAfter how long until another send may be allowed, or {@code null} when waiting does not help
     *        (the flow has had its messages: the codes already sent, another method or a new step-up do).
     */
    public SendsLimitedException(String code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    /** @return how long until another send may be allowed; empty when waiting does not help. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
