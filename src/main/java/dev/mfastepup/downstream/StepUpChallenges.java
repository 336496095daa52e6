package dev.mfastepup.downstream;

import dev.mfastepup.token.InsufficientUserAuthenticationException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a downstream API's RFC 9470 challenge into a step-up: a {@code 401} whose {@code WWW-Authenticate} says
 * {@code Bearer error="insufficient_user_authentication"}, with the {@code acr_values} and {@code max_age} the API
 * wants, becomes an {@link InsufficientUserAuthenticationException} with the same values, for the token of the
 * API's audience. Let it propagate: {@code MfaStepUpFilter} sends the user through Universal Login and back to the
 * page. Nothing is retried: once the user is back, the page calls the API again with the new token.
 *
 * <p>For the JDK's {@code HttpClient}:
 * <pre>
 * HttpResponse&lt;String&gt; answer = client.send(request, BodyHandlers.ofString());
 * StepUpChallenges.check(answer, "https://api.example.com", "transfer:funds");
 * </pre>
 * For a Jakarta REST or MicroProfile Rest Client, register {@link StepUpChallengeFilter}.
 *
 * @since 0.2
 */
public final class StepUpChallenges {

    /** RFC 9470's {@code acr_values}: space-separated policy identifiers of visible ASCII. */
    private static final String ACR = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";
    private static final Pattern ACR_VALUES = Pattern.compile(ACR + "( " + ACR + ")*");
    private static final Pattern SECONDS = Pattern.compile("[0-9]{1,9}");

    private StepUpChallenges() {
        // static only
    }

    /**
     * Throws the step-up a JDK {@code HttpClient} answer asks for, if it asks for one.
     *
     * @param response the downstream API's answer.
     * @param audience the API's audience (the token the step-up gets), or {@code null}.
     * @param scope the scope of that token, or {@code null}.
     * @throws InsufficientUserAuthenticationException when the answer is an RFC 9470 challenge.
     */
    public static void check(HttpResponse<?> response, String audience, String scope) {
        Optional<InsufficientUserAuthenticationException> demand = read(response.statusCode(),
                response.headers().allValues("WWW-Authenticate"), audience, scope);
        if (demand.isPresent()) {
            throw demand.get();
        }
    }

    /**
     * Reads the step-up an answer asks for.
     *
     * @param status the answer's status.
     * @param challenges its {@code WWW-Authenticate} values.
     * @param audience the API's audience, or {@code null}.
     * @param scope the scope of the token, or {@code null}.
     * @return the demand, when the answer is a {@code 401} with a Bearer challenge whose error is
     *         {@code insufficient_user_authentication}; a malformed {@code acr_values} or {@code max_age} is left
     *         out of it.
     */
    public static Optional<InsufficientUserAuthenticationException> read(int status, List<String> challenges,
            String audience, String scope) {
        if (status != 401 || challenges == null) {
            return Optional.empty();
        }
        for (String header : challenges) {
            Optional<Map<String, String>> bearer = BearerChallenges.bearer(header);
            if (bearer.isPresent()
                    && InsufficientUserAuthenticationException.CODE.equals(bearer.get().get("error"))) {
                String acr = bearer.get().get("acr_values");
                String maxAge = bearer.get().get("max_age");
                return Optional.of(new InsufficientUserAuthenticationException(audience, scope,
                        acr != null && ACR_VALUES.matcher(acr).matches() ? acr : null,
                        maxAge != null && SECONDS.matcher(maxAge).matches()
                                ? Duration.ofSeconds(Long.parseLong(maxAge)) : null));
            }
        }
        return Optional.empty();
    }
}
