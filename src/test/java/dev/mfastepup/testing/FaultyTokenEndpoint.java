package dev.mfastepup.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Auth0's token endpoint under the fault plan's F23: a WireMock transformer that answers a random share of the
 * grants with a fault and the others with a token the test derives from the grant's form, so that each user's
 * token is that user's own. Register it with the server ({@code extensions(...)}), then stub the grants with
 * {@code aResponse().withTransformers(FaultyTokenEndpoint.NAME)}.
 *
 * <p>The faults: {@code F2} an answer slower than the client's deadline, {@code F6} a connection reset after the
 * request was read, {@code F9} a 500 with a JSON error, {@code F10} a 503 gateway page in HTML.
 */
public final class FaultyTokenEndpoint implements ResponseDefinitionTransformerV2 {

    /** The transformer's name, for {@code withTransformers}. */
    public static final String NAME = "faulty-token-endpoint";

    private volatile double faultRate;
    private volatile List<String> kinds = List.of();
    private volatile Duration slow = Duration.ZERO;
    private volatile Function<Map<String, String>, String> accessTokenOf = form -> "AT-UNSET";
    private final AtomicInteger answeredWithToken = new AtomicInteger();
    private final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();

    /**
     * Sets what the next grants get, and starts the counts again.
     *
     * @param rate the share of grants answered with a fault, 0 to 1.
     * @param faultKinds the faults to choose from, evenly: {@code F2}, {@code F6}, {@code F9}, {@code F10}.
     * @param slowFor how long an {@code F2} answer takes.
     * @param tokenOf the access token of a grant that succeeds, from the grant's form fields.
     */
    public void configure(double rate, List<String> faultKinds, Duration slowFor,
            Function<Map<String, String>, String> tokenOf) {
        this.faultRate = rate;
        this.kinds = List.copyOf(faultKinds);
        this.slow = slowFor;
        this.accessTokenOf = tokenOf;
        answeredWithToken.set(0);
        faults.clear();
    }

    /** @return how many grants were answered with a token. */
    public int answeredWithToken() {
        return answeredWithToken.get();
    }

    /** @return how many grants got each fault. */
    public Map<String, Integer> faults() {
        Map<String, Integer> counts = new TreeMap<>();
        faults.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (kinds.isEmpty() || random.nextDouble() >= faultRate) {
            answeredWithToken.incrementAndGet();
            String token = accessTokenOf.apply(form(event.getRequest().getBodyAsString()));
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                    .build();
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        return switch (kind) {
            case "F2" -> aResponse().withStatus(200).withFixedDelay((int) slow.toMillis()).withBody("{}").build();
            case "F6" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case "F9" -> aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"server_error\",\"error_description\":\"Internal error\"}").build();
            case "F10" -> aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>").build();
            default -> throw new IllegalStateException("no such fault: " + kind);
        };
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : body.split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
