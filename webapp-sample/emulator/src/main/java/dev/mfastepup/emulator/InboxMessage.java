package dev.mfastepup.emulator;

import java.time.Instant;

/**
 * A code "sent" to a user by SMS, voice call or e-mail; shown on the device page and by the test hook.
 *
 * @param channel {@code sms}, {@code voice} or {@code email}.
 * @param to the phone number or address it went to.
 * @param code the 6-digit code.
 * @param at when it was sent.
 */
public record InboxMessage(String channel, String to, String code, Instant at) {
}
