package dev.mfastepup.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All of the emulated tenant's state, in memory. Callers hold this object's lock while they read or change it;
 * one lock is plenty for a demo tenant and keeps multi-step changes (such as chained MFA) consistent.
 */
public final class TenantState {

    /** The sample's reports API, which demands MFA by default. */
    public static final String REPORTS_AUDIENCE = "https://reports.example.com";

    private final Map<String, UserAccount> users = new LinkedHashMap<>();
    private final Map<String, MfaTransaction> mfaTransactions = new HashMap<>();
    private final Map<String, OobTransaction> oobTransactions = new LinkedHashMap<>();
    private final Map<String, AuthorizationCode> codes = new HashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new HashMap<>();
    private final Map<String, SsoSession> ssoSessions = new LinkedHashMap<>();
    private final IdTokenTampering idTokenTampering = new IdTokenTampering();
    private final Map<String, Integer> policy = new HashMap<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<DemoUser> initialUsers;
    private boolean mfaRequirements;
    private boolean verifiedEmailsListed;

    /** Creates the state with the demo users. */
    public TenantState() {
        this(EmulatorSettings.DEMO_USERS);
    }

    /**
     * Creates the state with the given users.
     *
     * @param initialUsers the users, each with nothing enrolled but {@link SecurityKeyUser}'s key.
     */
    public TenantState(List<DemoUser> initialUsers) {
        this.initialUsers = List.copyOf(initialUsers);
        reset();
    }

    /**
     * Puts everything back to the initial users with nothing enrolled (but {@link SecurityKeyUser}'s key), and the
     * default policy.
     */
    public synchronized void reset() {
        users.clear();
        mfaTransactions.clear();
        oobTransactions.clear();
        codes.clear();
        refreshTokens.clear();
        ssoSessions.clear();
        idTokenTampering.clear();
        policy.clear();
        faults.clear();
        initialUsers.forEach(this::add);
        policy.put(REPORTS_AUDIENCE, 1);
        mfaRequirements = true;
        verifiedEmailsListed = false;
    }

    /** @return whether {@code mfa_required} carries {@code mfa_requirements}, as with Auth0's Customizable MFA. */
    public synchronized boolean mfaRequirements() {
        return mfaRequirements;
    }

    /**
     * Sets how the tenant is configured at Auth0.
     *
     * @param withRequirements whether {@code mfa_required} carries {@code mfa_requirements} (Customizable MFA).
     * @param emailsListed whether, with e-mail as a factor, every user's verified address is an active e-mail
     *        authenticator, as Auth0 lists it: the user is then challenged by e-mail and cannot enroll with an
     *        {@code mfa_token}.
     * @param now the time the listed addresses are enrolled at.
     */
    public synchronized void configure(boolean withRequirements, boolean emailsListed, Instant now) {
        mfaRequirements = withRequirements;
        if (emailsListed && !verifiedEmailsListed) {
            for (UserAccount account : users.values()) {
                Authenticator email = new Authenticator("email|verified-" + account.user().username(),
                        FactorKind.EMAIL, account.user().email(), null, null, now);
                email.activate();
                account.authenticators().add(0, email);
            }
        }
        if (!emailsListed) {
            users.values().forEach(a -> a.authenticators().removeIf(e -> e.id().startsWith("email|verified-")));
        }
        verifiedEmailsListed = emailsListed;
    }

    private void add(DemoUser user) {
        UserAccount account = new UserAccount(user);
        SecurityKeyUser.enroll(account);
        users.put(user.username(), account);
    }

    /**
     * Adds a user who has an authenticator app enrolled already (for load tests, which need many users who each
     * verify one code).
     *
     * @param user the user; the username must be new.
     * @param otpSecret the secret of the authenticator app.
     * @param deviceId the authenticator's id after {@code totp|}.
     * @param now when it was enrolled.
     * @return {@code false} when the username is taken (nothing is changed then).
     */
    public synchronized boolean addUserWithOtp(DemoUser user, byte[] otpSecret, String deviceId, Instant now) {
        if (users.containsKey(user.username())) {
            return false;
        }
        UserAccount account = new UserAccount(user);
        Authenticator otp = new Authenticator("totp|" + deviceId, FactorKind.OTP, null, null, otpSecret, now);
        otp.activate();
        account.authenticators().add(otp);
        users.put(user.username(), account);
        return true;
    }

    /**
     * Finds a user.
     *
     * @param username the login name.
     * @return the account.
     */
    public synchronized Optional<UserAccount> user(String username) {
        return Optional.ofNullable(username == null ? null : users.get(username));
    }

    /**
     * Finds a user by what they log in with, as an Auth0 database connection does: the username, or the e-mail
     * address in any case.
     *
     * @param login the username or e-mail address.
     * @return the account.
     */
    public synchronized Optional<UserAccount> userByLogin(String login) {
        if (login == null) {
            return Optional.empty();
        }
        UserAccount byName = users.get(login);
        return byName != null ? Optional.of(byName) : users.values().stream()
                .filter(account -> login.equalsIgnoreCase(account.user().email())).findFirst();
    }

    /** @return all accounts, in creation order. */
    public synchronized List<UserAccount> users() {
        return List.copyOf(users.values());
    }

    /**
     * Returns how many factors an audience demands.
     *
     * @param audience the audience, or {@code null}.
     * @return 0, 1 or 2.
     */
    public int factorsFor(String audience) {
        return audience == null ? 0 : policy.getOrDefault(audience, 0);
    }

    /**
     * Sets how many factors an audience demands.
     *
     * @param audience the audience.
     * @param factors 0, 1 or 2.
     */
    public void policy(String audience, int factors) {
        policy.put(audience, factors);
    }

    /** @return the MFA transactions by {@code mfa_token}. */
    public Map<String, MfaTransaction> mfaTransactions() {
        return mfaTransactions;
    }

    /** @return the out-of-band transactions by {@code oob_code}, oldest first. */
    public Map<String, OobTransaction> oobTransactions() {
        return oobTransactions;
    }

    /** @return the authorization codes. */
    public Map<String, AuthorizationCode> codes() {
        return codes;
    }

    /** @return the refresh tokens. */
    public Map<String, RefreshGrant> refreshTokens() {
        return refreshTokens;
    }

    /** @return the login sessions of Universal Login, by the id their cookie carries, oldest first. */
    public Map<String, SsoSession> ssoSessions() {
        return ssoSessions;
    }

    /** @return the changes the test hooks ask for in the next ID token of the authorization-code grant. */
    public IdTokenTampering idTokenTampering() {
        return idTokenTampering;
    }

    /** @return the injected faults. */
    public List<Fault> faults() {
        return faults;
    }

    /**
     * Returns the faults that hit a request to a path, and counts the request against those set for a number of
     * times (so that a test can fail the first call only and see the retry succeed).
     *
     * @param path the path below the emulator's root.
     * @return the faults to apply, in the order they were set.
     */
    public synchronized List<Fault> takeFaults(String path) {
        List<Fault> hit = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            if (!fault.path().equals(path)) {
                continue;
            }
            hit.add(fault);
            if (fault.times() == 1) {
                faults.remove(i--);
            } else if (fault.times() > 1) {
                faults.set(i, new Fault(fault.path(), fault.kind(), fault.millis(), fault.times() - 1));
            }
        }
        return hit;
    }
}
