package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link BrowserCookies} sends back: each cookie as a browser sends it. */
class BrowserCookiesTest {

    private static final URI LOGIN = URI.create("http://localhost:8080/cluster-it/login");
    private static final URI REPORTS = URI.create("http://localhost:8081/cluster-it/reports?id=1");

    @Test
    void sessionVersionCookieGoesBackAsNameEqualsValue() throws IOException {
        BrowserCookies cookies = new BrowserCookies();
        cookies.put(LOGIN, Map.of("Set-Cookie", List.of(
                "JSESSIONID=4f2a.node1; Path=/cluster-it; HttpOnly; SameSite=lax",
                "JSESSIONIDVERSION=2f636c75737465722d6974:1; Path=/cluster-it; HttpOnly; SameSite=lax")));

        List<String> sent = cookies.get(REPORTS, Map.of()).get("Cookie");

        assertEquals(List.of("JSESSIONID=4f2a.node1", "JSESSIONIDVERSION=2f636c75737465722d6974:1"),
                sent.stream().sorted().toList());
    }

    @Test
    void cookieWithMaxAgeGoesBackAsNameEqualsValueOnItsPathOnly() throws IOException {
        BrowserCookies cookies = new BrowserCookies();
        cookies.put(LOGIN, Map.of("Set-Cookie", List.of("pref=a; Max-Age=600; Path=/cluster-it/mfa")));

        assertEquals(List.of(), cookies.get(REPORTS, Map.of()).get("Cookie"));
        assertEquals(List.of("pref=a"),
                cookies.get(URI.create("http://localhost:8081/cluster-it/mfa/code.xhtml"), Map.of()).get("Cookie"));
    }
}
