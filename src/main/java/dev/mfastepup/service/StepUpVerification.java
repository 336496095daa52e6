package dev.mfastepup.service;

/**
 * The verification step of a flow as a CDI bean type, so that an application can decorate it without touching
 * the module, for example to audit every verification or to add a check of its own before it:
 *
 * <pre>{@code
 * @Decorator
 * @Priority(Interceptor.Priority.APPLICATION)
 * public abstract class AuditedVerification implements StepUpVerification {
 *     @Inject @Delegate StepUpVerification module;
 *
 *     @Override
 *     public VerifyResult verify(String flowId, Verification verification) {
 *         VerifyResult result = module.verify(flowId, verification);
 *         audit.record(flowId, result.getClass().getSimpleName());
 *         return result;
 *     }
 * }
 * }</pre>
 *
 * <p>{@link MfaService#verify} calls it; its contract (the results and the exceptions) is the one documented
 * there. A decorator sees the verification the user entered: it must never log or keep the code.
 *
 * @since 0.1
 */
public interface StepUpVerification {

    /**
     * Verifies the second factor of a flow of the current session.
     *
     * @param flowId the flow id.
     * @param verification what the user entered or did.
     * @return the outcome.
     * @see MfaService#verify(String, Verification)
     */
    VerifyResult verify(String flowId, Verification verification);
}
