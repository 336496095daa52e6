package dev.mfastepup.benchmarks;

import dev.mfastepup.client.model.TokenResponse;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.session.CachedAccessToken;
import dev.mfastepup.session.PendingStepUp;
import dev.mfastepup.session.PendingStepUps;
import dev.mfastepup.session.SessionContents;
import dev.mfastepup.session.SessionTokenStore;
import dev.mfastepup.session.StepUpFlows;
import dev.mfastepup.session.TokenKey;
import dev.mfastepup.token.AccessTokenService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Serialized session bytes per pending step-up (issue 5, item 4; target &lt; 4096 bytes): the session attributes
 * this module writes, serialized with Java serialization as a replicating or persisting container does. Prints a
 * Markdown table.
 */
public final class SessionSizeReport {

    /** The target of issue 5 for one pending step-up. */
    static final int TARGET_BYTES = 4096;
    /** A realistic {@code mfa_token}: Auth0's are JWTs of several hundred characters. */
    static final int MFA_TOKEN_LENGTH = 800;
    /** A realistic access token. */
    static final int ACCESS_TOKEN_LENGTH = 900;

    private SessionSizeReport() {
    }

    public static void main(String[] args) {
        MfaStepUpConfig config = Fixtures.config();
        Clock clock = Clock.systemUTC();
        StepUpFlows flows = new StepUpFlows(new ContextSealer(config.secrets(), config.contextTtl(), clock), clock,
                config.contextTtl());

        // One pending step-up, started as AccessTokenService starts it on mfa_required.
        MapSession one = new MapSession();
        PendingStepUp pending = flows.start(one, Fixtures.SUBJECT, Fixtures.DOMAIN,
                new TokenKey(Fixtures.AUDIENCE, Fixtures.SCOPE), Fixtures.jwtShaped(MFA_TOKEN_LENGTH, 3),
                Fixtures.threeFactorRequirements());
        int onePending = size(SessionContents.flowsHolder(one));

        // The most a session holds (PendingStepUps.MAX_FLOWS), for different APIs: the cost of each one more.
        MapSession full = new MapSession();
        for (int i = 0; i < PendingStepUps.MAX_FLOWS; i++) {
            flows.start(full, Fixtures.SUBJECT, Fixtures.DOMAIN, new TokenKey("https://api" + i + ".example.com",
                    Fixtures.SCOPE), Fixtures.jwtShaped(MFA_TOKEN_LENGTH, 10 + i), Fixtures.threeFactorRequirements());
        }
        int fullCount = SessionContents.flows(full).size();
        if (fullCount != PendingStepUps.MAX_FLOWS) {
            throw new IllegalStateException("expected " + PendingStepUps.MAX_FLOWS + " pending step-ups, found "
                    + fullCount);
        }
        int fivePending = size(SessionContents.flowsHolder(full));
        int perExtra = (fivePending - onePending) / (PendingStepUps.MAX_FLOWS - 1);

        // The tokens after a completed step-up: user, tenant, refresh token, one cached access token.
        MapSession done = new MapSession();
        SessionTokenStore store = new SessionTokenStore();
        store.bindSubject(done, Fixtures.SUBJECT);
        store.bindDomain(done, Fixtures.DOMAIN);
        TokenKey key = new TokenKey(Fixtures.AUDIENCE, Fixtures.SCOPE);
        TokenResponse granted = new TokenResponse(Fixtures.jwtShaped(ACCESS_TOKEN_LENGTH, 4), "Bearer", 86_400L, null,
                "v1.M" + Fixtures.jwtShaped(60, 5), Fixtures.SCOPE, null);
        CachedAccessToken token = AccessTokenService.accessToken(key, granted, Instant.now());
        store.completeStepUp(done, key, token, granted.refreshToken(), Instant.now());
        int tokensSize = size(store.tokens(done));

        System.out.println("| Session attribute | Contents | Serialized bytes | Target | Met |");
        System.out.println("|---|---|---:|---:|---|");
        System.out.printf("| `PendingStepUps` | 1 pending step-up from `StepUpFlows.start` (%d-char mfa_token, 3 factor"
                + " types; sealed context %d chars) | %d | < %d | %s |%n", MFA_TOKEN_LENGTH,
                pending.sealedContext().length(), onePending, TARGET_BYTES, onePending < TARGET_BYTES ? "yes" : "NO");
        System.out.printf("| `PendingStepUps` | %d pending step-ups (the most a session keeps); each one after the"
                + " first adds %d | %d | < %d each | %s |%n", PendingStepUps.MAX_FLOWS, perExtra, fivePending,
                TARGET_BYTES, perExtra < TARGET_BYTES ? "yes" : "NO");
        System.out.printf("| `SessionTokens` | user, tenant, refresh token, 1 cached access token (%d chars), 1"
                + " step-up record | %d | - | - |%n", ACCESS_TOKEN_LENGTH, tokensSize);
    }

    static int size(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.size();
    }
}
