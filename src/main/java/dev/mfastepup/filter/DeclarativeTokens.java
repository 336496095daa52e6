package dev.mfastepup.filter;

import dev.mfastepup.Auth0Error;
import dev.mfastepup.ErrorCodes;
import dev.mfastepup.filter.StepUpResponder.Failure;
import dev.mfastepup.token.AccessTokenException;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Declarative mode of {@link MfaStepUpFilter}: gets the token of the configured audience and scope before the
 * application runs and puts it in the request attribute {@value MfaStepUpFilter#ATTRIBUTE_ACCESS_TOKEN}. When
 * there is none, it answers the caller itself, so the application never sees the failure; a demand for a step-up
 * goes on to the filter, which answers it as any other.
 *
 * @since 0.1
 * @see MfaStepUpFilter
 */
@Dependent
class DeclarativeTokens {

    // Constants --------------------------------------------------------------------------------------------------

    /**
     * Logged under the filter's name, as before this class existed: operators' logging configurations and log
     * searches name the filter.
     */
    private static final Logger logger = Logger.getLogger(MfaStepUpFilter.class.getName());

    /** The module's codes, besides Auth0's own ({@link Auth0Error#endsSignIn()}), that ask for a new sign-in. */
    private static final Set<String> SIGN_IN_AGAIN = Set.of(ErrorCodes.MISSING_REFRESH_TOKEN,
            ErrorCodes.REFRESH_TOKEN_ERROR, ErrorCodes.IDENTITY_MISMATCH);

    /** Why declarative mode may get no token in the normal course of things: logged at FINE, the rest at WARNING. */
    private static final Set<String> EXPECTED_NO_TOKEN = Set.of(ErrorCodes.IDP_UNAVAILABLE, ErrorCodes.IDP_BUSY,
            ErrorCodes.IDP_BAD_RESPONSE, ErrorCodes.MISSING_REFRESH_TOKEN, Auth0Error.INVALID_GRANT.code(),
            ErrorCodes.REFRESH_TOKEN_ERROR);

    private static final String LOG_NO_TOKEN = "Declarative mode got no token for audience {0} ({1}); answered {2}";

    // Properties -------------------------------------------------------------------------------------------------

    private final AccessTokenService accessTokens;
    private final PageSet pages;

    // Constructors -----------------------------------------------------------------------------------------------

    /**
     * Creates declarative mode; CDI calls this.
     *
     * @param accessTokens the service that gets the tokens.
     * @param pages the pages users are sent to.
     */
    @Inject
    DeclarativeTokens(AccessTokenService accessTokens, PageSet pages) {
        this.pages = Objects.requireNonNull(pages, "pages cannot be null");
        this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens cannot be null");
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Puts the token of the settings' audience and scope in the request, or answers the caller when there is none.
     * When nobody is signed in ({@code missing_session}) the request goes on without the token, and the login
     * mechanism decides.
     *
     * @param request the request.
     * @param response the response, not committed.
     * @param settings the filter's settings, in declarative mode.
     * @return {@code true} when the request goes on to the application, {@code false} when it was answered.
     * @throws MfaRequiredException when Auth0 asks for a step-up first; the filter answers it.
     * @throws IOException when the answer cannot be written.
     */
    boolean provide(HttpServletRequest request, HttpServletResponse response, FilterSettings settings)
            throws IOException {
        try {
            request.setAttribute(MfaStepUpFilter.ATTRIBUTE_ACCESS_TOKEN,
                    accessTokens.get(settings.audience(), settings.scope()));
            return true;
        } catch (MfaRequiredException required) {
            throw required;
        } catch (AccessTokenException failed) {
            // Nobody is signed in: the login mechanism decides what happens to the request.
            if (ErrorCodes.MISSING_SESSION.equals(failed.code())) {
                return true;
            }
            Failure failure = failure(failed.code());
            logger.log(EXPECTED_NO_TOKEN.contains(failed.code()) ? Level.FINE : Level.WARNING, LOG_NO_TOKEN,
                    new Object[] {MfaStepUpFilter.audienceForLog(settings.audience()), failed.code(), failure});
            StepUpResponder.failure(request, response, pages, CallerKind.of(request, settings.apiPaths()), failure);
            return false;
        }
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    /**
     * What a caller is told when declarative mode gets no token. The application never sees the exception, so
     * nothing is thrown on to become the container's 500: a sign-in that can no longer get tokens (or that
     * Auth0 now refuses) asks for a new sign-in, and anything else (Auth0 away, a refusal of this application's
     * credentials, a tenant that does not match) says "try again later" and is logged for the operator.
     */
    static Failure failure(String code) {
        return Auth0Error.of(code).endsSignIn() || SIGN_IN_AGAIN.contains(code) ? Failure.SIGN_IN
                : Failure.UNAVAILABLE;
    }
}
