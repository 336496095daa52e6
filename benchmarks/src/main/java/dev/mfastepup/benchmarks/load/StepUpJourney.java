package dev.mfastepup.benchmarks.load;

import dev.mfastepup.testing.Totp;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step-up of one new user, over HTTP as a browser would do it, checking every answer on the way:
 * <ol>
 * <li>login ({@link #signIn}, the application's own OpenID Connect login, not the module's): the sample's home
 * page sends the browser to the emulator's login form, which sends it back signed in ({@code Welcome, <user>});</li>
 * <li>step-up ({@link #stepUp}, timed on its own): {@code /reports?vu=..&n=..} answers {@code mfa_required}
 * through the filter's redirect to the MFA start page; the enrolled authenticator app is preselected; the code
 * page takes the TOTP computed from the user's secret; the browser lands on exactly the URL it asked for, and the
 * report there is prepared for this user's subject (the API checked the token's signature, audience and
 * subject);</li>
 * <li>the session check ({@link #checkSession}): the home page still greets this user.</li>
 * </ol>
 * {@link #run} does the three in a row; a load that signs its users in before it measures calls them apart.
 * Anything else ends the journey with a {@link WebClient.UnexpectedAnswer} that names the step.
 */
final class StepUpJourney {

    private static final Pattern FLOW = Pattern.compile("[?&]flow=([A-Za-z0-9_-]{16,64})");

    private final URI app;

    StepUpJourney(URI app) {
        this.app = app;
    }

    /**
     * How long the parts of one journey took, in nanoseconds.
     *
     * @param login the sign-in, or 0 when the user was signed in before (not part of the journey).
     * @param stepUp from the request for the protected page to the report after the code.
     * @param total the whole journey (the step-up alone when the user was signed in before).
     */
    record Timing(long login, long stepUp, long total) {
    }

    /** Signs a new user in, steps up, and checks the session: the whole journey. */
    Timing run(WebClient browser, LoadUser user, String vu, long iteration) throws IOException, InterruptedException {
        long start = System.nanoTime();
        signIn(browser, user);
        long signedIn = System.nanoTime();
        long stepUp = stepUp(browser, user, vu, iteration);
        checkSession(browser, user);
        return new Timing(signedIn - start, stepUp, System.nanoTime() - start);
    }

    /**
     * Steps up a user who is signed in, and checks that the report after it is prepared for this user.
     *
     * @return how long it took, in nanoseconds.
     */
    long stepUp(WebClient browser, LoadUser user, String vu, long iteration) throws IOException, InterruptedException {
        long start = System.nanoTime();
        URI protectedPage = app.resolve("/reports?vu=" + vu + "&n=" + iteration);
        WebClient.Page start1 = browser.get(protectedPage);
        expect(start1, "/mfa/index.xhtml", "the protected page did not lead to the MFA start page");
        Matcher flow = FLOW.matcher(start1.uri().getRawQuery() == null ? "" : "?" + start1.uri().getRawQuery());
        if (!flow.find()) {
            throw new WebClient.UnexpectedAnswer("the MFA start page has no flow id");
        }
        HtmlForm choose = HtmlForm.find(start1.body(), "mfa");
        if (!choose.fields().containsKey("mfa:authenticator")) {
            throw new WebClient.UnexpectedAnswer("the MFA start page preselects no authenticator");
        }
        WebClient.Page codePage = browser.post(start1.uri().resolve(choose.action()),
                choose.submit("mfa:continue", Map.of()));
        expect(codePage, "/mfa/code.xhtml", "continuing did not lead to the code page");
        HtmlForm enter = HtmlForm.find(codePage.body(), "mfa");
        String otp = Totp.code(user.otpSecret(), Instant.now());
        WebClient.Page back = browser.post(codePage.uri().resolve(enter.action()),
                enter.submit("mfa:verify", Map.of("mfa:code", otp)));
        long steppedUp = System.nanoTime();

        // Its own saved URL, its own token, its own subject.
        if (back.status() != 200 || !protectedPage.equals(back.uri())) {
            throw new WebClient.UnexpectedAnswer("after verify: not back on the page asked for (status "
                    + back.status() + ", " + back.uri().getPath() + ")");
        }
        if (!back.body().contains("Prepared for <code>" + user.subject() + "</code>")) {
            throw new WebClient.UnexpectedAnswer("LEAK? the report is not prepared for this user's subject");
        }
        return steppedUp - start;
    }

    /** Checks that the session still belongs to this user: the home page greets them. */
    void checkSession(WebClient browser, LoadUser user) throws IOException, InterruptedException {
        WebClient.Page home = browser.get(app.resolve("/home"));
        if (home.status() != 200 || !home.body().contains("Welcome, " + user.username() + "</h1>")) {
            throw new WebClient.UnexpectedAnswer("LEAK? the session does not greet this user");
        }
    }

    /** Signs a new user in: the sample's home page, the emulator's login form, back on the home page. */
    void signIn(WebClient browser, LoadUser user) throws IOException, InterruptedException {
        WebClient.Page login = browser.get(app.resolve("/home"));
        if (login.status() != 200 || app.getPort() == login.uri().getPort() && app.getHost().equals(login.uri().getHost())) {
            throw new WebClient.UnexpectedAnswer("the home page did not lead to the login form (status "
                    + login.status() + ")");
        }
        HtmlForm form = HtmlForm.find(login.body(), "authorize/login");
        WebClient.Page home = browser.post(login.uri().resolve(form.action()),
                withCredentials(form, user));
        if (home.status() != 200 || !home.body().contains("Welcome, " + user.username() + "</h1>")) {
            throw new WebClient.UnexpectedAnswer("the login did not end on the home page (status " + home.status()
                    + ", " + home.uri().getPath() + ")");
        }
    }

    private static Map<String, String> withCredentials(HtmlForm form, LoadUser user) {
        Map<String, String> fields = new java.util.LinkedHashMap<>(form.fields());
        fields.put("username", user.username());
        fields.put("password", user.password());
        return fields;
    }

    private static void expect(WebClient.Page page, String path, String message) {
        if (page.status() != 200 || !path.equals(page.uri().getPath())) {
            throw new WebClient.UnexpectedAnswer(message + " (status " + page.status() + ", "
                    + page.uri().getPath() + ")");
        }
    }
}
