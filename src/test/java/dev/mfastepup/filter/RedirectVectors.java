package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Open-redirect attempts, each with what must become of it: refused (the context root instead) or kept, because
 * it is a harmless same-origin path. Used as return paths, request URIs and {@code Referer}s, and by the
 * integration tests as original requests, return parameters and with a forged {@code Host}.
 */
public final class RedirectVectors {

    static final boolean REFUSED = false;
    static final boolean KEPT = true;

    private RedirectVectors() {
    }

    /** @return the vectors alone. */
    public static List<String> values() {
        return all().map(pair -> (String) pair.get()[0]).toList();
    }

    /** @return (vector, kept) pairs. */
    static Stream<Arguments> all() {
        return Stream.of(
                // absolute and scheme-relative
                Arguments.of("https://evil.test/", REFUSED),
                Arguments.of("http://evil.test", REFUSED),
                Arguments.of("HTTPS://EVIL.TEST", REFUSED),
                Arguments.of("https:evil.test", REFUSED),
                Arguments.of("http:/evil.test", REFUSED),
                Arguments.of("//evil.test", REFUSED),
                Arguments.of("//evil.test/app/", REFUSED),
                Arguments.of("///evil.test", REFUSED),
                Arguments.of("////evil.test", REFUSED),
                Arguments.of(" //evil.test", REFUSED),
                // backslashes, which browsers read as slashes
                Arguments.of("/\\evil.test", REFUSED),
                Arguments.of("\\/evil.test", REFUSED),
                Arguments.of("\\\\evil.test", REFUSED),
                Arguments.of("/\\/evil.test", REFUSED),
                Arguments.of("/evil.test\\@app.example.com", REFUSED),
                // encoded and double-encoded slashes and backslashes
                Arguments.of("/%2F%2Fevil.test", REFUSED),
                Arguments.of("/%2f/evil.test", REFUSED),
                Arguments.of("%2F%2Fevil.test", REFUSED),
                Arguments.of("/%5Cevil.test", REFUSED),
                Arguments.of("/%5c%5cevil.test", REFUSED),
                Arguments.of("/%2F%5Cevil.test", REFUSED),
                Arguments.of("/%252F%252Fevil.test", REFUSED),
                Arguments.of("/%25252F%25252Fevil.test", REFUSED),
                Arguments.of("/%2525252F%2525252Fevil.test", REFUSED),
                Arguments.of("/%255C%255Cevil.test", REFUSED),
                Arguments.of("/%c0%af%c0%afevil.test", REFUSED),
                Arguments.of("/%u002F%u002Fevil.test", REFUSED),
                Arguments.of("/%%32%46%%32%46evil.test", REFUSED),
                // userinfo
                Arguments.of("//user@evil.test", REFUSED),
                Arguments.of("https://app.example.com@evil.test/", REFUSED),
                Arguments.of("//app.example.com%40evil.test", REFUSED),
                Arguments.of("https://app.example.com.evil.test/", REFUSED),
                // Unicode look-alikes, raw and encoded
                Arguments.of("/\uFF0Fevil.test", REFUSED),
                Arguments.of("/\u2044\u2044evil.test", REFUSED),
                Arguments.of("/%EF%BC%8Fevil.test", REFUSED),
                Arguments.of("/%EF%BC%8F%EF%BC%8Fevil.test", REFUSED),
                Arguments.of("/%EF%BC%BCevil.test", REFUSED),
                Arguments.of("/%EF%BC%8E%EF%BC%8E/other-app/", REFUSED),
                Arguments.of("/%E2%80%AEtxt.exe", REFUSED),
                // CR, LF, NUL, tabs and other controls
                Arguments.of("/x\r\nLocation: https://evil.test", REFUSED),
                Arguments.of("/%0d%0aLocation:%20https://evil.test", REFUSED),
                Arguments.of("/x%0aSet-Cookie:%20session=evil", REFUSED),
                Arguments.of("%0d%0a//evil.test", REFUSED),
                Arguments.of("/%00//evil.test", REFUSED),
                Arguments.of("/\u0000", REFUSED),
                Arguments.of("/\t/evil.test", REFUSED),
                Arguments.of("/%09/evil.test", REFUSED),
                Arguments.of("/%E2%80%A8evil.test", REFUSED),
                Arguments.of("/\u2028evil.test", REFUSED),
                // javascript: and data: URLs
                Arguments.of("javascript:alert(1)", REFUSED),
                Arguments.of("JaVaScRiPt:alert(document.domain)", REFUSED),
                Arguments.of(" javascript:alert(1)", REFUSED),
                Arguments.of("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", REFUSED),
                Arguments.of("vbscript:msgbox(1)", REFUSED),
                // dot segments that climb out of the context
                Arguments.of("/./evil.test", REFUSED),
                Arguments.of("/.//evil.test", REFUSED),
                Arguments.of("/../other-app/", REFUSED),
                Arguments.of("/reports/../../other-app/", REFUSED),
                Arguments.of("/%2e%2e/other-app/", REFUSED),
                Arguments.of("/%2E%2E%2Fother-app/", REFUSED),
                Arguments.of("/.%2e/other-app", REFUSED),
                Arguments.of("/..;/other-app", REFUSED),
                Arguments.of("/reports/..", REFUSED),
                // markup, fragments, size
                Arguments.of("/<script>alert(1)</script>", REFUSED),
                Arguments.of("/\"onmouseover=alert(1)", REFUSED),
                Arguments.of("/x#//evil.test", REFUSED),
                Arguments.of("/" + "a".repeat(ReturnPaths.MAX_LENGTH), REFUSED),
                Arguments.of("", REFUSED),
                // same-origin paths that only look alarming: kept, since they cannot leave the application
                Arguments.of("/", KEPT),
                Arguments.of("/reports?id=7", KEPT),
                Arguments.of("/javascript:alert(1)", KEPT),
                Arguments.of("/@evil.test", KEPT),
                Arguments.of("/reports?next=//evil.test", KEPT),
                Arguments.of("/reports?next=%0d%0aSet-Cookie:x", KEPT),
                Arguments.of("/a//b", KEPT),
                Arguments.of("/%E2%88%95%E2%88%95evil.test", KEPT),
                Arguments.of("/caf%C3%A9", KEPT),
                Arguments.of("/reports;x=y", KEPT),
                Arguments.of("/.well-known/change-password", KEPT),
                Arguments.of("/" + "a".repeat(ReturnPaths.MAX_LENGTH - 1), KEPT));
    }

    /**
     * Asserts that a return path cannot lead anywhere but into the application: one leading slash, only visible
     * ASCII, resolving against the application's origin to itself under the context path, and no {@code //} or
     * backslash after decoding.
     *
     * @param contextPath the context path.
     * @param path the return path.
     */
    public static void assertSameOriginContextRelative(String contextPath, String path) {
        assertTrue(path.startsWith("/"), () -> "not path-absolute: " + path);
        assertFalse(path.startsWith("//"), () -> "scheme-relative: " + path);
        assertTrue(path.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != '\\'), () -> "unsafe character: " + path);
        URI resolved;
        try {
            resolved = new URI("https://app.example.com" + contextPath + "/page").resolve(new URI(contextPath + path));
        } catch (URISyntaxException e) {
            throw new AssertionError("not a URI reference: " + path, e);
        }
        assertEquals("https", resolved.getScheme(), path);
        assertEquals("app.example.com", resolved.getHost(), path);
        assertEquals(-1, resolved.getPort(), path);
        assertNull(resolved.getRawUserInfo(), path);
        assertTrue(resolved.normalize().getRawPath().startsWith(contextPath + "/"), () -> "outside context: " + path);
        String pathPart = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String once = URLDecoder.decode(pathPart.replace("+", "%2B"), StandardCharsets.UTF_8);
        String decoded = twice(once);
        assertFalse(decoded.startsWith("//") || decoded.contains("\\"), () -> "unsafe once decoded: " + path);
        assertTrue(decoded.chars().noneMatch(Character::isISOControl), () -> "control once decoded: " + path);
    }

    /**
     * The second round of decoding, or the first round's result when that is no valid %-encoding (such as
     * {@code %u002F} once decoded): a browser decodes once, so such a path cannot be read any further.
     */
    private static String twice(String once) {
        try {
            return URLDecoder.decode(once.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncodedAgain) {
            return once;
        }
    }
}
