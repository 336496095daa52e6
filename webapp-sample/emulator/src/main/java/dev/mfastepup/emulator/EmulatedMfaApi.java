package dev.mfastepup.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Auth0's MFA API as documented: the per-audience policy and its {@code mfa_required} answer, the mfa_token, the
 * enrollment, challenge and listing calls, and the three MFA grants with their errors and attempt limit.
 * Every method holds the state's lock.
 */
public final class EmulatedMfaApi {

    /** The life of an {@code mfa_token} (Auth0: 10 minutes, not configurable). */
    public static final Duration MFA_TOKEN_LIFETIME = Duration.ofMinutes(10);
    /** The life of an out-of-band transaction (Auth0: codes and push enrollment expire after 5 minutes). */
    public static final Duration OOB_LIFETIME = Duration.ofMinutes(5);
    /** The shortest interval between two polls of a push before {@code slow_down}. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** What mfa_requirements offers to enroll: Auth0 documents e-mail as a type that "can only work with challenge". */
    private static final List<String> ENROLLABLE = List.of("otp", "phone", "push-notification");

    private final TenantState state;
    private final TokenResponses tokens;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param state the tenant state.
     * @param tokens issues the tokens at the end of MFA.
     * @param clock the clock.
     */
    public EmulatedMfaApi(TenantState state, TokenResponses tokens, Clock clock) {
        this.state = state;
        this.tokens = tokens;
        this.clock = clock;
    }

    // Policy -----------------------------------------------------------------------------------------------------

    /**
     * Issues tokens, or throws {@code mfa_required} when the audience's policy demands MFA.
     *
     * @param issuer the issuer URL.
     * @param username the authenticated user.
     * @param clientId the client.
     * @param audience the audience asked for, or {@code null}.
     * @param scope the scope asked for, or {@code null}.
     * @param refreshScope the scope of a rotated refresh token, or {@code null}.
     * @return the tokens.
     * @throws OAuthError {@code mfa_required} (403).
     */
    public Map<String, Object> issueOrRequireMfa(String issuer, String username, String clientId, String audience,
            String scope, String refreshScope) {
        synchronized (state) {
            UserAccount account = state.user(username).orElseThrow(() -> OAuthError.invalidGrant("Unknown user"));
            int factors = state.factorsFor(audience);
            if (factors <= 0) {
                return tokens.issue(issuer, account.user(), clientId, audience, scope, null, refreshScope);
            }
            throw mfaRequired(account, new MfaTransaction(Randoms.marked("emu-mfa-", 32), username, clientId,
                    audience, scope, factors, Set.of(), clock.instant().plus(MFA_TOKEN_LIFETIME)));
        }
    }

    private OAuthError mfaRequired(UserAccount account, MfaTransaction transaction) {
        state.mfaTransactions().put(transaction.token(), transaction);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("mfa_token", transaction.token());
        if (state.mfaRequirements()) {
            // Auth0 sends them only with Customizable MFA; a client must manage without.
            extra.put("mfa_requirements", requirements(account, transaction.usedKinds()));
        }
        return new OAuthError(403, "mfa_required", "Multifactor authentication required", null, extra);
    }

    /**
     * Returns the {@code mfa_requirements} for a user: the enrolled kinds not yet used to challenge, else the kinds
     * to enroll.
     *
     * @param account the user.
     * @param used the requirement types already verified in this chain.
     * @return {@code {"challenge":[...]}} or {@code {"enroll":[...]}}.
     */
    Map<String, Object> requirements(UserAccount account, Set<String> used) {
        Set<String> types = new LinkedHashSet<>();
        for (Authenticator a : account.active()) {
            types.add(a.kind().requirementType());
        }
        types.removeAll(used);
        if (!used.isEmpty() && types.equals(Set.of("recovery-code"))) {
            // A recovery code stands in for a lost factor; it is not a second factor of its own.
            types.clear();
        }
        if (!types.isEmpty()) {
            return Map.of("challenge", typeList(types));
        }
        Set<String> enroll = new LinkedHashSet<>(ENROLLABLE);
        enroll.removeAll(used);
        return Map.of("enroll", typeList(enroll));
    }

    private static List<Map<String, Object>> typeList(Set<String> types) {
        return types.stream().map(t -> Map.<String, Object>of("type", t)).toList();
    }

    /**
     * Finds a live MFA transaction.
     *
     * @param mfaToken the {@code mfa_token}.
     * @return the transaction.
     * @throws OAuthError {@code invalid_token} or {@code expired_token} (401).
     */
    MfaTransaction transaction(String mfaToken) {
        MfaTransaction transaction = mfaToken == null ? null : state.mfaTransactions().get(mfaToken);
        if (transaction == null) {
            throw new OAuthError(401, "invalid_token", "Invalid MFA token");
        }
        if (!clock.instant().isBefore(transaction.expiresAt())) {
            state.mfaTransactions().remove(mfaToken);
            throw new OAuthError(401, "expired_token", "mfa_token is expired");
        }
        return transaction;
    }

    private UserAccount account(MfaTransaction transaction) {
        return state.user(transaction.username()).orElseThrow(() -> new OAuthError(401, "invalid_token",
                "Invalid MFA token"));
    }

    // The MFA API ------------------------------------------------------------------------------------------------

    /**
     * Lists the user's authenticators ({@code GET /mfa/authenticators}).
     *
     * @param mfaToken the bearer {@code mfa_token}.
     * @return the list entries.
     */
    public List<Map<String, Object>> list(String mfaToken) {
        synchronized (state) {
            return account(transaction(mfaToken)).authenticators().stream().map(Authenticator::toJson).toList();
        }
    }

    /**
     * Deletes an authenticator and its twin ({@code DELETE /mfa/authenticators/{id}}).
     *
     * @param mfaToken the bearer token.
     * @param id the authenticator id.
     * @throws OAuthError {@code invalid_authenticator} (404) when the user has no such authenticator.
     */
    public void delete(String mfaToken, String id) {
        synchronized (state) {
            delete(account(transaction(mfaToken)), id);
        }
    }

    /**
     * Deletes an authenticator of a user and its twin.
     *
     * @param account the user.
     * @param id the authenticator id.
     * @throws OAuthError {@code invalid_authenticator} (404) when the user has no such authenticator.
     */
    void delete(UserAccount account, String id) {
        synchronized (state) {
            Authenticator target = account.authenticator(id)
                    .orElseThrow(() -> new OAuthError(404, "invalid_authenticator", "Authenticator not found"));
            account.authenticators().removeIf(a -> a == target
                    || (target.pairId() != null && a.id().equals(target.pairId())));
        }
    }

    /**
     * Starts an enrollment ({@code POST /mfa/associate}).
     *
     * @param issuer the issuer URL, the push QR's base URL.
     * @param mfaToken the bearer {@code mfa_token}.
     * @param authenticatorTypes {@code ["otp"]} or {@code ["oob"]}.
     * @param oobChannels for {@code oob}: {@code sms}, {@code voice}, {@code email} or {@code auth0}.
     * @param phoneNumber the E.164 number for sms and voice.
     * @param email the address for email; the user's own when absent.
     * @return the enrollment answer.
     */
    public Map<String, Object> associate(String issuer, String mfaToken, List<String> authenticatorTypes,
            List<String> oobChannels, String phoneNumber, String email) {
        synchronized (state) {
            MfaTransaction transaction = transaction(mfaToken);
            UserAccount account = account(transaction);
            if (!requirements(account, transaction.usedKinds()).containsKey("enroll")) {
                // Auth0 lets an mfa_token enroll only a user with no active authenticator (or, here, none left
                // unused in a chain); its guides name the error by its words only, so the code is a guess.
                throw new OAuthError(403, "access_denied", "User is already enrolled.");
            }
            if (authenticatorTypes == null || authenticatorTypes.isEmpty()) {
                throw OAuthError.invalidRequest("authenticator_types is required");
            }
            String type = authenticatorTypes.get(0);
            FactorKind kind;
            if ("otp".equals(type)) {
                kind = FactorKind.OTP;
            } else if ("oob".equals(type) && oobChannels != null && !oobChannels.isEmpty()) {
                kind = FactorKind.ofChannel(oobChannels.get(0));
            } else {
                kind = null;
            }
            if (kind == null) {
                throw new OAuthError(400, "unsupported_authenticator_type", "Unsupported authenticator type");
            }
            if ((kind == FactorKind.SMS || kind == FactorKind.VOICE)
                    && (phoneNumber == null || !E164.matcher(phoneNumber).matches())) {
                throw new OAuthError(400, "invalid_phone_number", "The phone number is invalid");
            }
            Instant now = clock.instant();
            // An abandoned enrollment of the same kind is replaced, so that confirmation finds the new one.
            account.authenticators().removeIf(a -> !a.active() && (a.kind() == kind || a.kind() == twinOf(kind)));
            String device = Randoms.deviceId();
            Map<String, Object> body = new LinkedHashMap<>();
            String oobCode = null;
            switch (kind) {
                case OTP -> {
                    byte[] secret = Randoms.bytes(20);
                    account.authenticators().add(new Authenticator("totp|" + device, kind, null, null, secret, now));
                    String base32 = Base32.encode(secret);
                    body.put("authenticator_type", "otp");
                    body.put("secret", base32);
                    body.put("barcode_uri", "otpauth://totp/Emulator:" + account.user().email() + "?secret=" + base32
                            + "&issuer=Emulator&algorithm=SHA1&digits=6&period=30");
                }
                case SMS, VOICE -> {
                    String masked = "XXXXXXXX" + phoneNumber.substring(phoneNumber.length() - 4);
                    FactorKind twin = twinOf(kind);
                    String id = kind.idPrefix() + "|" + device;
                    String twinId = twin.idPrefix() + "|" + device;
                    account.authenticators().add(new Authenticator(id, kind, masked, twinId, null, now));
                    account.authenticators().add(new Authenticator(twinId, twin, masked, id, null, now));
                    oobCode = startOob(account, transaction, id, kind, phoneNumber);
                }
                case EMAIL -> {
                    String address = email == null || email.isBlank() ? account.user().email() : email;
                    String id = "email|" + device;
                    account.authenticators().add(new Authenticator(id, kind, address, null, null, now));
                    oobCode = startOob(account, transaction, id, kind, address);
                }
                case PUSH -> {
                    // Auth0 adds the Guardian app's one-time codes as an OTP authenticator beside the push one.
                    String id = "push|" + device;
                    String twinId = "totp|" + device;
                    account.authenticators().add(new Authenticator(id, kind,
                            "Emulator device of " + account.user().username(), twinId, null, now));
                    account.authenticators().add(new Authenticator(twinId, FactorKind.OTP, null, id,
                            Randoms.bytes(20), now));
                    oobCode = startOob(account, transaction, id, kind, null);
                }
                default -> throw new OAuthError(400, "unsupported_authenticator_type", "Unsupported authenticator type");
            }
            if (oobCode != null) {
                body.put("authenticator_type", "oob");
                kind.putChannel(body);
                body.put("oob_code", oobCode);
                if (kind == FactorKind.PUSH) {
                    body.put("barcode_uri", "otpauth://totp/Emulator:" + account.user().email()
                            + "?enrollment_tx_id=" + Randoms.token(12) + "&base_url=" + issuer);
                } else {
                    body.put("binding_method", "prompt");
                }
            }
            if (account.recoveryCode().filter(Authenticator::active).isEmpty()) {
                // The first enrollment brings a recovery code; it turns active with the factor it came with.
                account.authenticators().removeIf(a -> a.kind() == FactorKind.RECOVERY_CODE);
                Authenticator recovery = new Authenticator("recovery-code|" + Randoms.deviceId(),
                        FactorKind.RECOVERY_CODE, null, null, null, now);
                recovery.recoveryCode(Randoms.recoveryCode());
                account.authenticators().add(recovery);
                body.put("recovery_codes", List.of(recovery.recoveryCode()));
            }
            return body;
        }
    }

    private static FactorKind twinOf(FactorKind kind) {
        return switch (kind) {
            case SMS -> FactorKind.VOICE;
            case VOICE -> FactorKind.SMS;
            case PUSH -> FactorKind.OTP;
            default -> kind;
        };
    }

    /** Starts an out-of-band transaction: a code to the inbox, or a pending push. */
    private String startOob(UserAccount account, MfaTransaction transaction, String authenticatorId, FactorKind kind,
            String to) {
        Instant now = clock.instant();
        String bindingCode = kind == FactorKind.PUSH ? null : Randoms.digits(6);
        OobTransaction oob = new OobTransaction(Randoms.marked("emu-oob-", 24), transaction.token(),
                account.user().username(), authenticatorId, bindingCode, now, now.plus(OOB_LIFETIME));
        state.oobTransactions().put(oob.oobCode(), oob);
        if (bindingCode != null) {
            account.inbox().add(new InboxMessage(kind.oobChannel(), to, bindingCode, now));
        }
        return oob.oobCode();
    }

    /**
     * Sends a challenge ({@code POST /mfa/challenge}); the client has been authenticated.
     *
     * @param mfaToken the {@code mfa_token}.
     * @param challengeType {@code otp} or {@code oob}, or both separated by spaces.
     * @param authenticatorId the authenticator, or {@code null} to let the tenant choose.
     * @return the challenge answer.
     */
    public Map<String, Object> challenge(String mfaToken, String challengeType, String authenticatorId) {
        synchronized (state) {
            MfaTransaction transaction = transaction(mfaToken);
            UserAccount account = account(transaction);
            Set<String> types = new HashSet<>(List.of((challengeType == null ? "" : challengeType).trim().split("\\s+")));
            if (types.isEmpty() || !Set.of("otp", "oob").containsAll(types)) {
                throw new OAuthError(400, "unsupported_challenge_type", "Unsupported challenge type");
            }
            Authenticator target;
            if (authenticatorId != null && !authenticatorId.isBlank()) {
                target = account.authenticator(authenticatorId).filter(Authenticator::active)
                        .orElseThrow(() -> new OAuthError(400, "invalid_authenticator", "Authenticator not found"));
                if (!types.contains(target.kind().authenticatorType())) {
                    throw new OAuthError(400, "unsupported_challenge_type", target.kind().challengeRefusal());
                }
            } else {
                if (account.active().isEmpty()) {
                    throw new OAuthError(400, "association_required", "User must enroll an authenticator");
                }
                target = account.active().stream()
                        .filter(a -> types.contains(a.kind().authenticatorType()))
                        .filter(a -> !transaction.usedKinds().contains(a.kind().requirementType()))
                        .findFirst()
                        .orElseThrow(() -> new OAuthError(400, "unsupported_challenge_type",
                                "User is not enrolled with a factor of this challenge type"));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (target.kind() == FactorKind.OTP) {
                body.put("challenge_type", "otp");
                return body;
            }
            String to = maskedTarget(target);
            body.put("challenge_type", "oob");
            body.put("oob_code", startOob(account, transaction, target.id(), target.kind(), to));
            if (target.kind() != FactorKind.PUSH) {
                body.put("binding_method", "prompt");
            }
            return body;
        }
    }

    private static String maskedTarget(Authenticator authenticator) {
        return authenticator.toJson().getOrDefault("name", "").toString();
    }

    // The MFA grants ---------------------------------------------------------------------------------------------

    /**
     * The {@code mfa-otp} grant: a TOTP code from an active authenticator, or from one being enrolled.
     *
     * @param issuer the issuer URL.
     * @param mfaToken the {@code mfa_token}.
     * @param otp the code.
     * @return the tokens.
     * @throws OAuthError {@code invalid_grant}, {@code too_many_attempts}, or {@code mfa_required} (chained).
     */
    public Map<String, Object> verifyOtp(String issuer, String mfaToken, String otp) {
        synchronized (state) {
            MfaTransaction transaction = transaction(mfaToken);
            UserAccount account = account(transaction);
            checkAttempts(account);
            Instant now = clock.instant();
            for (Authenticator a : account.authenticators()) {
                if (a.kind() == FactorKind.OTP && !transaction.usedKinds().contains("otp")) {
                    long step = Totp.matchingStep(a.secret(), otp, now);
                    if (step >= 0 && a.useStep(step)) {
                        return verified(issuer, transaction, account, a, Map.of());
                    }
                }
            }
            account.attempts().fail(now);
            throw OAuthError.invalidGrant("Invalid otp_code.");
        }
    }

    /**
     * The {@code mfa-oob} grant: the binding code of an SMS, voice or e-mail transaction, or the poll of a push.
     *
     * @param issuer the issuer URL.
     * @param mfaToken the {@code mfa_token}.
     * @param oobCode the transaction's {@code oob_code}.
     * @param bindingCode the code the user received, or {@code null} for push.
     * @return the tokens.
     * @throws OAuthError {@code invalid_grant}, {@code authorization_pending}, {@code slow_down},
     *         {@code too_many_attempts}, or {@code mfa_required} (chained).
     */
    public Map<String, Object> verifyOob(String issuer, String mfaToken, String oobCode, String bindingCode) {
        synchronized (state) {
            MfaTransaction transaction = transaction(mfaToken);
            UserAccount account = account(transaction);
            Instant now = clock.instant();
            OobTransaction oob = oobCode == null ? null : state.oobTransactions().get(oobCode);
            if (oob == null || !oob.mfaToken().equals(transaction.token())) {
                throw OAuthError.invalidGrant("Invalid oob_code.");
            }
            if (!now.isBefore(oob.expiresAt())) {
                state.oobTransactions().remove(oobCode);
                throw OAuthError.invalidGrant("The transaction has expired.");
            }
            Authenticator authenticator = account.authenticator(oob.authenticatorId())
                    .orElseThrow(() -> OAuthError.invalidGrant("Invalid oob_code."));
            if (oob.isPush()) {
                return pollPush(issuer, transaction, account, authenticator, oob, now);
            }
            checkAttempts(account);
            if (bindingCode == null || bindingCode.isBlank()) {
                throw new OAuthError(400, "invalid_binding_code", "binding_code is required");
            }
            if (!java.security.MessageDigest.isEqual(bindingCode.trim().getBytes(), oob.bindingCode().getBytes())) {
                account.attempts().fail(now);
                throw OAuthError.invalidGrant("Invalid binding_code.");
            }
            state.oobTransactions().remove(oobCode);
            return verified(issuer, transaction, account, authenticator, Map.of());
        }
    }

    private Map<String, Object> pollPush(String issuer, MfaTransaction transaction, UserAccount account,
            Authenticator authenticator, OobTransaction oob, Instant now) {
        switch (oob.pushState()) {
            case APPROVED -> {
                state.oobTransactions().remove(oob.oobCode());
                return verified(issuer, transaction, account, authenticator, Map.of());
            }
            case DENIED -> {
                state.oobTransactions().remove(oob.oobCode());
                throw OAuthError.invalidGrant("MFA Authorization rejected.");
            }
            default -> {
                Instant previous = oob.poll(now);
                if (previous != null && Duration.between(previous, now).compareTo(POLL_INTERVAL) < 0) {
                    throw new OAuthError(400, "slow_down", "You are polling faster than allowed. Try again in "
                            + POLL_INTERVAL.toSeconds() + " seconds.");
                }
                throw new OAuthError(400, "authorization_pending",
                        "Authorization pending: please repeat the request in a few seconds.");
            }
        }
    }

    /**
     * The {@code mfa-recovery-code} grant; a correct code is replaced by a new one, returned as
     * {@code recovery_code}.
     *
     * @param issuer the issuer URL.
     * @param mfaToken the {@code mfa_token}.
     * @param recoveryCode the code.
     * @return the tokens and the new recovery code.
     */
    public Map<String, Object> verifyRecoveryCode(String issuer, String mfaToken, String recoveryCode) {
        synchronized (state) {
            MfaTransaction transaction = transaction(mfaToken);
            UserAccount account = account(transaction);
            checkAttempts(account);
            Optional<Authenticator> held = account.recoveryCode().filter(Authenticator::active);
            String typed = recoveryCode == null ? "" : recoveryCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
            if (held.isEmpty() || transaction.usedKinds().contains("recovery-code")
                    || !java.security.MessageDigest.isEqual(typed.getBytes(), held.get().recoveryCode().getBytes())) {
                account.attempts().fail(clock.instant());
                throw OAuthError.invalidGrant("Invalid recovery code.");
            }
            String next = Randoms.recoveryCode();
            held.get().recoveryCode(next);
            return verified(issuer, transaction, account, held.get(), Map.of("recovery_code", next));
        }
    }

    private void checkAttempts(UserAccount account) {
        Duration wait = account.attempts().waitBeforeAttempt(clock.instant());
        if (!wait.isZero() && !wait.isNegative()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new OAuthError(429, "too_many_attempts", "Rate limit exceeded", seconds, Map.of());
        }
    }

    /** A factor passed: confirm a pending enrollment, then owe one factor less. */
    private Map<String, Object> verified(String issuer, MfaTransaction transaction, UserAccount account,
            Authenticator authenticator, Map<String, Object> extra) {
        if (!authenticator.active()) {
            authenticator.activate();
            if (authenticator.pairId() != null) {
                account.authenticator(authenticator.pairId()).ifPresent(Authenticator::activate);
            }
            account.recoveryCode().ifPresent(Authenticator::activate);
        }
        state.mfaTransactions().remove(transaction.token());
        Set<String> used = new LinkedHashSet<>(transaction.usedKinds());
        used.add(authenticator.kind().requirementType());
        int remaining = transaction.remaining() - 1;
        if (remaining > 0) {
            throw mfaRequired(account, new MfaTransaction(Randoms.marked("emu-mfa-", 32), transaction.username(),
                    transaction.clientId(), transaction.audience(), transaction.scope(), remaining, used,
                    clock.instant().plus(MFA_TOKEN_LIFETIME)));
        }
        Map<String, Object> body = tokens.issue(issuer, account.user(), transaction.clientId(), transaction.audience(),
                transaction.scope(), null, null);
        body.putAll(extra);
        return body;
    }

    // The device ---------------------------------------------------------------------------------------------------

    /**
     * Returns a user's pending pushes, newest first.
     *
     * @param username the user.
     * @return the transactions.
     */
    public List<OobTransaction> pendingPushes(String username) {
        synchronized (state) {
            Instant now = clock.instant();
            List<OobTransaction> pending = new ArrayList<>();
            for (OobTransaction oob : state.oobTransactions().values()) {
                if (oob.isPush() && oob.username().equals(username)
                        && oob.pushState() == OobTransaction.PushState.PENDING && now.isBefore(oob.expiresAt())) {
                    pending.add(0, oob);
                }
            }
            return pending;
        }
    }

    /**
     * Answers a pending push, as the user's phone would.
     *
     * @param username the user.
     * @param oobCode the push's {@code oob_code}, or {@code null} for the newest pending one.
     * @param approve approve, or deny.
     * @return whether there was such a pending push.
     */
    public boolean answerPush(String username, String oobCode, boolean approve) {
        synchronized (state) {
            Optional<OobTransaction> target = pendingPushes(username).stream()
                    .filter(oob -> oobCode == null || oob.oobCode().equals(oobCode))
                    .findFirst();
            target.ifPresent(oob -> oob.answer(approve ? OobTransaction.PushState.APPROVED
                    : OobTransaction.PushState.DENIED));
            return target.isPresent();
        }
    }

    /**
     * Returns the code a user's OTP authenticator shows now (a test hook; Auth0 has no such thing).
     *
     * @param username the user.
     * @return the code, if the user has an OTP authenticator (the newest one).
     */
    public Optional<String> currentOtp(String username) {
        synchronized (state) {
            return state.user(username).flatMap(account -> account.authenticators().stream()
                    .filter(a -> a.kind() == FactorKind.OTP)
                    .reduce((first, second) -> second))
                    .map(a -> Totp.code(a.secret(), Totp.step(clock.instant())));
        }
    }
}
