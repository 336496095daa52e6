package dev.mfastepup.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user with what the tenant keeps about them: authenticators, inbox and attempt bucket. Guarded by the lock of
 * {@link TenantState}.
 */
public final class UserAccount {

    private final DemoUser user;
    private final List<Authenticator> authenticators = new ArrayList<>();
    private final List<InboxMessage> inbox = new ArrayList<>();
    private final AttemptBucket attempts = new AttemptBucket();

    /**
     * Creates an account with nothing enrolled.
     *
     * @param user the user.
     */
    public UserAccount(DemoUser user) {
        this.user = user;
    }

    /** @return the user. */
    public DemoUser user() {
        return user;
    }

    /** @return the authenticators, in enrollment order (modifiable, under the lock). */
    public List<Authenticator> authenticators() {
        return authenticators;
    }

    /** @return the active authenticators. */
    public List<Authenticator> active() {
        return authenticators.stream().filter(Authenticator::active).toList();
    }

    /**
     * Finds an authenticator.
     *
     * @param id its id.
     * @return it, if the user has it.
     */
    public Optional<Authenticator> authenticator(String id) {
        return authenticators.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** @return the recovery-code authenticator, active or not. */
    public Optional<Authenticator> recoveryCode() {
        return authenticators.stream().filter(a -> a.kind() == FactorKind.RECOVERY_CODE).findFirst();
    }

    /** @return the inbox, oldest first (modifiable, under the lock). */
    public List<InboxMessage> inbox() {
        return inbox;
    }

    /** @return the attempt bucket. */
    public AttemptBucket attempts() {
        return attempts;
    }
}
