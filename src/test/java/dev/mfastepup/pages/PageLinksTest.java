package dev.mfastepup.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mfastepup.Factor;
import dev.mfastepup.filter.PageSet;
import dev.mfastepup.service.VerifyResult;
import dev.mfastepup.session.PendingStepUp.ReturnTo;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The addresses both sets of pages send a user to, built in one place. */
class PageLinksTest {

    private static final ReturnTo PAGE = new ReturnTo("/reports?id=7&x=a b", false);
    private static final ReturnTo POSTED = new ReturnTo("/orders", true);

    @Test
    void errorWhenEverythingGivenThenReasonReturnDetailAndReferenceEncodedInTheSetsErrorPage() {
        assertEquals("/mfa/error?reason=locked&return=%2Freports%3Fid%3D7%26x%3Da+b&detail=6&ref=c-0123456789ab",
                PageLinks.error(PageSet.JSP, ErrorReason.LOCKED, PAGE, "6", "c-0123456789ab"));
        assertEquals("/mfa/error.xhtml?reason=no-factor&ref=c-0123456789ab",
                PageLinks.error(PageSet.FACES, ErrorReason.NO_FACTOR, null, null, "c-0123456789ab"));
    }

    @Test
    void completedWhenAPostWasInterruptedThenTheRepeatPageElseThePageItself() {
        assertEquals("/mfa/done?return=%2Forders", PageLinks.completed(PageSet.JSP, POSTED));
        assertEquals("/mfa/done.xhtml?return=%2Forders", PageLinks.completed(PageSet.FACES, POSTED));
        assertEquals("/reports?id=7&x=a b", PageLinks.completed(PageSet.FACES, PAGE));
        assertEquals("/", PageLinks.completed(PageSet.JSP, null));
    }

    @Test
    void destinationWhenAuth0CompletedAFlowThenItsReturnElseThePendingOne() {
        assertEquals(POSTED, PageLinks.destination(new VerifyResult.Verified(Factor.OTP, "aud", "scope", null, POSTED),
                PAGE));
        assertEquals(POSTED, PageLinks.destination(new VerifyResult.AlreadyVerified("aud", "scope", POSTED), PAGE));
        assertEquals(PAGE, PageLinks.destination(new VerifyResult.Pending(Duration.ofSeconds(5), false), PAGE));
        assertNull(PageLinks.destination(new VerifyResult.Pending(Duration.ofSeconds(5), false), null));
    }
}
