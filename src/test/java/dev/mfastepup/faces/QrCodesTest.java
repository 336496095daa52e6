package dev.mfastepup.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The server-rendered QR code decodes back to the URI, and the secret is grouped for typing. */
class QrCodesTest {

    @Test
    void pngDataUriWhenDecodedThenTheSameUri() throws Exception {
        String uri = "otpauth://totp/Example:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=6";

        String dataUri = QrCodes.pngDataUri(uri);

        assertTrue(dataUri.startsWith("data:image/png;base64,"));
        byte[] png = Base64.getDecoder().decode(dataUri.substring("data:image/png;base64,".length()));
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                ImageIO.read(new ByteArrayInputStream(png)))));
        assertEquals(uri, new QRCodeReader().decode(bitmap).getText());
    }

    @Test
    void groupedWhenSecretThenBlocksOfFour() {
        assertEquals("JBSW Y3DP EHPK 3PXP", QrCodes.grouped("JBSWY3DPEHPK3PXP"));
        assertEquals("ABCD E", QrCodes.grouped("ABCDE"));
        assertEquals("", QrCodes.grouped(""));
    }
}
