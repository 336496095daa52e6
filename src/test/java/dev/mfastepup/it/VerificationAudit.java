package dev.mfastepup.it;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What {@link AuditedVerification} saw, in order: the flow id and the outcome, never the code. */
@ApplicationScoped
public class VerificationAudit {

    private final List<String> entries = new CopyOnWriteArrayList<>();

    void record(String flowId, String outcome) {
        entries.add(flowId + " " + outcome);
    }

    List<String> entries() {
        return List.copyOf(entries);
    }
}
