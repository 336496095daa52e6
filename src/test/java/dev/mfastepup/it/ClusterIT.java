package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module in a cluster: two Payara Micro servers that replicate the sessions of a {@code <distributable/>}
 * application through Hazelcast, and share the counts of the limits through JCache ({@code mfa-stepup.limits.store}
 * at its default, {@code auto}). The browser moves from one server to the other in the middle of a step-up, as a
 * load balancer without sticky sessions would send it.
 */
@PayaraOnly("it starts a cluster of two Payara Micro processes of its own (PayaraCluster), whose sessions and limits' counts Hazelcast shares")
class ClusterIT {

    private static final String WRONG = "000000";

    private static PayaraCluster cluster;

    private final WireMockServer auth0 = Auth0Stub.server();
    private Browser first;
    private Browser second;

    @BeforeAll
    static void startTwoServers() {
        cluster = PayaraCluster.start(2, ItDeployments.distributablePagesWar("cluster-it.war",
                ItDeployments.unhurriedConfig(Auth0Stub.baseUrl())));
    }

    @AfterAll
    static void stopThem() {
        if (cluster != null) {
            cluster.close();
        }
        Auth0Stub.stop();
    }

    @BeforeEach
    void signInOnTheFirstServer() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-CANARY-CLUSTER");
        first = new Browser(cluster.base(1));
        second = first.at(cluster.base(2));
        // a user of each test alone: the limits' counts outlive the sessions
        String user = "auth0|cluster-" + UUID.randomUUID();
        assertEquals(200, first.call("login", "sub", user, "rt", "RT-CLUSTER").status());
    }

    @Test
    void sec36StepUpStartedOnOneServerCompletesOnTheOther() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-CANARY-CLUSTER"))));
        String flow = first.startFlow("reports?id=1");
        FacesForm code = first.codePage(flow, "totp|dev_1");

        // The code page came from the first server; its form goes to the second, view state and all.
        HttpResponse<String> verified = second.submit(code, code.body("mfa:code", "123456", "mfa:verify", "x"));

        assertEquals(303, verified.statusCode(), verified.body());
        assertTrue(verified.headers().firstValue("Location").orElseThrow().endsWith("/reports?id=1"));
        HttpResponse<String> report = second.exchange("reports?id=1", HttpRequest.newBuilder().GET());
        assertEquals(200, report.statusCode(), "the token is in the session: " + report.headers().map());
        assertTrue(report.body().contains("AT-CANARY-CLUSTER"));
        auth0.verify(1, otpGrants());
    }

    @Test
    void wrongCodesOnEitherServerCountTowardsTheSameLimits() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(aResponse()
                .withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid otp_code.\"}")));
        String flow = first.startFlow("reports?id=1");
        wrongCodes(first, first.codePage(flow, "totp|dev_1"), 3);

        // The flow's limit of 5: 3 wrong codes on the first server, 2 on the second. The sixth code ends the flow
        // on the second server without reaching Auth0.
        FacesForm code = second.form("mfa/code.xhtml?flow=" + flow);
        wrongCodes(second, code, 2);
        HttpResponse<String> sixth = second.submit(code, code.body("mfa:code", WRONG, "mfa:verify", "x"));

        assertEquals(303, sixth.statusCode(), sixth.body());
        assertTrue(sixth.headers().firstValue("Location").orElseThrow().contains("reason=expired"),
                sixth.headers().map().toString());
        auth0.verify(5, otpGrants());

        // The user's limit of 10 in a row: the 5 above and 5 in a new flow on the second server. The eleventh
        // is refused there without reaching Auth0.
        String next = second.startFlow("reports?id=1");
        FacesForm again = second.codePage(next, "totp|dev_1");
        wrongCodes(second, again, 5);
        HttpResponse<String> eleventh = second.submit(again, again.body("mfa:code", WRONG, "mfa:verify", "x"));

        assertEquals(303, eleventh.statusCode(), eleventh.body());
        assertTrue(eleventh.headers().firstValue("Location").orElseThrow().contains("reason=locked"),
                eleventh.headers().map().toString());
        auth0.verify(10, otpGrants());
    }

    private static void wrongCodes(Browser browser, FacesForm code, int count) {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> wrong = browser.submit(code, code.body("mfa:code", WRONG, "mfa:verify", "x"));
            assertEquals(200, wrong.statusCode(), "wrong code " + (i + 1) + ": " + wrong.body());
            assertTrue(wrong.body().contains("id=\"mfa:code\""), "the code page again");
        }
    }

    private static RequestPatternBuilder otpGrants() {
        return postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp"));
    }
}
