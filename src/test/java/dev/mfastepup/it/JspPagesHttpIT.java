package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.filter.PageSet;
import dev.mfastepup.filter.RedirectVectors;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@link PagesHttpChecks} on the JSP pages ({@code mfa-stepup.pages=jsp}), and what only they have: their own form
 * token against cross-site posts (the Faces pages have their view state), views that nobody may ask for directly,
 * and what the user typed shown again as text, since JSP escapes nothing by itself.
 */
class JspPagesHttpIT extends PagesHttpChecks {

    private static final Pattern BACK_LINK = Pattern.compile("id=\"back\"[^>]*href=\"([^\"]*)\"|href=\"([^\"]*)\"[^>]*id=\"back\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.jspPagesWar("jsp-pages-http-it.war", ItDeployments.config(Auth0Stub.baseUrl()));
    }

    @Override
    PageSet pages() {
        return PageSet.JSP;
    }

    @Test
    void sec14PostWithoutItsFormTokenOrWithAnotherFlowsOrSessionsThen403AndNothingSent() {
        auth0.stubFor(post("/oauth/token").withRequestBody(containing("mfa-otp")).willReturn(okJson(
                Auth0Stub.tokens("AT-JSP-FORM"))));
        FacesForm code = browser.codePage(startFlow(), "totp|dev_1");
        String token = code.state();
        Browser other = new Browser(base).on(PageSet.JSP);
        assertEquals(200, other.call("login", "sub", "auth0|other", "rt", "RT-OTHER").status());
        FacesForm othersCode = other.codePage(other.startFlow("reports?id=2"), "totp|dev_1");
        String flow = code.body().replaceAll(".*(?:^|&)flow=([^&]*).*", "$1");

        Map<String, String> forged = Map.of(
                "no token", code.body("csrf", "", "mfa:code", "123456", "mfa:verify", "x"),
                "a token changed", code.body("csrf", token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A'),
                        "mfa:code", "123456", "mfa:verify", "x"),
                "another session's token for its flow", othersCode.body("mfa:code", "123456", "mfa:verify", "x"),
                "another session's token for this flow", code.body("csrf", othersCode.state(), "mfa:code", "123456",
                        "mfa:verify", "x"),
                "this token for another flow", code.body("flow", "AAAAAAAAAAAAAAAAAAAAAA", "mfa:code", "123456",
                        "mfa:verify", "x"));
        forged.forEach((what, body) -> {
            HttpResponse<String> refused = browser.submit(code, body);
            assertEquals(403, refused.statusCode(), what + ": " + refused.body());
            assertTrue(refused.body().contains("This form has expired"), what + ": " + refused.body());
            assertNotStored(refused.headers(), what);
        });
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")).withRequestBody(containing("mfa-otp")));
        assertFalse(flow.isEmpty());

        HttpResponse<String> own = browser.submit(code, code.body("mfa:code", "123456", "mfa:verify", "x"));
        assertEquals(303, own.statusCode(), "the page's own form, with its token, goes through: " + own.body());
        assertEquals(base.getPath() + "reports?id=1", own.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void viewsAndTheFacesPagesSourcesWhenAskedForDirectlyThenNotFoundAndNothingShown() {
        String flow = startFlow();
        for (String path : new String[] {"mfa/jsp/start.jsp", "mfa/jsp/code.jsp", "mfa/jsp/head.jspf",
                "mfa/jsp/directives.jspf", "mfa/jsp/form.jspf", "mfa/jsp/ERROR.JSP", "mfa/index.xhtml",
                "mfa/code.xhtml", "mfa/template.xhtml", "mfa/x/../jsp/start.jsp"}) {
            HttpResponse<String> answer = browser.exchange(path + "?flow=" + flow, HttpRequest.newBuilder().GET());
            assertEquals(404, answer.statusCode(), path + ": " + answer.body());
            assertFalse(answer.body().contains("<%") || answer.body().contains("ui:composition")
                    || answer.body().contains("${"), path + ": " + answer.body());
        }
        auth0.resetRequests();
        assertEquals(200, browser.exchange(page("index") + "?flow=" + flow, HttpRequest.newBuilder().GET())
                .statusCode(), "the start page itself");
        assertEquals(1, auth0.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount(),
                "only the start page asked Auth0 for the authenticators");
    }

    @Test
    void sec30WhatTheUserTypedIsShownAgainAsTextNeverAsMarkup() {
        String script = "\"><script>alert(1)</script>";
        FacesForm code = browser.codePage(startFlow(), "totp|dev_1");
        HttpResponse<String> codeAgain = browser.submit(code, code.body("mfa:code", script, "mfa:verify", "x"));
        assertEquals(200, codeAgain.statusCode(), codeAgain.body());
        assertFalse(codeAgain.body().contains("<script>alert(1)"), codeAgain.body());
        assertTrue(codeAgain.body().contains("&#034;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), codeAgain.body());
        assertTrue(codeAgain.body().contains("Enter the 6-digit code"), "the message says what is wrong");

        String image = "\" autofocus onfocus=\"alert(1)\"><img src=x onerror=alert(2)>";
        FacesForm contact = enrollContactPage(startFlow());
        HttpResponse<String> contactAgain = browser.submit(contact, contact.body("mfa:contact", image, "mfa:send",
                "x"));
        assertEquals(200, contactAgain.statusCode(), contactAgain.body());
        assertTrue(contactAgain.body().contains("international format"), "the message says what is wrong");
        assertFalse(contactAgain.body().contains("<img src=x"), contactAgain.body());
        assertFalse(contactAgain.body().contains("onfocus=\"alert"), contactAgain.body());
        auth0.verify(0, postRequestedFor(urlEqualTo("/mfa/associate")));
    }

    @Test
    void sec16RecoveryCodePageWhenItsReturnPointsElsewhereThenItLeadsBackIntoTheApplication() {
        String contextPath = base.getPath().substring(0, base.getPath().length() - 1);
        FacesForm saved = browser.form(page("recovery-code"));
        for (String vector : RedirectVectors.values()) {
            HttpResponse<String> next = browser.submit(saved, saved.body("return", vector, "repeat", "false",
                    "mfa:continue", "x"));
            assertEquals(303, next.statusCode(), vector + ": " + next.body());
            String location = next.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(base.getPath()), vector + ": " + location);
            RedirectVectors.assertSameOriginContextRelative(contextPath,
                    location.substring(contextPath.length()).replaceAll("\\?.*", ""));
        }
    }

    @Test
    void sec16DonePageWhenItsReturnPointsElsewhereThenItsLinkStaysInTheApplication() {
        for (String vector : RedirectVectors.values()) {
            HttpResponse<String> done = browser.exchange(page("done") + "?return="
                    + URLEncoder.encode(vector, StandardCharsets.UTF_8), HttpRequest.newBuilder().GET());
            assertEquals(200, done.statusCode(), vector);
            Matcher href = BACK_LINK.matcher(done.body());
            assertTrue(href.find(), done.body());
            String link = (href.group(1) != null ? href.group(1) : href.group(2)).replace("&amp;", "&");
            assertTrue(link.startsWith(base.getPath()), vector + ": " + link);
            RedirectVectors.assertSameOriginContextRelative(base.getPath().substring(0, base.getPath().length() - 1),
                    link.substring(base.getPath().length() - 1).replaceAll("\\?.*", ""));
        }
    }
}
