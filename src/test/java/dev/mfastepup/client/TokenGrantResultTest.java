package dev.mfastepup.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mfastepup.StepUpRequirements;
import dev.mfastepup.client.model.MfaRequirements;
import dev.mfastepup.client.model.MfaRequirements.Requirement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client hands the module's own requirements value over, converted from the wire form once. */
class TokenGrantResultTest {

    @Test
    void stepUpRequirementsWhenAuth0SentNoneThenNull() {
        assertNull(new TokenGrantResult.MfaRequired("MT", null).stepUpRequirements());
    }

    @Test
    void stepUpRequirementsKeepTheTypesAsAuth0NamedThemAndTheMissingLists() {
        MfaRequirements wire = new MfaRequirements(null,
                List.of(new Requirement("phone"), new Requirement("future-factor"), new Requirement(null)));

        StepUpRequirements requirements = new TokenGrantResult.MfaRequired("MT", wire).stepUpRequirements();

        assertEquals(new StepUpRequirements(null, Arrays.asList("phone", "future-factor", null)), requirements);
    }

    @Test
    void stepUpRequirementsKeepAnEmptyList() {
        MfaRequirements wire = new MfaRequirements(List.of(), List.of(new Requirement("otp")));

        assertEquals(new StepUpRequirements(List.of(), List.of("otp")),
                new TokenGrantResult.MfaRequired("MT", wire).stepUpRequirements());
    }
}
