package dev.mfastepup.emulator;

import java.time.Instant;

/**
 * What a login through {@code /authorize} established, kept with its authorization code for the ID token.
 *
 * @param authTime when the user entered the password of the login session: the ID token's {@code auth_time}.
 * @param multiFactor whether a second factor was done in that session: the ID token's {@code amr: ["mfa"]}.
 * @param multiFactorPolicyAsked whether the request's {@code acr_values} asked for the multi-factor policy; with
 *        {@code multiFactor}, the ID token's {@code acr}.
 */
public record LoginFacts(Instant authTime, boolean multiFactor, boolean multiFactorPolicyAsked) {
}
