package dev.mfastepup.downstream;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import java.util.List;

/**
 * A Jakarta REST client filter that turns a downstream API's RFC 9470 challenge into a step-up (see
 * {@link StepUpChallenges}). Register it on the client that calls the API:
 * <pre>
 * &#64;RegisterRestClient(configKey = "payments")
 * &#64;RegisterProvider(StepUpChallengeFilter.class)
 * public interface PaymentsApi { ... }
 * </pre>
 * or, to name the token the step-up gets, {@code RestClientBuilder.newBuilder().register(new
 * StepUpChallengeFilter("https://payments.example.com", "transfer"))}. The client runtime wraps the exception it
 * throws (in a {@code ResponseProcessingException}); {@code MfaStepUpFilter} finds it in the cause chain.
 *
 * @since 0.2
 */
public class StepUpChallengeFilter implements ClientResponseFilter {

    private final String audience;
    private final String scope;

    /** A filter whose step-up gets a token of no particular audience. */
    public StepUpChallengeFilter() {
        this(null, null);
    }

    /**
     * A filter whose step-up gets the token of the API's audience and scope.
     *
     * @param audience the API's audience, or {@code null}.
     * @param scope the scope, or {@code null}.
     */
    public StepUpChallengeFilter(String audience, String scope) {
        this.audience = audience;
        this.scope = scope;
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        List<String> challenges = response.getHeaders().get("WWW-Authenticate");
        StepUpChallenges.read(response.getStatus(), challenges, audience, scope).ifPresent(demand -> {
            throw demand;
        });
    }
}
