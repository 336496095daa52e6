package dev.mfastepup.benchmarks;

import static org.mockito.Mockito.mock;

import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.config.LimitsStore;
import dev.mfastepup.config.MfaStepUpConfig;
import dev.mfastepup.crypto.ContextSealer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** What the benchmarks share: a configuration, realistic tokens and requirements, a request with a session. */
final class Fixtures {

    static final String DOMAIN = "tenant.example.auth0.com";
    static final String CLIENT_ID = "bench-client-id";
    /** A module secret of 64 hex characters, as {@code openssl rand -hex 32} prints. */
    static final String SECRET = "3b9e1f7ac20d4e68b5f1c9a7e3d20b4f8a6c1e9d7b3f5a0c2e4d6b8f1a3c5e7d";
    static final String SUBJECT = "auth0|64f1c2b7e9d4a6f30b5e2c8d";
    static final String AUDIENCE = "https://reports.example.com";
    static final String SCOPE = "read:reports write:reports";
    /** A base URL where nothing listens: a cache hit must not call Auth0. */
    static final URI NOWHERE = URI.create("http://127.0.0.1:9/");

    private static final String BASE64URL =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Fixtures() {
    }

    static MfaStepUpConfig config() {
        return new MfaStepUpConfig(DOMAIN, CLIENT_ID, Optional.of("bench-client-secret"), List.of(SECRET),
                ContextSealer.DEFAULT_TTL, Duration.ofMillis(500), Duration.ofMillis(800), Duration.ofMillis(1500),
                Optional.of(NOWHERE), Duration.ofSeconds(30), 8, LimitsStore.MEMORY);
    }

    /**
     * A JWT-shaped string of exactly {@code length} characters: three base64url parts joined by dots.
     *
     * @param length the length, at least 5.
     * @param seed the seed, so that runs are alike.
     * @return the token.
     */
    static String jwtShaped(int length, long seed) {
        Random random = new Random(seed);
        StringBuilder token = new StringBuilder(length);
        int firstDot = Math.min(36, length / 4);
        int secondDot = length - Math.min(86, length / 4);
        for (int i = 0; i < length; i++) {
            token.append(i == firstDot || i == secondDot ? '.' : BASE64URL.charAt(random.nextInt(64)));
        }
        return token.toString();
    }

    /** @return Auth0's answer when the user has three factors to choose from. */
    static StepUpRequirements threeFactorRequirements() {
        return new StepUpRequirements(null, List.of("otp", "phone", "push-notification"));
    }

    /**
     * A request whose session is a {@link MapSession}. Only {@code getSession} is answered by plain code; the
     * rest goes to a Mockito mock, which the cache-hit path never calls.
     *
     * @param session the session.
     * @return the request.
     */
    static HttpServletRequest request(HttpSession session) {
        return new HttpServletRequestWrapper(mock(HttpServletRequest.class)) {
            @Override
            public HttpSession getSession(boolean create) {
                return session;
            }

            @Override
            public HttpSession getSession() {
                return session;
            }

            @Override
            public String getServerName() {
                return "app.example.com";
            }
        };
    }

    static Clock systemClock() {
        return Clock.systemUTC();
    }
}
