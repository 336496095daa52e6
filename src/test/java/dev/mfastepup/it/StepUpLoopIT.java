package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEC-40, the part that is built: when Auth0 asks for MFA again right after a step-up completed, the user gets one
 * step-up and then the loop page, never a second step-up and never a redirect loop. The whole exchange is followed
 * request by request, as a browser would, and every answer is counted: four redirects in all (to the MFA page, to
 * the code page after the user chose a factor, back to the report, to the loop page), one code sent to Auth0.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StepUpLoopIT {

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("step-up-loop-it.war", ItDeployments.unhurriedConfig(Auth0Stub.baseUrl()));
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void sec40WhenAuth0AsksAgainRightAfterAStepUpThenOneStepUpThenTheLoopPageAndNoMoreRedirects() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-LOOP");
        // A token that expires within the refresh margin: every request asks Auth0 again, which asks for MFA again.
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).atPriority(1)
                .willReturn(okJson("{\"access_token\":\"AT-LOOP\",\"token_type\":\"Bearer\",\"expires_in\":5}")));
        Browser browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|loop", "rt", "RT-LOOP").status());
        int mark = ServerLog.length();
        List<String> answers = new ArrayList<>();

        // The user opens the page, follows every redirect, and acts only where a page asks for it.
        HttpResponse<String> answer = navigate(browser, answers, "reports?id=40");
        FacesForm start = FacesForm.of(answer.body());
        answer = follow(browser, answers, browser.submit(start, start.body("mfa:authenticator", "totp|dev_1",
                "mfa:continue", "x")));
        FacesForm code = FacesForm.of(answer.body());
        answer = follow(browser, answers, browser.submit(code, code.body("mfa:code", "402613", "mfa:verify", "x")));

        assertEquals(List.of(
                        "GET reports?id=40 303", "GET mfa/index.xhtml 200",
                        "POST mfa/index.xhtml 303", "GET mfa/code.xhtml 200",
                        "POST mfa/code.xhtml 303", "GET reports?id=40 303", "GET mfa/error.xhtml 502"),
                answers);
        assertTrue(answer.request().uri().getQuery().startsWith("reason=loop&"), answer.request().uri().toString());
        assertTrue(answer.body().contains("id=\"explanation\""), answer.body());
        ServerLog.text();
        String log = ServerLog.since(mark);
        assertEquals(2, count(log, "INFO", "mfa.step_up_started "), "the step-up and the demand right after it");
        assertEquals(1, count(log, "INFO", "mfa.verify_succeeded "), "one step-up completed");
        assertEquals(1, count(log, "WARNING", "mfa.step_up_loop "), log);
        assertEquals(1, auth0.findAll(postRequestedFor(urlEqualTo("/oauth/token"))
                .withRequestBody(containing("mfa-otp"))).size(), "one code sent to Auth0");
    }

    /** Opens a path and follows its redirects. */
    private HttpResponse<String> navigate(Browser browser, List<String> answers, String path) {
        HttpResponse<String> answer = browser.exchange(path, HttpRequest.newBuilder().header("Accept", "text/html").GET());
        answers.add("GET " + path + " " + answer.statusCode());
        return follow(browser, answers, answer);
    }

    /** Follows redirects as a browser does, at most ten, recording each answer. */
    private HttpResponse<String> follow(Browser browser, List<String> answers, HttpResponse<String> answer) {
        if (answer.request().method().equals("POST")) {
            answers.add("POST " + pathOf(answer) + " " + answer.statusCode());
        }
        for (int hops = 0; answer.statusCode() == 303 && hops < 10; hops++) {
            String location = answer.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(base.getPath()), location);
            String path = location.substring(base.getPath().length());
            answer = browser.exchange(path, HttpRequest.newBuilder().header("Accept", "text/html").GET());
            answers.add("GET " + path.replaceFirst("\\?(flow|reason)=.*", "") + " " + answer.statusCode());
        }
        return answer;
    }

    private String pathOf(HttpResponse<String> answer) {
        return answer.request().uri().getPath().substring(base.getPath().length());
    }

    /** How many records at a level have a message that begins with a prefix. */
    private static long count(String log, String level, String prefix) {
        return ServerLog.messages(log, level).stream().filter(message -> message.startsWith(prefix)).count();
    }
}
