package dev.mfastepup.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which server a run is on, and what {@link PayaraOnly} does with it. */
class PayaraOnlyTest {

    private final String before = System.getProperty(ItServer.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ItServer.PROPERTY);
        } else {
            System.setProperty(ItServer.PROPERTY, before);
        }
    }

    @Test
    void theServerIsPayaraMicroUnlessTheBuildNamesAnother() {
        assertEquals(ItServer.PAYARA_MICRO, ItServer.named(null));
        assertEquals(ItServer.PAYARA_MICRO, ItServer.named(" "));
        assertEquals(ItServer.PAYARA_MICRO, ItServer.named("payara-micro"));
        assertEquals(ItServer.WILDFLY, ItServer.named("wildfly"));
        assertEquals(ItServer.WILDFLY, ItServer.named(" WildFly "));
        assertEquals(ItServer.LIBERTY, ItServer.named("liberty"));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> ItServer.named("tomcat"));
        assertTrue(unknown.getMessage().contains(ItServer.PROPERTY + " names no server"), unknown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"wildfly", "liberty"})
    void aPayaraOnlyClassIsSkippedOnAnyOtherServerWithItsReason(String server) {
        System.setProperty(ItServer.PROPERTY, server);

        ConditionEvaluationResult result = evaluate(ClusterIT.class);

        assertTrue(result.isDisabled());
        assertTrue(result.getReason().orElseThrow().startsWith("Payara Micro only (this run is on " + server
                + "): it starts a cluster of two Payara Micro processes"), result.getReason().orElseThrow());
    }

    @Test
    void aPayaraOnlyClassRunsOnPayaraMicroAndAnUnmarkedClassRunsEverywhere() {
        System.clearProperty(ItServer.PROPERTY);
        assertFalse(evaluate(ClusterIT.class).isDisabled());

        System.setProperty(ItServer.PROPERTY, "wildfly");
        assertFalse(evaluate(StepUpIT.class).isDisabled());
        System.setProperty(ItServer.PROPERTY, "liberty");
        assertFalse(evaluate(StepUpIT.class).isDisabled());
        assertFalse(evaluate(SecureRequestIT.class).isDisabled());
    }

    private static ConditionEvaluationResult evaluate(AnnotatedElement element) {
        ExtensionContext context = mock(ExtensionContext.class);
        when(context.getElement()).thenReturn(Optional.of(element));
        return new PayaraOnly.Condition().evaluateExecutionCondition(context);
    }
}
