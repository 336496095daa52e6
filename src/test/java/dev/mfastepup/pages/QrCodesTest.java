package dev.mfastepup.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mfastepup.testing.QrCodeReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The server-rendered QR code decodes back to the URI, and the secret is grouped for typing. */
class QrCodesTest {

    @Test
    void pngDataUriWhenDecodedThenTheSameUri() {
        String uri = "otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=6";

        String dataUri = QrCodes.pngDataUri(uri);

        assertTrue(dataUri.startsWith("data:image/png;base64,"));
        assertEquals(uri, QrCodeReader.decode(dataUri));
    }

    @Test
    void pngDataUriWhenManyRandomEnrollmentsThenEveryCodeDecodes() {
        // The shapes of Auth0's barcode_uri (an app, and Guardian's enrollment) with random secrets and accounts:
        // a QR code a scanner cannot find stops an enrollment, so none may fail.
        Random random = new Random(20261127);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        List<String> unreadable = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder secret = new StringBuilder();
            for (int c = 0; c < 32; c++) {
                secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String uri = i % 2 == 0
                    ? "otpauth://totp/Emulator:user" + random.nextInt(100_000) + "@example.com?secret=" + secret
                            + "&issuer=Emulator&algorithm=SHA1&digits=6&period=30"
                    : "otpauth://totp/tenant:user" + random.nextInt(100_000) + "?enrollment_tx_id=" + secret
                            + "&base_url=https://tenant.guardian.auth0.com/";
            try {
                if (!uri.equals(QrCodeReader.decode(QrCodes.pngDataUri(uri)))) {
                    unreadable.add(uri);
                }
            } catch (AssertionError notFound) {
                unreadable.add(uri);
            }
        }

        assertEquals(0, unreadable.size(), unreadable.size() + " of 2,000 unreadable, such as "
                + unreadable.subList(0, Math.min(3, unreadable.size())));
    }

    @Test
    void groupedWhenSecretThenBlocksOfFour() {
        assertEquals("JBSW Y3DP EHPK 3PXP", QrCodes.grouped("JBSWY3DPEHPK3PXP"));
        assertEquals("ABCD E", QrCodes.grouped("ABCDE"));
        assertEquals("", QrCodes.grouped(""));
    }
}
