package dev.mfastepup.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mfastepup.Factor;
import dev.mfastepup.MfaTokenExpiredException;
import dev.mfastepup.MfaTokenInvalidException;
import dev.mfastepup.MutableClock;
import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.TestConfigs;
import dev.mfastepup.crypto.ContextSealer;
import jakarta.servlet.http.HttpSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * SEC-36 and the cluster: a session replicated between servers holds copies, so a change reaches the next server
 * only when it is written back with {@code setAttribute}. Here every read of the session gets a fresh copy of what
 * was last written, as a server that received the session by replication would.
 */
class ReplicatedSessionTest {

    private static final String ALICE = "auth0|alice";
    private static final String DOMAIN = "tenant.example.com";
    private static final Duration TTL = Duration.ofSeconds(300);
    private static final TokenKey KEY = new TokenKey("https://api.example.com", "read:reports");
    private static final StepUpRequirements OTP = new StepUpRequirements(null, List.of("otp"));
    private static final PendingStepUp.ReturnTo REPORTS = new PendingStepUp.ReturnTo("/reports?id=7", false);
    private static final PendingStepUp.ReturnTo ADMIN = new PendingStepUp.ReturnTo("/admin", false);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
    private final StepUpFlows flows = new StepUpFlows(
            new ContextSealer(List.of(TestConfigs.SECRET), TTL, clock), clock, TTL);
    private final Map<String, byte[]> replicated = new ConcurrentHashMap<>();
    private final HttpSession session = replicatedSession();

    private HttpSession replicatedSession() {
        HttpSession s = mock(HttpSession.class);
        when(s.getId()).thenReturn("session-1");
        when(s.getAttribute(anyString())).thenAnswer(i -> {
            byte[] bytes = replicated.get(i.<String>getArgument(0));
            return bytes == null ? null : read(bytes);
        });
        doAnswer(i -> {
            replicated.put(i.getArgument(0), write(i.getArgument(1)));
            return null;
        }).when(s).setAttribute(anyString(), any());
        return s;
    }

    private static byte[] write(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Object read(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the next server sees. */
    private PendingStepUps onTheNextServer() {
        return PendingStepUps.find(session).orElseThrow();
    }

    private PendingStepUp start() {
        return flows.start(session, ALICE, DOMAIN, KEY, "MFATOK-CANARY", OTP);
    }

    @Test
    void sec36AStartedFlowAndItsReturnPathReachTheNextServer() {
        PendingStepUp started = start();
        assertTrue(onTheNextServer().get(started.flowId()).isPresent());

        assertTrue(flows.rememberReturnTo(session, started.flowId(), REPORTS));

        assertEquals(REPORTS, onTheNextServer().get(started.flowId()).orElseThrow().returnTo());
    }

    @Test
    void sec36ASecondTabsEntryReachesTheNextServerWithItsOwnReturnPath() {
        PendingStepUp started = start();
        flows.rememberReturnTo(session, started.flowId(), REPORTS);

        String entry = flows.join(session, started.flowId(), ADMIN).orElseThrow();

        assertEquals(ADMIN, onTheNextServer().get(entry).orElseThrow().returnTo());
        assertEquals(started.flowId(), onTheNextServer().get(entry).orElseThrow().flowId());
    }

    @Test
    void sec36AChallengeSentReachesTheNextServer() {
        PendingStepUp started = start();
        StepUpFlows.Opened opened = flows.open(session, started.flowId(), ALICE, DOMAIN);
        PendingStepUp.Challenge push = new PendingStepUp.Challenge(Factor.PUSH, "push|dev_1", false, false,
                clock.instant(), 5, null);

        PendingStepUp recorded = flows.recordChallenge(session, opened, "OOB-1", push);

        assertEquals(onTheNextServer().get(started.flowId()).orElseThrow(), recorded, "the state it returns");
        assertEquals(push, onTheNextServer().get(started.flowId()).orElseThrow().challenge());
        assertEquals("OOB-1", flows.open(session, started.flowId(), ALICE, DOMAIN).context().oobCode());
    }

    @Test
    void sec27AnEnrollmentReachesTheNextServerAndKeepsTheRecoveryCodeNotShownYet() {
        PendingStepUp started = start();
        PendingStepUp.Challenge otp = new PendingStepUp.Challenge(Factor.OTP, null, true, false, clock.instant(), 5,
                null);

        PendingStepUp recorded = flows.recordEnrollment(session, flows.open(session, started.flowId(), ALICE, DOMAIN),
                null, "RECOVERY-1", otp);

        assertEquals(onTheNextServer().get(started.flowId()).orElseThrow(), recorded, "the state it returns");
        assertEquals("RECOVERY-1", flows.open(session, started.flowId(), ALICE, DOMAIN).context().recoveryCode());

        // A second factor of a chain, enrolled without a new recovery code, keeps the one not shown yet.
        flows.recordEnrollment(session, flows.open(session, started.flowId(), ALICE, DOMAIN), "OOB-2", null, otp);
        StepUpFlows.Opened next = flows.open(session, started.flowId(), ALICE, DOMAIN);
        assertEquals("RECOVERY-1", next.context().recoveryCode());
        assertEquals("OOB-2", next.context().oobCode());

        flows.recordEnrollment(session, next, null, "RECOVERY-2", otp);
        assertEquals("RECOVERY-2", flows.open(session, started.flowId(), ALICE, DOMAIN).context().recoveryCode());
    }

    @Test
    void sec36AnUpdatedStateReachesTheNextServerAndIsTheOneReturned() {
        PendingStepUp started = start();
        PendingStepUp.Challenge push = new PendingStepUp.Challenge(Factor.PUSH, "push|dev_1", false, false,
                clock.instant(), 5, null);

        PendingStepUp updated = flows.update(session, started.with(started.sealedContext(), push));

        assertEquals(push, updated.challenge());
        assertEquals(updated, onTheNextServer().get(started.flowId()).orElseThrow());
    }

    @Test
    void sec36ACompletedFlowIsGoneOnTheNextServerAndRemembersWhereToReturn() {
        PendingStepUp started = start();
        flows.rememberReturnTo(session, started.flowId(), REPORTS);

        assertTrue(flows.complete(session, started.flowId()));

        assertTrue(onTheNextServer().get(started.flowId()).isEmpty(), "a completed flow cannot be used again");
        assertEquals(REPORTS, flows.completed(session, started.flowId()).orElseThrow().returnTo());
        assertFalse(flows.complete(session, started.flowId()), "nor completed twice");
    }

    @Test
    void sec36AnEndedFlowIsGoneOnTheNextServer() {
        PendingStepUp started = start();

        assertTrue(flows.end(session, started.flowId()));

        assertTrue(onTheNextServer().get(started.flowId()).isEmpty());
        assertFalse(flows.end(session, started.flowId()));
        assertThrows(MfaTokenInvalidException.class, () -> flows.open(session, started.flowId(), ALICE, DOMAIN));
    }

    @Test
    void sec36AFlowThatDoesNotExistIsNeitherChangedNorCreated() {
        PendingStepUp started = start();
        flows.end(session, started.flowId());

        assertFalse(flows.rememberReturnTo(session, started.flowId(), REPORTS));
        assertTrue(flows.join(session, started.flowId(), ADMIN).isEmpty());
        assertThrows(MfaTokenInvalidException.class, () -> flows.update(session, started));
        assertTrue(onTheNextServer().all().isEmpty());
        assertFalse(flows.end(mock(HttpSession.class), started.flowId()), "a session without flows");
        assertFalse(flows.complete(mock(HttpSession.class), started.flowId()));
    }

    @Test
    void sec03AFlowIdOfAnotherShapeOrWithoutASessionOpensNothing() {
        PendingStepUp started = start();
        String id = started.flowId();

        assertThrows(MfaTokenInvalidException.class, () -> flows.open(null, id, ALICE, DOMAIN));
        assertThrows(MfaTokenInvalidException.class, () -> flows.open(session, null, ALICE, DOMAIN));
        assertThrows(MfaTokenInvalidException.class, () -> flows.open(session, id + "A", ALICE, DOMAIN));
        assertThrows(MfaTokenInvalidException.class, () -> flows.open(session, id.substring(1), ALICE, DOMAIN));
        assertThrows(MfaTokenInvalidException.class, () -> flows.open(mock(HttpSession.class), id, ALICE, DOMAIN));
        assertEquals(id, flows.open(session, id, ALICE, DOMAIN).stepUp().flowId());
    }

    @Test
    void sec04AFlowOpenedForAnotherUserIsEndedOnTheNextServer() {
        PendingStepUp started = start();

        assertThrows(MfaTokenInvalidException.class,
                () -> flows.open(session, started.flowId(), "auth0|mallory", DOMAIN));

        assertTrue(onTheNextServer().get(started.flowId()).isEmpty());
    }

    @Test
    void sec05AnExpiredFlowIsEndedOnTheNextServer() {
        PendingStepUp started = start();
        clock.advance(TTL.plusSeconds(1));

        assertThrows(MfaTokenExpiredException.class, () -> flows.open(session, started.flowId(), ALICE, DOMAIN));

        assertTrue(onTheNextServer().get(started.flowId()).isEmpty());
    }

    @Test
    void sec12ASecondTabJoinsAFlowOnlyWithinTheFirstHalfOfItsLife() {
        PendingStepUp started = start();

        clock.advance(TTL.dividedBy(2).minusSeconds(1));
        assertEquals(started.flowId(), flows.joinable(session, KEY).orElseThrow().flowId());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(flows.joinable(session, KEY).isEmpty(), "half its life is gone: a new flow is started instead");
    }

    @Test
    void sec36SessionTokensSavedReachTheNextServer() {
        SessionTokens tokens = SessionTokens.of(session);
        tokens.bindSubject(ALICE);
        tokens.setRefreshToken("RT-CANARY");
        tokens.recordStepUp(KEY, clock.instant());
        tokens.save(session);

        SessionTokens next = SessionTokens.find(session).orElseThrow();
        assertEquals(ALICE, next.subject().orElseThrow());
        assertEquals("RT-CANARY", next.refreshToken().orElseThrow());
        assertEquals(clock.instant(), next.lastStepUp(KEY).orElseThrow());
        assertNull(next.lastStepUp(new TokenKey("https://api.example.com", "write:reports")).orElse(null));
    }
}
