package dev.mfastepup.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

/**
 * Names this library to Auth0 on every request, as Auth0's SDKs do: an {@code Auth0-Client} header holding
 * base64 JSON {@code {"name":"mfa-stepup","version":"…","env":{"java":"…"}}}, and a {@code User-Agent}.
 */
public final class TelemetryHeadersFilter implements ClientRequestFilter {

    /** The library name sent to Auth0. */
    public static final String LIBRARY_NAME = "mfa-stepup";

    static final String HEADER_AUTH0_CLIENT = "Auth0-Client";

    private static final String VERSION = readVersion();

    private final String auth0Client;
    private final String userAgent;

    /** Creates the filter for this library's version and the running Java version. */
    public TelemetryHeadersFilter() {
        String java = System.getProperty("java.version", "unknown");
        String json = "{\"name\":\"" + LIBRARY_NAME + "\",\"version\":\"" + jsonSafe(VERSION)
                + "\",\"env\":{\"java\":\"" + jsonSafe(java) + "\"}}";
        this.auth0Client = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        this.userAgent = LIBRARY_NAME + "/" + VERSION + " Java/" + java;
    }

    /**
     * Returns this library's version, from the jar.
     *
     * @return the version, such as {@code 0.1.0}.
     */
    public static String version() {
        return VERSION;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HEADER_AUTH0_CLIENT, auth0Client);
        request.getHeaders().putSingle(HttpHeaders.USER_AGENT, userAgent);
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = TelemetryHeadersFilter.class.getResourceAsStream("/dev/mfastepup/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty("version", "unknown");
        return version.startsWith("${") ? "unknown" : version;
    }

    private static String jsonSafe(String value) {
        return value.replaceAll("[^A-Za-z0-9._+-]", "");
    }
}
