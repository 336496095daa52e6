package dev.mfastepup.emulator;

import static dev.mfastepup.emulator.Fixture.ISSUER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser at the emulator's Universal Login: it keeps the session cookie as a browser would and sends the
 * authorization parameters the sample's client sends, plus any a test adds.
 */
final class Browser {

    static final String CALLBACK = "http://localhost:8080/Callback";
    static final String MFA = LoginClaims.MFA_POLICY;

    private final Fixture f;
    String cookie;

    Browser(Fixture f) {
        this.f = f;
    }

    /** The sample client's request, with extra parameters as name, value pairs. */
    static AuthorizeRequest request(String... extra) {
        Map<String, String> params = new HashMap<>(Map.of("response_type", "code", "client_id", "sample-app",
                "redirect_uri", CALLBACK, "scope", "openid profile", "state", "st-1", "nonce", "n-1"));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], extra[i + 1]);
        }
        return AuthorizeRequest.of(params::get);
    }

    LoginOutcome authorize(String... extra) {
        return keep(f.login.authorize(request(extra), cookie, "authorize/"));
    }

    LoginOutcome login(String username, String password, String... extra) {
        return keep(f.login.login(request(extra), cookie, username, password, ""));
    }

    LoginOutcome otp(String code, String... extra) {
        return keep(f.login.otp(request(extra), cookie, code, ""));
    }

    LoginOutcome securityKey(String... extra) {
        return keep(f.login.securityKey(request(extra), cookie, ""));
    }

    private LoginOutcome keep(LoginOutcome outcome) {
        if (outcome.newSessionId() != null) {
            cookie = outcome.newSessionId();
        }
        return outcome;
    }

    /** The query of a redirect to the callback. */
    static Map<String, String> query(LoginOutcome outcome) {
        assertEquals(302, outcome.status(), outcome.page());
        URI location = outcome.location();
        assertEquals(CALLBACK, location.getScheme() + "://" + location.getAuthority() + location.getPath());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** Exchanges the code of a redirect, as the client would, and returns the ID token's claims. */
    JWTClaimsSet idToken(LoginOutcome outcome) throws Exception {
        Map<String, String> query = query(outcome);
        assertNull(query.get("error"), query.toString());
        assertEquals("st-1", query.get("state"));
        Map<String, String> form = Map.of("grant_type", "authorization_code", "client_id", "sample-app",
                "client_secret", EmulatorSettings.DEFAULT_CLIENT_SECRET, "code", query.get("code"),
                "redirect_uri", CALLBACK);
        Map<String, Object> body = f.endpoint.token(ISSUER, null, form::get);
        assertNotNull(body.get("id_token"), body.toString());
        return SignedJWT.parse((String) body.get("id_token")).getJWTClaimsSet();
    }

    /** Asserts that the answer is a page with this status, and returns its HTML. */
    static String page(int status, LoginOutcome outcome) {
        assertEquals(status, outcome.status(), String.valueOf(outcome.location()));
        assertNull(outcome.location());
        return outcome.page();
    }
}
