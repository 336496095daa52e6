package dev.mfastepup.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Marks a test class that only makes sense on Payara Micro, with the reason: on any other server of the run
 * ({@link ItServer#current()}) it is skipped, and the report says why. Only for tests that start Payara Micro
 * processes of their own or check Payara Micro itself; a test of the module's behaviour runs on every server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PayaraOnly.Condition.class)
@interface PayaraOnly {

    /** @return why the test needs Payara Micro. */
    String value();

    /** Skips the class on any server but Payara Micro, before Arquillian or the class itself starts anything. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<PayaraOnly> marked = AnnotationSupport.findAnnotation(context.getElement(), PayaraOnly.class);
            if (marked.isEmpty()) {
                return ConditionEvaluationResult.enabled("not marked @PayaraOnly");
            }
            ItServer server = ItServer.current();
            return server == ItServer.PAYARA_MICRO
                    ? ConditionEvaluationResult.enabled("the run is on Payara Micro")
                    : ConditionEvaluationResult.disabled("Payara Micro only (this run is on " + server + "): "
                            + marked.get().value());
        }
    }
}
