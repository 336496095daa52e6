package dev.mfastepup.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads a QR code shown as a {@code data:image/png} URI, as a phone camera would. */
public final class QrCodeReader {

    private static final Pattern SECRET = Pattern.compile("secret=([A-Z2-7]+)");

    private QrCodeReader() {
    }

    /**
     * Decodes the QR code of an image as the page serves it: the code alone, upright and sharp, in its quiet zone.
     *
     * <p>ZXing's reader is told so ({@code PURE_BARCODE}). Its detector for photos, which looks for the finder
     * and alignment patterns, samples the grid of about 3 % of such pixel-exact images wrongly (a checksum or
     * format error), a quirk of the detector on synthetic images that a camera never shows it.
     *
     * @param dataUri {@code data:image/png;base64,...}.
     * @return the text in the code.
     */
    public static String decode(String dataUri) {
        byte[] png = Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1));
        try {
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
                    ImageIO.read(new ByteArrayInputStream(png)))));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new AssertionError("no readable QR code in the image", e);
        }
    }

    /**
     * Returns the {@code secret} parameter of an {@code otpauth://} URI.
     *
     * @param otpauthUri the URI.
     * @return the base32 secret.
     */
    public static String secretOf(String otpauthUri) {
        Matcher secret = SECRET.matcher(URI.create(otpauthUri).getRawQuery());
        if (!secret.find()) {
            throw new AssertionError("no secret in " + otpauthUri);
        }
        return secret.group(1);
    }
}
