package dev.mfastepup.client;

import dev.mfastepup.client.model.AssociateRequest;
import dev.mfastepup.client.model.Authenticator;
import dev.mfastepup.client.model.ChallengeRequest;
import dev.mfastepup.client.model.ChallengeResponse;
import dev.mfastepup.client.model.EnrollmentResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import java.util.List;

/**
 * The calls of Auth0's MFA API: list, enroll and delete authenticators, and send a challenge. An answer that lacks
 * what its operation needs (an enrollment without its secret, an out-of-band challenge without its code) is
 * {@code idp_bad_response}, never a half-filled success.
 */
final class MfaApiCalls {

    private final MfaStepUpConfig config;
    private final TenantRestClients clients;
    private final GuardedCalls calls;

    MfaApiCalls(MfaStepUpConfig config, TenantRestClients clients, GuardedCalls calls) {
        this.config = config;
        this.clients = clients;
        this.calls = calls;
    }

    /** {@code GET /mfa/authenticators}: those with an id and a type. */
    List<Authenticator> listAuthenticators(String domain, String mfaToken) {
        String operation = "GET /mfa/authenticators";
        List<Authenticator> listed = calls.call(domain, "GET", Auth0Call.AUTHENTICATORS, operation,
                () -> clients.api(domain).listAuthenticators(bearer(mfaToken)));
        if (listed == null) {
            throw IdpFailures.badResponse(operation, "no list");
        }
        return listed.stream().filter(a -> a != null && a.id() != null && a.authenticatorType() != null).toList();
    }

    /** {@code POST /mfa/associate}: an OTP enrollment with its secret and QR URI, or an out-of-band one. */
    EnrollmentResponse associate(String domain, String mfaToken, AssociateRequest request) {
        String operation = "POST /mfa/associate";
        EnrollmentResponse enrollment = calls.call(domain, "POST", Auth0Call.ASSOCIATE, operation,
                () -> clients.api(domain).associate(bearer(mfaToken), request));
        if (enrollment == null || enrollment.authenticatorType() == null) {
            throw IdpFailures.badResponse(operation, "no authenticator type");
        }
        switch (enrollment.authenticatorType()) {
            case "otp" -> {
                if (enrollment.secret() == null || enrollment.barcodeUri() == null) {
                    throw IdpFailures.badResponse(operation, "an OTP enrollment without secret or barcode URI");
                }
            }
            case "oob" -> {
                if (enrollment.oobChannel() == null || enrollment.oobCode() == null) {
                    throw IdpFailures.badResponse(operation, "an out-of-band enrollment without channel or code");
                }
            }
            default -> throw IdpFailures.badResponse(operation,
                    "Unexpected authenticator type: " + IdpFailures.safe(enrollment.authenticatorType()));
        }
        // An answer for another factor than the one asked for would have the user confirm what they never chose.
        boolean otpAsked = request.authenticatorTypes().contains("otp");
        String channelAsked = otpAsked || request.oobChannels() == null || request.oobChannels().isEmpty() ? null
                : request.oobChannels().get(0);
        if (otpAsked != "otp".equals(enrollment.authenticatorType())
                || !otpAsked && !sameChannel(channelAsked, enrollment.oobChannel())) {
            throw IdpFailures.badResponse(operation, "another factor than the one enrolled");
        }
        return enrollment;
    }

    /** {@code POST /mfa/challenge}; the client authenticates in the JSON body. */
    ChallengeResponse challenge(String domain, String mfaToken, String challengeType, String authenticatorId) {
        String operation = "POST /mfa/challenge";
        ChallengeRequest request = new ChallengeRequest(mfaToken, config.clientId(), challengeType,
                config.clientSecret().orElse(null),
                authenticatorId == null || authenticatorId.isEmpty() ? null : authenticatorId);
        ChallengeResponse challenge = calls.call(domain, "POST", Auth0Call.CHALLENGE, operation,
                () -> clients.api(domain).challenge(request));
        if (challenge == null || challenge.challengeType() == null) {
            throw IdpFailures.badResponse(operation, "no challenge type");
        }
        if ("oob".equals(challenge.challengeType()) && challenge.oobCode() == null) {
            throw IdpFailures.badResponse(operation, "an out-of-band challenge without code");
        }
        return challenge;
    }

    /** {@code DELETE /mfa/authenticators/{id}}. */
    void deleteAuthenticator(String domain, String bearerToken, String authenticatorId) {
        calls.call(domain, "DELETE", Auth0Call.AUTHENTICATORS + "/{id}", "DELETE /mfa/authenticators/{id}", () -> {
            clients.api(domain).deleteAuthenticator(bearer(bearerToken), authenticatorId);
            return null;
        });
    }

    /**
     * Whether the channel of Auth0's answer is the one asked for. A phone is one authenticator for texts and calls,
     * and Auth0 documents only the answer to an SMS enrolment: a voice enrolment answered with {@code sms} (or the
     * other way round) is the same phone, not another factor.
     */
    private static boolean sameChannel(String asked, String answered) {
        return answered.equals(asked) || isPhone(asked) && isPhone(answered);
    }

    private static boolean isPhone(String channel) {
        return "sms".equals(channel) || "voice".equals(channel);
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }
}
