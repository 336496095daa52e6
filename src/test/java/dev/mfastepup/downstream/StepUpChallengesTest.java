package dev.mfastepup.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.token.InsufficientUserAuthenticationException;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9470: a downstream API's {@code insufficient_user_authentication} challenge becomes a step-up. */
class StepUpChallengesTest {

    private static final String CHALLENGE = "Bearer error=\"insufficient_user_authentication\","
            + " error_description=\"A different authentication level is required\","
            + " acr_values=\"myACR\", max_age=5";

    @Test
    void sec40ADownstreamChallengesAcrValuesAndMaxAgeAreAskedFor() {
        InsufficientUserAuthenticationException demand = StepUpChallenges.read(401, List.of(CHALLENGE),
                "https://api.example.com", "transfer").orElseThrow();

        assertEquals(Optional.of("myACR"), demand.acrValues());
        assertEquals(Optional.of(Duration.ofSeconds(5)), demand.maxAge());
        assertEquals(Optional.of("https://api.example.com"), demand.audience());
        assertEquals(Optional.of("transfer"), demand.scope());
    }

    @Test
    void rfc9470OnlyA401WithThatErrorIsAChallenge() {
        assertTrue(StepUpChallenges.read(403, List.of(CHALLENGE), null, null).isEmpty());
        assertTrue(StepUpChallenges.read(401, List.of("Bearer error=\"invalid_token\""), null, null).isEmpty());
        assertTrue(StepUpChallenges.read(401, List.of("Basic realm=\"x\""), null, null).isEmpty());
        assertTrue(StepUpChallenges.read(401, List.of(), null, null).isEmpty());
        assertTrue(StepUpChallenges.read(401, null, null, null).isEmpty());
    }

    @Test
    void rfc9470TheBearerChallengeIsFoundBesideOthersAndInAnyCase() {
        Optional<InsufficientUserAuthenticationException> demand = StepUpChallenges.read(401, List.of(
                "Basic realm=\"api\", bearer ERROR=insufficient_user_authentication, max_age=60"), null, null);

        assertEquals(Optional.of(Duration.ofSeconds(60)), demand.orElseThrow().maxAge());
        assertTrue(demand.orElseThrow().acrValues().isEmpty());
    }

    @Test
    void rfc9470MalformedValuesAreLeftOutNotGuessed() {
        InsufficientUserAuthenticationException demand = StepUpChallenges.read(401, List.of(
                "Bearer error=\"insufficient_user_authentication\", acr_values=\"a\\\"b\", max_age=-1"), null, null)
                .orElseThrow();

        assertTrue(demand.acrValues().isEmpty(), "a quote in acr_values");
        assertTrue(demand.maxAge().isEmpty(), "a negative max_age");
        assertTrue(StepUpChallenges.read(401, List.of("Bearer error=\"insufficient_user_authentication"), null, null)
                .isEmpty(), "an unterminated quoted string");
    }

    @Test
    void quotedStringsKeepTheirCommasAndEscapes() {
        Map<String, String> params = BearerChallenges.bearer(
                "Bearer realm=\"a, b\", error_description=\"say \\\"hi\\\"\", error=x").orElseThrow();

        assertEquals("a, b", params.get("realm"));
        assertEquals("say \"hi\"", params.get("error_description"));
        assertEquals("x", params.get("error"));
    }

    @Test
    void sec40TheClientFilterThrowsADownstreamDemandAndLetsOtherAnswersPass() {
        StepUpChallengeFilter filter = new StepUpChallengeFilter("https://api.example.com", null);
        ClientResponseContext challenged = response(401, CHALLENGE);

        InsufficientUserAuthenticationException thrown = assertThrows(InsufficientUserAuthenticationException.class,
                () -> filter.filter(mock(ClientRequestContext.class), challenged));
        assertEquals(Optional.of("https://api.example.com"), thrown.audience());

        filter.filter(mock(ClientRequestContext.class), response(200, null));
        filter.filter(mock(ClientRequestContext.class), response(401, "Bearer error=\"invalid_token\""));
        assertSame(InsufficientUserAuthenticationException.CODE, thrown.code());
    }

    private static ClientResponseContext response(int status, String challenge) {
        ClientResponseContext response = mock(ClientResponseContext.class);
        MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
        if (challenge != null) {
            headers.add("WWW-Authenticate", challenge);
        }
        when(response.getStatus()).thenReturn(status);
        when(response.getHeaders()).thenReturn(headers);
        return response;
    }
}
