package dev.mfastepup.it;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import dev.mfastepup.service.StepUpVerification;
import dev.mfastepup.service.Verification;
import dev.mfastepup.service.VerifyResult;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * An application's decorator on the module's verification step: it records every verification and its outcome,
 * and refuses a code of its own choosing (all zeros) before the module is asked. It lives in the test application,
 * not in the module, and is enabled by its priority alone.
 */
@Decorator
@Dependent
@Priority(Interceptor.Priority.APPLICATION)
public abstract class AuditedVerification implements StepUpVerification {

    static final String REFUSED_CODE = "000000";
    static final String REFUSAL = "This application refuses that code";

    @Inject
    @Delegate
    StepUpVerification module;

    @Inject
    VerificationAudit audit;

    @Override
    public VerifyResult verify(String flowId, Verification verification) {
        if (verification instanceof Verification.Otp otp && REFUSED_CODE.equals(otp.code())) {
            audit.record(flowId, "refused by the application");
            throw new MfaException(ErrorCodes.INVALID_INPUT, REFUSAL);
        }
        VerifyResult result = module.verify(flowId, verification);
        audit.record(flowId, result.getClass().getSimpleName());
        return result;
    }
}
