package dev.mfastepup.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class WebLayerTest {

    @Test
    void redirectsKeepTheClientsStateVerbatim() {
        assertEquals("http://app/cb?code=abc&state=%7Bx%7D+%26y",
                Responses.withQuery("http://app/cb", "code", "abc", "state", "{x} &y").toString());
        assertEquals("http://app/cb?a=1&code=abc", Responses.withQuery("http://app/cb?a=1", "code", "abc",
                "state", null).toString());
    }

    @Test
    void onlyHttpUrlsAreRedirectTargets() {
        assertTrue(AuthorizeRequest.isWebUrl("http://localhost:8080/Callback"));
        assertTrue(AuthorizeRequest.isWebUrl("https://app.example.com/cb"));
        assertFalse(AuthorizeRequest.isWebUrl("javascript:alert(1)"));
        assertFalse(AuthorizeRequest.isWebUrl("/relative"));
        assertFalse(AuthorizeRequest.isWebUrl(null));
    }

    @Test
    void htmlIsEscaped() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.escape("<a href=\"x\">&'"));
    }

    @Test
    void mfaRequiredBodyHasAuth0sFieldOrder() {
        OAuthError error = new OAuthError(403, "mfa_required", "Multifactor authentication required", null,
                Map.of("mfa_requirements", Map.of("enroll", List.of()), "mfa_token", "t"));
        assertEquals(List.of("error", "error_description", "mfa_token", "mfa_requirements"),
                List.copyOf(error.body().keySet()));
    }

    @Test
    void settingsComeFromSystemProperties() {
        EmulatorSettings defaults = EmulatorSettings.defaults();
        assertNull(defaults.issuer());
        assertEquals("sample-app", defaults.clientId());
        assertTrue(defaults.hooksEnabled());
        Properties properties = new Properties();
        properties.setProperty("emulator.issuer", "http://localhost:9999/emulator");
        properties.setProperty("emulator.hooks", "false");
        properties.setProperty("emulator.client-secret", "s");
        EmulatorSettings set = EmulatorSettings.from(properties);
        assertEquals("http://localhost:9999/emulator/", set.issuer());
        assertFalse(set.hooksEnabled());
        assertEquals("s", set.clientSecret());
        assertEquals(EmulatorSettings.DEMO_USERS, set.users());
    }

    @Test
    void usersCanReplaceTheDemoUsers() {
        List<DemoUser> users = EmulatorSettings.users("carol:carol-pw, dave:dave-pw:dave@corp.example");
        assertEquals(List.of(
                new DemoUser("carol", "carol-pw", "carol@example.com", "Carol", "auth0|carol"),
                new DemoUser("dave", "dave-pw", "dave@corp.example", "Dave", "auth0|dave")), users);
        TenantState state = new TenantState(users);
        assertTrue(state.user("carol").isPresent());
        assertFalse(state.user("alice").isPresent());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EmulatorSettings.users("nopassword"));
    }

    @Test
    void grantTypesAreNamedForTheTimingsWithoutEchoingTheCallersText() {
        assertEquals("refresh_token", TokenEndpoint.grantName("refresh_token"));
        assertEquals("mfa-otp", TokenEndpoint.grantName(TokenEndpoint.GRANT_MFA_OTP));
        assertEquals("mfa-recovery-code", TokenEndpoint.grantName(TokenEndpoint.GRANT_MFA_RECOVERY_CODE));
        assertEquals("other", TokenEndpoint.grantName("<script>"));
        assertEquals("other", TokenEndpoint.grantName(null));
    }

    @Test
    void timingsAddUpPerEndpointUntilCleared() {
        Timings timings = new Timings();
        timings.record("/mfa/authenticators", 1_000);
        timings.record("/mfa/authenticators", 2_500);
        timings.record("/oauth/token mfa-otp", 7);
        assertEquals(Map.of("/mfa/authenticators", Map.of("requests", 2L, "nanos", 3_500L),
                "/oauth/token mfa-otp", Map.of("requests", 1L, "nanos", 7L)), timings.snapshot());
        timings.clear();
        assertTrue(timings.snapshot().isEmpty());
    }
}
