package dev.mfastepup.filter;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Takes the parameters of an OAuth 2.0 authorization response out of a query before it is saved as a return path.
 *
 * <p>Jakarta Security's OpenID Connect mechanism, with {@code redirectToOriginalResource = true}, sends the user
 * back to the page first asked for with the authorization response appended: {@code /reports?code=...&state=...}.
 * When that page needs a step-up, its URL would become the return path, and the authorization code would go on
 * into the MFA pages' links, the redirect back and the browser's history. So when a query holds both {@code code}
 * and {@code state} (RFC 6749, section 4.1.2), they are dropped, together with {@code session_state} (OpenID
 * Connect Session Management) and {@code iss} (RFC 9207) that come with them. A query with only one of
 * {@code code} and {@code state} is the application's own and stays as it is.
 */
final class AuthorizationResponseParameters {

    private static final Set<String> RESPONSE_PARAMETERS = Set.of("code", "state", "session_state", "iss");

    private AuthorizationResponseParameters() {
        // static only
    }

    /**
     * Returns the query without the authorization response's parameters, if it carries one.
     *
     * @param rawQuery the query as sent, still percent-encoded; may be {@code null}.
     * @return the query without them, in the same order and encoding; the query itself when it is no
     *         authorization response; {@code null} or empty when nothing is left.
     */
    static String strip(String rawQuery) {
        // An empty query has one parameter with an empty name: not an authorization response.
        if (rawQuery == null) {
            return null;
        }
        List<String> parameters = Arrays.asList(rawQuery.split("&", -1));
        Set<String> names = parameters.stream().map(AuthorizationResponseParameters::name).collect(Collectors.toSet());
        if (!names.contains("code") || !names.contains("state")) {
            return rawQuery;
        }
        return parameters.stream()
                .filter(parameter -> !RESPONSE_PARAMETERS.contains(name(parameter)))
                .collect(Collectors.joining("&"));
    }

    private static String name(String parameter) {
        return parameter.split("=", 2)[0];
    }
}
