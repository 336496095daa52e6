package dev.mfastepup.emulator;

import java.net.URI;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameters of an {@code /authorize} request, as they travel from the query to the login pages' hidden fields
 * and back, with what they mean for the login session. Values the emulator does not know are ignored, as Auth0
 * ignores them; only a malformed {@code max_age} and {@code prompt=none} with another value are refused.
 */
public final class AuthorizeRequest {

    /** The parameters, in the order the hidden fields carry them. */
    public static final String[] CARRIED = {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
        "code_challenge", "code_challenge_method", "audience", "acr_values", "max_age", "prompt", "login_hint"};

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private final Map<String, String> params;

    private AuthorizeRequest(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /**
     * Reads the parameters.
     *
     * @param source the value of each of {@link #CARRIED}, or {@code null}.
     * @return the request.
     */
    public static AuthorizeRequest of(Function<String, String> source) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : CARRIED) {
            params.put(name, source.apply(name));
        }
        return new AuthorizeRequest(params);
    }

    /** @return every parameter, for the hidden fields ({@code null} values are left out there). */
    public Map<String, String> params() {
        return params;
    }

    /**
     * Returns a parameter.
     *
     * @param name its name.
     * @return its value, or {@code null}.
     */
    public String get(String name) {
        return params.get(name);
    }

    /** @return the {@code prompt} values (OpenID Connect spells them in lower case); empty when there are none. */
    public Set<String> prompt() {
        String prompt = params.get("prompt");
        if (prompt == null || prompt.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(prompt.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Returns {@code max_age}.
     *
     * @return the seconds, or empty when it is absent or blank; a number too large for a {@code long} is
     *         {@link Long#MAX_VALUE}, which never expires.
     */
    public OptionalLong maxAge() {
        String maxAge = params.get("max_age");
        if (maxAge == null || maxAge.isBlank() || !DIGITS.matcher(maxAge.trim()).matches()) {
            return OptionalLong.empty();
        }
        String digits = maxAge.trim();
        return OptionalLong.of(digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits));
    }

    /** @return whether {@code acr_values} asks for the multi-factor policy. */
    public boolean asksForMultiFactor() {
        String acrValues = params.get("acr_values");
        return acrValues != null && Arrays.asList(acrValues.trim().split("\\s+")).contains(LoginClaims.MFA_POLICY);
    }

    /** @return the non-blank {@code login_hint}, or {@code null}. */
    public String loginHint() {
        String hint = params.get("login_hint");
        return hint == null || hint.isBlank() ? null : hint.trim();
    }

    /** @return the {@code scope}, {@code openid} when none was given. */
    public String scope() {
        String scope = params.get("scope");
        return scope == null || scope.isBlank() ? "openid" : scope;
    }

    /**
     * Returns why a request with a valid client and {@code redirect_uri} is refused, to be sent back to the
     * client: {@code unsupported_response_type} for anything but {@code code}; {@code invalid_request} for a
     * {@code max_age} that is not a number of seconds, and for {@code prompt=none} with another value, which
     * OpenID Connect Core (3.1.2.1) forbids.
     *
     * @return the refusal, or empty when the request is fine.
     */
    public Optional<Refusal> refusal() {
        if (!"code".equals(params.get("response_type"))) {
            return Optional.of(new Refusal("unsupported_response_type", "Unsupported response_type"));
        }
        String maxAge = params.get("max_age");
        if (maxAge != null && !maxAge.isBlank() && !DIGITS.matcher(maxAge.trim()).matches()) {
            return Optional.of(new Refusal("invalid_request", "max_age must be a number of seconds"));
        }
        Set<String> prompt = prompt();
        if (prompt.contains("none") && prompt.size() > 1) {
            return Optional.of(new Refusal("invalid_request", "prompt=none cannot be combined with other values"));
        }
        return Optional.empty();
    }

    /**
     * Tells whether a text is an absolute http or https URL, the only redirect targets the demo client may use.
     *
     * @param text the text.
     * @return whether it is one.
     */
    public static boolean isWebUrl(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An OAuth error for the client's {@code redirect_uri}.
     *
     * @param error the error code.
     * @param description the {@code error_description}.
     */
    public record Refusal(String error, String description) {
    }
}
