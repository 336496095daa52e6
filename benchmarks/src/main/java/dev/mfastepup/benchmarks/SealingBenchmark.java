package dev.mfastepup.benchmarks;

import dev.mfastepup.crypto.ContextSealer;
import dev.mfastepup.crypto.StepUpContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing and unsealing a step-up context (issue 5, item 2): A256CBC-HS512 with a key derived from the module
 * secret, a 600-character raw {@code mfa_token}, three factor types, bound to flow, user and tenant.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class SealingBenchmark {

    private ContextSealer sealer;
    private StepUpContext context;
    private String sealed;
    private String flowId;
    private String subject;
    private String domain;

    @Setup(Level.Trial)
    public void setUp() {
        Instant now = Instant.now();
        // A fixed clock: the context stays within its time to live however long the run takes.
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        sealer = new ContextSealer(List.of(Fixtures.SECRET), ContextSealer.DEFAULT_TTL, clock);
        flowId = "Q2hhbGxlbmdlRmxvd0lkMQ";
        subject = Fixtures.SUBJECT;
        domain = Fixtures.DOMAIN;
        context = new StepUpContext(Fixtures.jwtShaped(600, 2), Fixtures.AUDIENCE, Fixtures.SCOPE,
                Fixtures.threeFactorRequirements(), now.getEpochSecond(), flowId, subject, domain, null, null);
        sealed = sealer.seal(context);
        StepUpContext opened = sealer.unseal(sealed, flowId, subject, domain);
        if (!opened.mfaToken().equals(context.mfaToken()) || !opened.requirements().equals(context.requirements())) {
            throw new IllegalStateException("unseal did not give back the sealed context");
        }
    }

    /** @return a new sealed string (a fresh IV each time). */
    @Benchmark
    public String seal() {
        return sealer.seal(context);
    }

    /** @return the context, decrypted, bound to the expected flow, user and tenant, and checked for age. */
    @Benchmark
    public StepUpContext unseal() {
        return sealer.unseal(sealed, flowId, subject, domain);
    }
}
