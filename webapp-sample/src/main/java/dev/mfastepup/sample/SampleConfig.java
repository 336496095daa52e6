package dev.mfastepup.sample;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the sample signs in, read from the same MicroProfile Config keys as the library, so that one setting moves
 * both the login and the step-up to another tenant.
 *
 * <ul>
 * <li>Nothing set: {@code META-INF/microprofile-config.properties} points at the emulator,
 * {@code mfa-stepup.base-url=http://localhost:8080/emulator/}, which is then also the issuer.</li>
 * <li>A real tenant: {@code mfa-stepup.domain} is the tenant's domain and {@code mfa-stepup.base-url} is
 * {@code https://<domain>/} or not set at all; the issuer is {@code https://<domain>/}. The {@code run} script sets
 * both from {@code AUTH0_DOMAIN}, through environment variables that win over the properties file.</li>
 * </ul>
 *
 * <p>The {@code @OpenIdAuthenticationMechanismDefinition} on {@link SampleSecurity} reads this bean through EL:
 * {@code ${sampleConfig.issuer}}, {@code ${sampleConfig.clientId}}, {@code ${sampleConfig.clientSecret}}.
 */
@Named("sampleConfig")
@ApplicationScoped
public class SampleConfig {

    /** The identifier of the reports API at Auth0; its tokens need MFA. */
    public static final String REPORTS_AUDIENCE = "https://reports.example.com";

    /** The scope the sample asks for on the reports API. */
    public static final String REPORTS_SCOPE = "read:reports";

    private String issuer;
    private String clientId;
    private String clientSecret;
    private boolean emulator;

    @PostConstruct
    void read() {
        Config config = ConfigProvider.getConfig();
        Optional<String> baseUrl = value(config, "mfa-stepup.base-url");
        String domain = value(config, "mfa-stepup.domain")
                .orElseThrow(() -> new IllegalStateException("mfa-stepup.domain is not set"));
        String tenant = "https://" + bareDomain(domain) + "/";
        issuer = baseUrl.map(url -> url.endsWith("/") ? url : url + "/").orElse(tenant);
        emulator = !issuer.equalsIgnoreCase(tenant);
        clientId = value(config, "mfa-stepup.client-id")
                .orElseThrow(() -> new IllegalStateException("mfa-stepup.client-id is not set"));
        clientSecret = value(config, "mfa-stepup.client-secret").orElse("");
    }

    /** @return the issuer, with a trailing slash, as Auth0 writes it: {@code https://example.eu.auth0.com/}. */
    public String getIssuer() {
        return issuer;
    }

    public String getClientId() {
        return clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    /** @return whether the sample talks to the emulator (another base URL than the tenant's own). */
    public boolean isEmulator() {
        return emulator;
    }

    /** @return the issuer's key set, where Auth0 (and the emulator) publish it. */
    public String getJwksUri() {
        return issuer + ".well-known/jwks.json";
    }

    /** @return the emulator's device page (authenticator app, inbox, push), or {@code null} for a real tenant. */
    public String getDeviceUrl() {
        return emulator ? issuer + "device" : null;
    }

    /**
     * Returns Auth0's logout URL, which ends the session at Auth0 and sends the browser back.
     *
     * @param returnTo where to go afterwards; at a real tenant it must be listed in "Allowed Logout URLs".
     * @return the URL.
     */
    public String logoutUrl(String returnTo) {
        return issuer + "v2/logout?client_id=" + encode(clientId) + "&returnTo=" + encode(returnTo);
    }

    private static Optional<String> value(Config config, String key) {
        // An empty value means "not set", as in the library.
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String bareDomain(String domain) {
        String bare = domain.toLowerCase(Locale.ROOT);
        if (bare.startsWith("https://")) {
            bare = bare.substring("https://".length());
        }
        return bare.endsWith("/") ? bare.substring(0, bare.length() - 1) : bare;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
