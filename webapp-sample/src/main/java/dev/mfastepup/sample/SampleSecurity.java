package dev.mfastepup.sample;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.OpenIdAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.openid.OpenIdConstant;

/**
 * The login: Jakarta Security's OpenID Connect mechanism against Auth0 (or the emulator).
 *
 * <ul>
 * <li>{@code tokenAutoRefresh = false}: Jakarta Security would log the user out on any refresh error, and Auth0
 * answers {@code mfa_required} to the refresh-token grant of an API that needs MFA. mfa-stepup refreshes the
 * tokens itself.</li>
 * <li>{@code offline_access} in the scope: without a refresh token there is nothing to step up with.</li>
 * <li>{@code redirectToOriginalResource = true}: after the login the user is back on the page they asked for
 * (Jakarta Security appends {@code ?code=...&state=...} to it).</li>
 * </ul>
 *
 * <p>Which pages need a login is in {@code WEB-INF/web.xml}: everything except {@code /Callback}, the reports
 * API (it checks its Bearer token itself) and the signed-out page.
 */
@ApplicationScoped
@OpenIdAuthenticationMechanismDefinition(
        providerURI = "${sampleConfig.issuer}",
        clientId = "${sampleConfig.clientId}",
        clientSecret = "${sampleConfig.clientSecret}",
        redirectURI = "${baseURL}/Callback",
        redirectToOriginalResource = true,
        scope = {OpenIdConstant.OPENID_SCOPE, OpenIdConstant.PROFILE_SCOPE, OpenIdConstant.EMAIL_SCOPE,
                OpenIdConstant.OFFLINE_ACCESS_SCOPE},
        useSession = true,
        tokenAutoRefresh = false)
public class SampleSecurity {
}
