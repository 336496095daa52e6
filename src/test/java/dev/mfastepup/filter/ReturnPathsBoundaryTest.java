package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.when;

import dev.mfastepup.session.PendingStepUp.ReturnTo;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SEC-16 at its edges: the first and last character of each allowed range, escapes cut short at the end of the
 * path, the last decoding round, and Referers that are same-origin only in part. Each row is a path the user could
 * be sent back to, and whether it is kept.
 */
class ReturnPathsBoundaryTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", value = {
        // Visible ASCII from '!' (0x21) to '~' (0x7E); space and DEL just outside.
        "/a!b -> true", "/a~b -> true", "'/a b' -> false", "/a\u007fb -> false", "/a\u0080b -> false",
        "/a\\b -> false", "/a\"b -> false", "/a#b -> false", "/a<b -> false", "/a>b -> false",
        // Escapes: complete, cut short at the end, and with each end of each hex digit range.
        "/a%41 -> true", "/%41 -> true", "/a% -> false", "/a%4 -> false", "/a%41% -> false", "/a%41%4 -> false",
        "/a%40 -> true", "/a%49 -> true", "/a%4a -> true", "/a%4f -> true", "/a%4A -> true", "/a%4F -> true",
        "/a%4/ -> false", "/a%4: -> false", "/a%4` -> false", "/a%4g -> false", "/a%4@ -> false", "/a%4G -> false",
        "/a%/1 -> false", "/a%:1 -> false", "/a%`1 -> false", "/a%g1 -> false", "/a%@1 -> false", "/a%G1 -> false",
        // An invalid escape that a lax decoder would turn into the first byte of a valid UTF-8 sequence.
        "/a%:0%9f%98%80 -> false", "/a%/0%9f%98%80 -> false", "/a%`0%9f%98%80 -> false", "/a%g0%9f%98%80 -> false",
        "/a%@0%9f%98%80 -> false", "/a%G0%9f%98%80 -> false", "/a%f0%9f%98%80 -> true",
        "/a%2e -> true", "/a%2E -> true", "/a%7e -> true", "/a%7E -> true",
        // A percent sign that decodes to an escape cut short stays as it is.
        "/a%25 -> true", "/a%254 -> true", "/a%25z -> true", "/a%25%25 -> true",
        // Text after the last escape is decoded with the rest.
        "/%41/.. -> false", "/%41/%2e%2e -> false", "/%41/./b -> false",
        // Encoded control, format and separator characters, alone or at the end.
        "/a%0a -> false", "/a%0d%0a -> false", "/a%09b -> false", "/a%7f -> false", "/a%c2%85 -> false",
        "/a%e2%80%8b -> false", "/a%e2%80%a8 -> false", "/a%e2%80%a9 -> false", "/a%c2%a0 -> true",
        // Encoded backslash and slash pairs.
        "/a%5cb -> false", "/%5c%5cevil.example -> false", "/%2fevil.example -> false", "//evil.example -> false",
        "/a%2fb -> true",
        // Dot segments, with and without path parameters.
        "/a/..;x/b -> false", "/a/.;x -> false", "/a/;x -> true", "/a/..x -> true", "/a/x.. -> true",
        // Encoded once, twice, three times: decoded; four times: more than is ever meant, refused.
        "/%41 -> true", "/%2541 -> true", "/%252541 -> true", "/%25252541 -> false",
        "/%2e%2e -> false", "/%252e%252e -> false", "/%25252e%25252e -> false", "/%2525252e%2525252e -> false",
        // The query keeps its own encoding and is not decoded.
        "/a?x=%0a -> true", "/a?x=%2e%2e -> true", "/a?x=% -> true", "/a?x=%4 -> true", "/a? -> true",
    })
    void safePathKeepsExactlyThePathsThatStayOnThisOrigin(String path, boolean kept) {
        assertEquals(kept ? Optional.of(path) : Optional.empty(), ReturnPaths.safePath(path));
    }

    @Test
    void safePathAtTheLengthLimitIsKeptAndOneMoreIsNot() {
        String longest = "/" + "a".repeat(ReturnPaths.MAX_LENGTH - 1);

        assertEquals(Optional.of(longest), ReturnPaths.safePath(longest));
        assertEquals(Optional.empty(), ReturnPaths.safePath(longest + "a"));
        assertEquals(Optional.empty(), ReturnPaths.safePath(""));
        assertEquals(Optional.empty(), ReturnPaths.safePath("a/b"));
    }

    @Test
    void theRequestOfTheContextRootOrWithAnEmptyQueryComesBackAsThePathAlone() {
        assertEquals(Optional.of("/"), ReturnPaths.requestPath(WebRequests.get("").request()));
        assertEquals(Optional.of("/reports"), ReturnPaths.requestPath(WebRequests.get("/reports").query("")
                .request()));
        assertEquals(Optional.of("/reports?x=1"), ReturnPaths.requestPath(WebRequests.get("/reports").query("x=1")
                .request()));
    }

    @Test
    void aRequestWithoutAUriOrAForwardWithoutAContextPathHasNoPath() {
        HttpServletRequest noUri = WebRequests.get("/reports").request();
        when(noUri.getRequestURI()).thenReturn(null);
        HttpServletRequest forward = WebRequests.get("/page").request();
        forward.setAttribute(RequestDispatcher.FORWARD_REQUEST_URI, "/app/reports");

        assertEquals(Optional.empty(), ReturnPaths.requestPath(noUri));
        assertEquals(Optional.empty(), ReturnPaths.requestPath(forward));
        forward.setAttribute(RequestDispatcher.FORWARD_CONTEXT_PATH, "/app");
        assertEquals(Optional.of("/reports"), ReturnPaths.requestPath(forward));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", value = {
        "https://app.example.com/app/x -> /x",
        "https://app.example.com/app -> /",
        "https://app.example.com:443/app/x -> /x",
        "https://APP.example.com/app/x?y=1 -> /x?y=1",
        "https://app.example.com/apple/x -> ",
        "https://app.example.com/other/app/x -> ",
        "https://app.example.com -> ",
        "https://app.example.com:8443/app/x -> ",
        "http://app.example.com/app/x -> ",
        "https://user@app.example.com/app/x -> ",
        "https://evil.example/app/x -> ",
        "/app/x -> ",
        "mailto:someone@app.example.com -> ",
    })
    void aRefererCountsOnlyWhenSchemeHostAndPortAreThisServersAndItsPathIsUnderTheContext(String referer,
            String expected) {
        HttpServletRequest request = WebRequests.post("/transfer").referer(referer).request();

        assertEquals(Optional.ofNullable(expected), ReturnPaths.refererPath(request));
    }

    @Test
    void aRefererOfTheRootContextWithoutAPathIsTheRoot() {
        HttpServletRequest request = WebRequests.post("/transfer").contextPath("").referer(
                "https://app.example.com").request();

        assertEquals(Optional.of("/"), ReturnPaths.refererPath(request));
    }

    @Test
    void aRefererOnThePlainHttpDefaultPortOrAnIpv6LiteralIsSameOriginWithThatServer() {
        HttpServletRequest http = WebRequests.post("/transfer").referer("http://app.example.com:80/app/x").request();
        when(http.getScheme()).thenReturn("http");
        when(http.getServerPort()).thenReturn(80);
        HttpServletRequest ipv6 = WebRequests.post("/transfer").referer("https://[::1]/app/x").request();
        when(ipv6.getServerName()).thenReturn("::1");
        HttpServletRequest bracketed = WebRequests.post("/transfer").referer("https://[::1]/app/y").request();
        when(bracketed.getServerName()).thenReturn("[::1]");
        HttpServletRequest otherAddress = WebRequests.post("/transfer").referer("https://[::2]/app/y").request();
        when(otherAddress.getServerName()).thenReturn("[::1]");

        assertEquals(Optional.of("/x"), ReturnPaths.refererPath(http));
        assertEquals(Optional.of("/x"), ReturnPaths.refererPath(ipv6));
        assertEquals(Optional.of("/y"), ReturnPaths.refererPath(bracketed));
        assertEquals(Optional.empty(), ReturnPaths.refererPath(otherAddress));
        when(http.getServerPort()).thenReturn(8080);
        assertEquals(Optional.empty(), ReturnPaths.refererPath(http), "http's default port is 80");
    }

    @Test
    void aServerThatDoesNotSayItsSchemeOrNameHasNoSameOriginReferer() {
        HttpServletRequest noScheme = WebRequests.post("/transfer").referer("https://app.example.com/app/x").request();
        when(noScheme.getScheme()).thenReturn(null);
        HttpServletRequest noName = WebRequests.post("/transfer").referer("https://app.example.com/app/x").request();
        when(noName.getServerName()).thenReturn(null);

        assertEquals(Optional.empty(), ReturnPaths.refererPath(noScheme));
        assertEquals(Optional.empty(), ReturnPaths.refererPath(noName));
        assertEquals(new ReturnTo("/", true), ReturnPaths.of(noScheme));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " -> ", value = {
        "code=A&state=B&x=1 -> x=1",
        "x=1&code=A&iss=I&state=B&session_state=S -> x=1",
        "code=A&x=1 -> code=A&x=1",
        "state=B&x=1 -> state=B&x=1",
        "=code&code=A&state=B -> =code",
        "code&state -> ''",
        "codes=A&states=B -> codes=A&states=B",
        "'' -> ''",
    })
    void anAuthorizationResponseIsDroppedFromTheQueryOnlyWhenItHasBothCodeAndState(String query, String expected) {
        assertEquals(expected, AuthorizationResponseParameters.strip(query));
        assertEquals(null, AuthorizationResponseParameters.strip(null));
    }
}
