package dev.mfastepup.pages;

import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.time.Duration;

/**
 * What a page does about a failure of a step of its flow, whichever set it belongs to ({@link PageFailures}).
 *
 * @since 0.2
 */
public sealed interface FailureAnswer {

    /**
     * The page shows again with a message, what the user typed and the flow intact: the user can fix it or try
     * again.
     *
     * @param field the input the message belongs to, or {@code null} for the page.
     * @param key the message's key in the pages' texts.
     * @param status the page's status, or {@code 0} for its usual one.
     * @param retryAfter the wait for a {@code Retry-After} header, or {@code null}.
     * @param codeUsedUp whether Auth0 may have used up the code typed (its answer was lost): the field is emptied.
     */
    record Stay(String field, String key, int status, Duration retryAfter, boolean codeUsedUp)
            implements FailureAnswer {
    }

    /**
     * The error page, for what ends the flow.
     *
     * @param reason the reason.
     * @param returnTo where "start again" leads, or {@code null}.
     * @param detail the minutes to wait or a flow id, or {@code null}.
     */
    record ToError(ErrorReason reason, ReturnTo returnTo, String detail) implements FailureAnswer {
    }

    /** Back to the choice of methods of the same flow (no challenge is pending). */
    record ToStart() implements FailureAnswer {
    }

    /**
     * On through Universal Login, for the same flow.
     *
     * @param flowId the flow.
     */
    record ToUniversalLogin(String flowId) implements FailureAnswer {
    }

    /**
     * The flow was completed lately (in another tab, or before a reload): back to the application.
     *
     * @param returnTo where the flow leads back to.
     */
    record Completed(ReturnTo returnTo) implements FailureAnswer {
    }
}
