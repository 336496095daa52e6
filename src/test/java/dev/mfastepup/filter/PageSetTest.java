package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The addresses of both page sets, the setting that chooses one, and the pages each set turns away. */
class PageSetTest {

    @Test
    void startUrlWhenContextPathThenPageUnderIt() {
        assertEquals("/app/mfa/index.xhtml?flow=AbCdEfGhIjKlMnOpQrSt-_",
                PageSet.FACES.startUrl("/app", "AbCdEfGhIjKlMnOpQrSt-_"));
    }

    @Test
    void startUrlWhenRootContextThenPageAtRoot() {
        assertEquals("/mfa/index.xhtml?flow=AbCdEfGhIjKlMnOpQrSt-_", PageSet.FACES.startUrl("", "AbCdEfGhIjKlMnOpQrSt-_"));
    }

    @Test
    void startUrlWhenFlowIdHasReservedCharactersThenEncoded() {
        assertEquals("/app/mfa/index.xhtml?flow=a%26b%3Dc%0D%0A", PageSet.FACES.startUrl("/app", "a&b=c\r\n"));
    }

    @Test
    void startUrlWhenFlowIdNullThenRefused() {
        assertThrows(NullPointerException.class, () -> PageSet.FACES.startUrl("/app", null));
    }

    @Test
    void errorUrlWhenReasonThenErrorPageWithReason() {
        assertEquals("/app/mfa/error.xhtml?reason=loop", PageSet.FACES.errorUrl("/app", MfaPages.REASON_LOOP));
        assertEquals("/mfa/error.xhtml?reason=unavailable", PageSet.FACES.errorUrl("", MfaPages.REASON_UNAVAILABLE));
        assertEquals("/mfa/error.xhtml?reason=signin", PageSet.FACES.errorUrl("", MfaPages.REASON_SIGN_IN));
        assertEquals("/app/mfa/error.xhtml?reason=loop&ref=c-0123456789ab",
                PageSet.FACES.errorUrl("/app", MfaPages.REASON_LOOP, "c-0123456789ab"));
    }

    @Test
    void jspSetWhenChosenThenItsAddressesAreExtensionless() {
        assertEquals("/app/mfa/start?flow=AbCd-_", PageSet.JSP.startUrl("/app", "AbCd-_"));
        assertEquals("/mfa/error?reason=loop&ref=c-0123456789ab",
                PageSet.JSP.errorUrl("", MfaPages.REASON_LOOP, "c-0123456789ab"));
        assertEquals("/mfa/enroll-contact", PageSet.JSP.page("enroll-contact"));
        assertEquals("/mfa/enroll-contact.xhtml", PageSet.FACES.page("enroll-contact"));
    }

    @Test
    void readWhenAbsentOrBlankThenFacesAndOtherwiseTheNamedSet() {
        assertEquals(PageSet.FACES, PageSet.read(Optional.empty()));
        assertEquals(PageSet.FACES, PageSet.read(Optional.of("  ")));
        assertEquals(PageSet.FACES, PageSet.read(Optional.of("Faces")));
        assertEquals(PageSet.JSP, PageSet.read(Optional.of(" JSP ")));
    }

    @Test
    void readWhenUnknownThenConfigurationErrorNamingTheKey() {
        MfaException refused = assertThrows(MfaException.class, () -> PageSet.read(Optional.of("jsf")));
        assertEquals(ErrorCodes.CONFIGURATION_ERROR, refused.code());
        assertEquals("mfa-stepup.pages must be faces or jsp", refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mfa/jsp/start.jsp", "/mfa/jsp/layout.jspf", "/mfa/x.JSP", "/mfa/page.jspx"})
    void refusesWhenAJspViewIsAskedForDirectlyThenBothSetsRefuse(String path) {
        assertTrue(PageSet.FACES.refuses(path));
        assertTrue(PageSet.JSP.refuses(path));
    }

    @Test
    void refusesWhenTheOtherSetsPageThenOnlyTheJspSetRefusesFacesSources() {
        assertTrue(PageSet.JSP.refuses("/mfa/index.xhtml"));
        assertTrue(PageSet.JSP.refuses("/mfa/template.XHTML"));
        assertFalse(PageSet.FACES.refuses("/mfa/index.xhtml"));
        assertFalse(PageSet.JSP.refuses("/mfa/start"));
        assertFalse(PageSet.JSP.refuses("/mfa/mfa.css"));
        assertFalse(PageSet.FACES.refuses("/mfa/start"));
    }
}
