package dev.mfastepup.pages;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders an {@code otpauth://} URI as a QR code on the server: a PNG in a {@code data:} URI, so that the secret
 * never goes to a third-party QR service and the page needs no script.
 *
 * @since 0.1
 */
public final class QrCodes {

    private static final int MODULE_PIXELS = 6;
    // The four modules of white border the QR standard (ISO/IEC 18004) asks for, whatever the page's background.
    private static final int QUIET_ZONE_MODULES = 4;
    private static final int BLACK = 0xFF000000;
    private static final int WHITE = 0xFFFFFFFF;

    private QrCodes() {
        // static only
    }

    /**
     * Renders a text as a QR code.
     *
     * @param text the text, such as Auth0's {@code barcode_uri}.
     * @return {@code data:image/png;base64,...}.
     */
    public static String pngDataUri(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("The text does not fit in a QR code", tooLong);
        }
        BufferedImage image = new BufferedImage(matrix.getWidth() * MODULE_PIXELS, matrix.getHeight() * MODULE_PIXELS,
                BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x / MODULE_PIXELS, y / MODULE_PIXELS) ? BLACK : WHITE);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    /**
     * Groups a base32 secret in blocks of four for typing it by hand: {@code JBSW Y3DP EHPK 3PXP}.
     *
     * @param secret the secret.
     * @return the grouped secret.
     */
    public static String grouped(String secret) {
        StringBuilder grouped = new StringBuilder(secret.length() + secret.length() / 4);
        for (int i = 0; i < secret.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                grouped.append(' ');
            }
            grouped.append(secret.charAt(i));
        }
        return grouped.toString();
    }
}
