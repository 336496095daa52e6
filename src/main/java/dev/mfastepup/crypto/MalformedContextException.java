package dev.mfastepup.crypto;

/**
 * Says why a sealed context was refused, as the cause of a {@link dev.mfastepup.MfaTokenInvalidException}, for
 * debugging only. Its messages are fixed texts that name the rule broken, never the offending value, because a
 * payload that fails to parse may still contain the raw {@code mfa_token}.
 */
final class MalformedContextException extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedContextException(String message) {
        super(message);
    }

    MalformedContextException(String message, Throwable cause) {
        super(message, cause);
    }
}
