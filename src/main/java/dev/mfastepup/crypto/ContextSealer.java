package dev.mfastepup.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.config.SecretRules;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Seals a {@link StepUpContext} into an opaque string that is safe to keep in a session, and opens it again,
 * refusing anything tampered with, expired, or bound to another flow.
 *
 * <p>A sealed context is a JWE in compact serialization with the protected header
 * {@code {"alg":"dir","enc":"A256CBC-HS512"}}, a random IV, and a 64-byte key derived from the application secret
 * with {@link Hkdf} (salt {@code "mfa_token"}, info {@code "Auth0 Generated Encryption"}). That is exactly the
 * encrypted {@code mfa_token} of the Auth0 Python SDK ({@code auth0-server-python}), so each side opens what the
 * other seals, given the same secret.
 *
 * <h2>Usage</h2>
 * <pre>
 * ContextSealer sealer = new ContextSealer(List.of(currentSecret, previousSecret), Duration.ofSeconds(300),
 *         Clock.systemUTC());
 * String sealed = sealer.seal(context);                          // store this, never the context
 * StepUpContext context = sealer.unseal(sealed, flowId, sub, domain, sessionBinding);
 * </pre>
 *
 * <h2>Binding</h2>
 * A context this module seals carries, besides the Python SDK's members, the flow id, the user's {@code sub}, the
 * Auth0 domain and a random value of the session it was sealed in ({@code session_binding}), all inside the
 * authenticated payload. Opening compares each with what the current request expects, in constant time. A context
 * copied into another session, even of the same user, is therefore refused like a tampered one (SEC-04). A context
 * without {@code session_binding} (the Python SDK's, or one sealed before this member existed) opens only where no
 * session binding is expected; the module's session path always expects one, so it refuses such a context.
 *
 * <h2>Secrets and rotation</h2>
 * The first secret seals; the later ones are previous secrets, tried in order only when opening with the earlier
 * ones fails to decrypt, so that adding a new secret in front does not break flows in progress (SEC-37). Dropping a
 * secret makes the contexts it sealed invalid. Each secret must have at least {@value #MIN_SECRET_BYTES} UTF-8
 * bytes (for example {@code openssl rand -hex 32}) and must not look like a placeholder (SEC-02).
 *
 * <h2>Failures</h2>
 * {@code unseal} throws only two exceptions, whatever the input. {@link MfaTokenInvalidException}: anything wrong
 * with the string, its key, its payload, its binding, or a {@code created_at} more than
 * {@value #MAX_CLOCK_SKEW_SECONDS} s in the future; all alike, with at most a cause for debugging that holds no
 * secret (SEC-03). {@link MfaTokenExpiredException}: a context that opened, is bound to the caller, and is more
 * than the time to live old; exactly the time to live old is still valid (SEC-05). The binding is checked before
 * the age, so a context copied from another flow is always invalid, never expired, and tells nothing about its age.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-5.2.5">RFC 7518 §5.2.5, A256CBC-HS512</a>
 */
public final class ContextSealer {

    // Constants ------------------------------------------------------------------------------------------------------

    /** The shortest secret accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = SecretRules.MIN_SECRET_BYTES;

    /** The longest time to live accepted: Auth0's {@code mfa_token} lives 10 minutes and cannot be configured. */
    public static final Duration MAX_TTL = Duration.ofSeconds(600);

    /** The time to live of the Python SDK ({@code DEFAULT_MFA_TOKEN_TTL}). */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(300);

    /** How far in the future a {@code created_at} may be, to allow for clocks that differ between nodes. */
    public static final long MAX_CLOCK_SKEW_SECONDS = 30;

    /** The longest raw {@code mfa_token} that is sealed; Auth0's are far shorter. */
    public static final int MAX_MFA_TOKEN_LENGTH = 8192;

    /** The longest sealed string that {@code unseal} opens; longer input is invalid without being parsed. */
    public static final int MAX_SEALED_LENGTH = SealedFormat.MAX_SEALED_LENGTH;


    // Properties -----------------------------------------------------------------------------------------------------

    private final List<SecretKey> keys;
    private final long ttlSeconds;
    private final Clock clock;

    // Constructors ---------------------------------------------------------------------------------------------------

    /**
     * Derives a key from each secret and checks the settings; a bad setting fails here, at startup.
     *
     * @param secrets the current secret first, then any previous secrets still accepted for opening; never empty.
     * @param ttl how long a context stays valid after its {@code createdAt}, in whole seconds from 1 to 600.
     * @param clock the clock that tells the current time, {@code Clock.systemUTC()} outside tests.
     * @throws IllegalArgumentException if a secret is missing, short or a placeholder, or the time to live is out of
     *         range; the message names the setting, never the secret.
     */
    public ContextSealer(List<String> secrets, Duration ttl, Clock clock) {
        Objects.requireNonNull(secrets, "secrets cannot be null");
        Objects.requireNonNull(ttl, "ttl cannot be null");
        this.clock = Objects.requireNonNull(clock, "clock cannot be null");
        if (ttl.getNano() != 0 || ttl.getSeconds() < 1 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be a whole number of seconds from 1 to "
                    + MAX_TTL.getSeconds() + ", was " + ttl);
        }
        this.ttlSeconds = ttl.getSeconds();
        this.keys = SealingKeys.derive(secrets);
    }

    // Actions --------------------------------------------------------------------------------------------------------

    /**
     * Checks a secret against the rules the constructor applies ({@link SecretRules}): not blank, at least
     * {@value #MIN_SECRET_BYTES} UTF-8 bytes, not a placeholder.
     *
     * @param secret the secret to check.
     * @return what is wrong with it (never quoting it), or empty when it is usable.
     */
    public static Optional<String> secretProblem(String secret) {
        return SecretRules.problem(secret);
    }

    /**
     * Seals a context with the current secret. Sealing the same context twice gives different strings.
     *
     * @param context the context to seal; its {@code createdAt} is kept as it is.
     * @return the sealed context, at most {@value #MAX_SEALED_LENGTH} characters of base64url and dots.
     * @throws IllegalArgumentException if the raw token is empty or longer than {@value #MAX_MFA_TOKEN_LENGTH}
     *         characters, a requirement has no type, or the result would be too long to open again.
     */
    public String seal(StepUpContext context) {
        Objects.requireNonNull(context, "context cannot be null");
        int tokenLength = context.mfaToken().length();
        if (tokenLength == 0 || tokenLength > MAX_MFA_TOKEN_LENGTH) {
            throw new IllegalArgumentException("mfaToken must have 1 to " + MAX_MFA_TOKEN_LENGTH
                    + " characters, had " + tokenLength);
        }
        byte[] plaintext = ContextJson.write(context).getBytes(UTF_8);
        try {
            JWEObject jwe = new JWEObject(SealedFormat.header(), new Payload(plaintext));
            jwe.encrypt(new DirectEncrypter(keys.get(0)));
            String sealed = jwe.serialize();
            if (sealed.length() > MAX_SEALED_LENGTH) {
                throw new IllegalArgumentException("the sealed context would have " + sealed.length()
                        + " characters, more than " + MAX_SEALED_LENGTH + "; the audience or scope is too long");
            }
            return sealed;
        } catch (JOSEException e) {
            // Only a broken JCA provider gets here: the key and header are fixed and valid.
            throw new IllegalStateException("Could not seal the step-up context", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Opens a sealed context and checks its age, but not whom it belongs to. Use it for contexts sealed by the
     * Python SDK, which have no binding; use {@link #unseal(String, String, String, String)} for this module's own.
     *
     * @param sealed the sealed string, as found in the session; may be anything, {@code null} included.
     * @return the context, which is at most the time to live old.
     * @throws MfaTokenInvalidException if the string cannot be opened or used, for any reason.
     * @throws MfaTokenExpiredException if the context is older than the time to live.
     */
    public StepUpContext unseal(String sealed) {
        StepUpContext context = open(sealed);
        checkAge(context);
        return context;
    }

    /**
     * Opens a sealed context, checks that it belongs to this flow, user and Auth0 domain and to no session, then
     * checks its age: {@link #unseal(String, String, String, String, String)} with no session binding expected.
     *
     * @param sealed the sealed string, as found in the session; may be anything, {@code null} included.
     * @param expectedFlowId the flow id the request names.
     * @param expectedSubject the {@code sub} of the user signed in to the session.
     * @param expectedDomain the Auth0 domain resolved for this request.
     * @return the context, bound to the expected values and at most the time to live old.
     * @throws MfaTokenInvalidException if the string cannot be opened or used, or is bound to something else,
     *         a session included.
     * @throws MfaTokenExpiredException if the context is bound as expected but older than the time to live.
     */
    public StepUpContext unseal(String sealed, String expectedFlowId, String expectedSubject, String expectedDomain) {
        return unseal(sealed, expectedFlowId, expectedSubject, expectedDomain, null);
    }

    /**
     * Opens a sealed context, checks that it belongs to this flow, user, Auth0 domain and session, then checks its
     * age. Each expected value must equal the context's; {@code null} matches only {@code null}, so a caller that
     * serves a session passes that session's value and a context without one is refused.
     *
     * @param sealed the sealed string, as found in the session; may be anything, {@code null} included.
     * @param expectedFlowId the flow id the request names.
     * @param expectedSubject the {@code sub} of the user signed in to the session.
     * @param expectedDomain the Auth0 domain resolved for this request.
     * @param expectedSessionBinding the random value of the current session, as sealed into its contexts.
     * @return the context, bound to the expected values and at most the time to live old.
     * @throws MfaTokenInvalidException if the string cannot be opened or used, or is bound to something else.
     * @throws MfaTokenExpiredException if the context is bound as expected but older than the time to live.
     */
    public StepUpContext unseal(String sealed, String expectedFlowId, String expectedSubject, String expectedDomain,
            String expectedSessionBinding) {
        StepUpContext context = open(sealed);
        // Non-short-circuit '&': all four comparisons always run (SEC-04).
        boolean bound = matches(expectedFlowId, context.flowId())
                & matches(expectedSubject, context.subject())
                & matches(expectedDomain, context.domain())
                & matches(expectedSessionBinding, context.sessionBinding());
        if (!bound) {
            throw new MfaTokenInvalidException(new MalformedContextException(
                    "the context belongs to another flow, user, domain or session"));
        }
        checkAge(context);
        return context;
    }

    @Override
    public String toString() {
        return "ContextSealer[keys=" + keys.size() + ", ttl=" + ttlSeconds + "s]";
    }

    // Helpers --------------------------------------------------------------------------------------------------------

    private StepUpContext open(String sealed) {
        try {
            SealedFormat.Parts parts = SealedFormat.parse(sealed);
            byte[] plaintext = decrypt(parts);
            try {
                return ContextJson.read(new String(plaintext, UTF_8));
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (MalformedContextException e) {
            throw new MfaTokenInvalidException(e);
        }
    }

    /** Tries the current key, then each previous key, only while decryption fails (SEC-37). */
    private byte[] decrypt(SealedFormat.Parts parts) throws MalformedContextException {
        // RFC 7516 §5.2 step 14: the AAD is the protected header exactly as received, in ASCII.
        byte[] aad = parts.header().toBase64URL().toString().getBytes(US_ASCII);
        JOSEException first = null;
        for (SecretKey key : keys) {
            try {
                // The header was checked to be dir + A256CBC-HS512 with nothing else, so no crit or zip is seen here.
                return new DirectDecrypter(key).decrypt(parts.header(), null, parts.iv(), parts.cipherText(),
                        parts.tag(), aad);
            } catch (JOSEException e) {
                first = first == null ? e : first;
            }
        }
        throw new MalformedContextException("no key opens the sealed context", first);
    }

    private void checkAge(StepUpContext context) {
        long now = clock.instant().getEpochSecond();
        long createdAt = context.createdAt();
        // Written as comparisons rather than 'now - createdAt' so that an extreme createdAt cannot overflow.
        if (createdAt > now + MAX_CLOCK_SKEW_SECONDS) {
            throw new MfaTokenInvalidException(new MalformedContextException(
                    "created_at is more than " + MAX_CLOCK_SKEW_SECONDS + " s in the future"));
        }
        if (createdAt < now - ttlSeconds) {
            throw new MfaTokenExpiredException();
        }
    }

    private static boolean matches(String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        return MessageDigest.isEqual(expected.getBytes(UTF_8), actual.getBytes(UTF_8));
    }
}
