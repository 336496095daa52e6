package dev.mfastepup;

import dev.mfastepup.token.RefreshTokenSource;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A signed-in user for unit tests, whose subject and refresh token a test can change at any time. */
public final class TestCredentials implements RefreshTokenSource {

    /** The user, or {@code null} for nobody signed in. */
    public final AtomicReference<String> subject;
    /** The refresh token, or {@code null} for none. */
    public final AtomicReference<String> refreshToken;
    /** The login name, or {@code null} for none (the default). */
    public final AtomicReference<String> loginHint = new AtomicReference<>();

    /**
     * @param subject the user's {@code sub}.
     * @param refreshToken the user's refresh token.
     */
    public TestCredentials(String subject, String refreshToken) {
        this.subject = new AtomicReference<>(subject);
        this.refreshToken = new AtomicReference<>(refreshToken);
    }

    @Override
    public Optional<String> subject(HttpServletRequest request) {
        return Optional.ofNullable(subject.get());
    }

    @Override
    public Optional<String> refreshToken(HttpServletRequest request) {
        return Optional.ofNullable(refreshToken.get());
    }

    @Override
    public Optional<String> loginHint(HttpServletRequest request) {
        return Optional.ofNullable(loginHint.get());
    }
}
