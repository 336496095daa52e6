package dev.mfastepup.it;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SEC-38: the container and Faces around the MFA pages are hardened: the view state is a key on the server that
 * is never deserialized from a request, TRACE is refused, no directory is listed, and the library jar ships no
 * servlet, no test code and no seeding endpoint.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerHardeningIT {

    /**
     * What Mojarra's server-side view state looks like (Payara Micro, WildFly): two numbers, the view and its state,
     * nothing to read.
     */
    private static final String SERVER_STATE_KEY = "-?\\d{1,20}:-?\\d{1,20}";

    /**
     * What MyFaces' server-side view state looks like (Open Liberty): a random key and a counter in hex digits,
     * Base64-encoded, nothing to read either.
     */
    private static final String MYFACES_SERVER_STATE_KEY = "[0-9a-f]{8,64}";

    @ArquillianResource
    URL base;

    private final WireMockServer auth0 = Auth0Stub.server();
    private Browser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ItDeployments.pagesWar("hardening-it.war", ItDeployments.config(Auth0Stub.baseUrl()))
                .addClass(DeserializationMarker.class);
    }

    @BeforeEach
    void signIn() {
        auth0.resetAll();
        Auth0Stub.stubAppUserWhoMustStepUp(auth0, "MFATOK-CANARY-HARDENING");
        browser = new Browser(base);
        assertEquals(200, browser.call("login", "sub", "auth0|hardening", "rt", "RT-HARDENING").status());
    }

    @AfterAll
    static void stopAuth0() {
        Auth0Stub.stop();
    }

    @Test
    void sec38TheViewStateIsAServerKeyAndASerializedObjectInItsPlaceIsNeverRead() throws IOException {
        FacesForm code = browser.codePage(browser.startFlow("reports?id=1"), "totp|dev_1");
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "sec38-" + UUID.randomUUID());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new DeserializationMarker(marker.toString()));
        }
        auth0.resetRequests();
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (String forged : List.of(Base64.getEncoder().encodeToString(bytes.toByteArray()),
                Base64.getUrlEncoder().encodeToString(bytes.toByteArray()),
                "H4sIAAAAAAAAA" + Base64.getEncoder().encodeToString(bytes.toByteArray()),
                Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)))) {
            answers.add(browser.submit(code, code.body("jakarta.faces.ViewState", forged, "mfa:code", "123456",
                    "mfa:verify", "x")));
        }

        // Mojarra's on Payara Micro and WildFly, MyFaces' on Open Liberty.
        assertTrue(ItServer.current() == ItServer.LIBERTY ? myFacesServerStateKey(code.viewState())
                : code.viewState().matches(SERVER_STATE_KEY), "server-side state: " + code.viewState());
        for (HttpResponse<String> answer : answers) {
            // An unknown view state is an expired view: the page is opened again, and nothing typed is used.
            String location = answer.headers().firstValue("Location").orElse("");
            assertTrue(answer.statusCode() == 303 && location.contains(base.getPath() + "mfa/code.xhtml?flow=")
                    || answer.statusCode() >= 400 && answer.statusCode() < 500,
                    answer.statusCode() + " " + location + " " + answer.body());
            assertFalse(answer.body().contains("Exception") || answer.body().contains("at java."), answer.body());
        }
        assertFalse(Files.exists(marker), "the forged view state was deserialized");
        auth0.verify(0, postRequestedFor(urlEqualTo("/oauth/token")));
    }

    @Test
    void sec38TraceIsRefusedOnThePagesAndOnTheApplication() {
        for (String path : List.of("mfa/index.xhtml", "mfa/code.xhtml?flow=x", "reports?id=1", "")) {
            HttpResponse<String> answer = browser.exchange(path, HttpRequest.newBuilder()
                    .header("X-Echo-Canary", "RT-TRACE-CANARY")
                    .method("TRACE", HttpRequest.BodyPublishers.noBody()));

            // Payara Micro and WildFly refuse TRACE as a method not allowed (405), Open Liberty as forbidden (403).
            assertEquals(ItServer.current() == ItServer.LIBERTY ? 403 : 405, answer.statusCode(),
                    path + ": " + answer.body());
            assertFalse(answer.body().contains("RT-TRACE-CANARY"), "the request was echoed");
        }
    }

    @Test
    void sec38NoDirectoryIsListedAndNoSeedingEndpointExists() {
        for (String path : List.of("mfa/", "mfa", "jakarta.faces.resource/", "WEB-INF/", "META-INF/",
                "mfa/test-seed", "mfa/seed", "mfa/test", "mfa/debug")) {
            HttpResponse<String> answer = browser.exchange(path, HttpRequest.newBuilder().GET());

            // A directory without its slash is redirected to it, which is then refused (Payara Micro redirects
            // with 301, WildFly and Open Liberty with 302).
            String location = answer.headers().firstValue("Location").orElse("");
            int redirect = ItServer.current() == ItServer.PAYARA_MICRO ? 301 : 302;
            assertTrue(answer.statusCode() == 404 || answer.statusCode() == 403
                    || answer.statusCode() == redirect && location.endsWith(base.getPath() + path + "/"),
                    path + " answered " + answer.statusCode() + " " + location + ": " + answer.body());
            assertFalse(answer.body().contains("template.xhtml") || answer.body().contains("mfa.css"),
                    path + " lists files: " + answer.body());
        }
        auth0.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void sec38TheLibraryJarShipsNoServletNoTestCodeAndNoWebFragment() throws IOException {
        List<String> classes = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        try (JarFile jar = new JarFile(System.getProperty("mfastepup.jar"))) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equals("META-INF/web-fragment.xml") || name.matches(".*(Test|IT|Stub|Seed|Emulator)[^/]*")) {
                    findings.add(name);
                }
                if (name.endsWith(".class")) {
                    classes.add(name);
                    String text = read(jar, entry);
                    for (String annotation : List.of("WebServlet", "WebFilter", "WebListener")) {
                        if (text.contains("Ljakarta/servlet/annotation/" + annotation + ";")) {
                            findings.add(name + " @" + annotation);
                        }
                    }
                }
            }
        }

        assertTrue(classes.size() > 50, "the jar was read: " + classes.size() + " classes");
        assertTrue(classes.contains("dev/mfastepup/filter/MfaStepUpFilter.class"));
        assertEquals(List.of(), findings, "everything the jar registers is mapped by the application or by"
                + " MfaPagesInitializer, and nothing of the tests is in it");
    }

    private static boolean myFacesServerStateKey(String viewState) {
        try {
            return new String(Base64.getDecoder().decode(viewState), StandardCharsets.ISO_8859_1)
                    .matches(MYFACES_SERVER_STATE_KEY);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static String read(JarFile jar, JarEntry entry) {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
