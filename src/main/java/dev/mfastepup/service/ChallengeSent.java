package dev.mfastepup.service;

import dev.mfastepup.Factor;
import java.time.Duration;

/**
 * A challenge is pending: what the page asks for next.
 *
 * @param factor the factor challenged.
 * @param bindingCodeRequired {@code true} when the user must type a code Auth0 sent (SMS, voice, email).
 * @param pollInterval for push: how long to wait before polling; else zero.
 * @since 0.1
 */
public record ChallengeSent(Factor factor, boolean bindingCodeRequired, Duration pollInterval) {
}
