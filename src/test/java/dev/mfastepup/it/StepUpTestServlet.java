package dev.mfastepup.it;

import dev.mfastepup.Factor;
import dev.mfastepup.MfaException;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.service.ChallengeSent;
import dev.mfastepup.service.Enrollment;
import dev.mfastepup.service.EnrollmentRequest;
import dev.mfastepup.service.MfaAuthenticator;
import dev.mfastepup.service.MfaService;
import dev.mfastepup.service.Verification;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.token.AccessTokenService;
import dev.mfastepup.token.MfaRequiredException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * The application side of the integration tests: a tiny front end over the library's public API, deployed
 * together with the built library jar. Each path calls one method and answers a small JSON object.
 *
 * <ul>
 * <li>{@code login?sub=&rt=}: {@link AccessTokenService#useRefreshToken(String, String)} (the hand-over for
 * applications without OpenID Connect)</li>
 * <li>{@code token?audience=}: {@link AccessTokenService#get(String, String)}; 401 with the flow id when Auth0
 * asks for MFA</li>
 * <li>{@code list?flow=}, {@code challenge?flow=&id=}, {@code verify-otp?flow=&code=},
 * {@code enroll?flow=&factor=otp}, {@code cancel?flow=}: {@link MfaService}</li>
 * </ul>
 *
 * <p>An {@link MfaException} is answered with its code, and with its message: the tests check that messages
 * carry no token and no markup from Auth0's answers. The access token itself is returned because the tests use
 * stub values; a real application would never echo one.
 */
@WebServlet(urlPatterns = {"/login", "/token", "/list", "/challenge", "/verify-otp", "/enroll", "/cancel"})
public class StepUpTestServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    AccessTokenService accessTokens;

    @Inject
    MfaService mfa;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            JsonObject answer = switch (request.getServletPath()) {
                case "/login" -> login(request);
                case "/token" -> token(request);
                case "/list" -> list(request);
                case "/challenge" -> challenge(request);
                case "/verify-otp" -> verifyOtp(request);
                case "/enroll" -> enroll(request);
                case "/cancel" -> cancel(request);
                default -> throw new IllegalStateException("unmapped path " + request.getServletPath());
            };
            write(response, HttpServletResponse.SC_OK, answer);
        } catch (MfaRequiredException required) {
            write(response, HttpServletResponse.SC_UNAUTHORIZED, Json.createObjectBuilder()
                    .add("code", required.code())
                    .add("flowId", required.flowId())
                    .add("audience", required.audience())
                    .add("requirements", challengeTypes(required.requirements().orElse(null)))
                    .build());
        } catch (MfaException failure) {
            write(response, failure.code().startsWith("idp_") ? HttpServletResponse.SC_BAD_GATEWAY
                    : HttpServletResponse.SC_BAD_REQUEST, Json.createObjectBuilder()
                    .add("code", failure.code())
                    .add("exception", failure.getClass().getName())
                    .add("message", String.valueOf(failure.getMessage()))
                    .build());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doPost(request, response);
    }

    // Endpoints --------------------------------------------------------------------------------------------------

    private JsonObject login(HttpServletRequest request) {
        accessTokens.useRefreshToken(request.getParameter("sub"), request.getParameter("rt"));
        return Json.createObjectBuilder().add("loggedIn", true).build();
    }

    private JsonObject token(HttpServletRequest request) {
        String token = accessTokens.get(request.getParameter("audience"), null);
        return Json.createObjectBuilder().add("token", token).add("length", token.length()).build();
    }

    private JsonObject cancel(HttpServletRequest request) {
        mfa.cancel(request.getParameter("flow"));
        return Json.createObjectBuilder().add("cancelled", true).build();
    }

    private JsonObject list(HttpServletRequest request) {
        JsonArrayBuilder authenticators = Json.createArrayBuilder();
        for (MfaAuthenticator authenticator : mfa.listAuthenticators(request.getParameter("flow"))) {
            authenticators.add(Json.createObjectBuilder()
                    .add("id", authenticator.id())
                    .add("type", authenticator.type())
                    .add("factor", authenticator.supportedFactor().map(Factor::name).orElse("UNSUPPORTED")));
        }
        return Json.createObjectBuilder().add("authenticators", authenticators).build();
    }

    private JsonObject challenge(HttpServletRequest request) {
        String flowId = request.getParameter("flow");
        String id = request.getParameter("id");
        MfaAuthenticator authenticator = mfa.listAuthenticators(flowId).stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new MfaException("it_unknown_authenticator", "no listed authenticator " + id));
        ChallengeSent sent = mfa.challenge(flowId, authenticator);
        return Json.createObjectBuilder()
                .add("factor", sent.factor().name())
                .add("bindingCodeRequired", sent.bindingCodeRequired())
                .add("pollIntervalSeconds", sent.pollInterval().toSeconds())
                .build();
    }

    private JsonObject verifyOtp(HttpServletRequest request) {
        VerifyResult result = mfa.verify(request.getParameter("flow"), new Verification.Otp(request.getParameter("code")));
        JsonObjectBuilder answer = Json.createObjectBuilder();
        if (result instanceof VerifyResult.Verified verified) {
            answer.add("result", "verified")
                    .add("factor", verified.factor().name())
                    .add("audience", verified.audience());
        } else if (result instanceof VerifyResult.AnotherFactorRequired another) {
            answer.add("result", "another_factor_required")
                    .add("flowId", another.next().flowId())
                    .add("audience", another.next().audience())
                    .add("requirements", challengeTypes(another.next().requirements()));
        } else if (result instanceof VerifyResult.AlreadyVerified already) {
            answer.add("result", "already_verified").add("audience", already.audience());
        } else if (result instanceof VerifyResult.Pending pending) {
            answer.add("result", "pending").add("retryInSeconds", pending.retryIn().toSeconds());
        }
        return answer.build();
    }

    private JsonObject enroll(HttpServletRequest request) {
        Factor factor = Factor.fromWireName(request.getParameter("factor"))
                .orElseThrow(() -> new MfaException("it_unknown_factor", "unknown factor"));
        EnrollmentRequest enrollment = new EnrollmentRequest(factor, request.getParameter("phone"),
                request.getParameter("email"));
        Enrollment started = mfa.enroll(request.getParameter("flow"), enrollment);
        return Json.createObjectBuilder()
                .add("factor", started.factor().name())
                .add("hasSecret", started.secret() != null)
                .add("hasBarcodeUri", started.barcodeUri() != null)
                .add("bindingCodeRequired", started.bindingCodeRequired())
                .add("recoveryCodes", started.recoveryCodes().size())
                .build();
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static JsonArrayBuilder challengeTypes(StepUpRequirements requirements) {
        JsonArrayBuilder types = Json.createArrayBuilder();
        List<String> challenge = requirements == null ? null : requirements.challenge();
        if (challenge != null) {
            challenge.forEach(types::add);
        }
        return types;
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.toString());
    }
}
