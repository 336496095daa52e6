package dev.mfastepup.service;

import dev.mfastepup.ErrorCodes;
import dev.mfastepup.MfaException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The syntax rules for what users type, checked before anything is sent to Auth0: a malformed code never costs
 * one of the user's attempts at Auth0.
 *
 * <p>Only ASCII digits count as digits. {@code Character.isDigit} and {@code Integer.parseInt} also accept
 * Arabic-Indic and full-width digits, which Auth0 would reject as a wrong code; they are refused here instead.
 *
 * @since 0.1
 */
public final class InputSyntax {

    private static final int MAX_INPUT_LENGTH = 64;
    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[A-Z0-9]{16,32}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"',;()\\[\\]\\\\]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,63}");

    private InputSyntax() {
        // static only
    }

    /**
     * Checks a one-time password or binding code: six ASCII digits once spaces are removed.
     *
     * @param code the code as typed.
     * @return the code without spaces.
     * @throws MfaException with code {@value ErrorCodes#INVALID_INPUT} otherwise.
     */
    public static String sixDigitCode(String code) {
        String compact = compact(code, "");
        if (!SIX_DIGITS.matcher(compact).matches()) {
            throw invalid("The code must be 6 digits (0-9).");
        }
        return compact;
    }

    /**
     * Checks a recovery code: 16 to 32 letters and digits once spaces and dashes are removed; upper-cased.
     *
     * @param code the code as typed.
     * @return the normalized code.
     * @throws MfaException with code {@value ErrorCodes#INVALID_INPUT} otherwise.
     */
    public static String recoveryCode(String code) {
        String compact = compact(code, "-").toUpperCase(Locale.ROOT);
        if (!RECOVERY_CODE.matcher(compact).matches()) {
            throw invalid("The recovery code must be 16 to 32 letters and digits.");
        }
        return compact;
    }

    /**
     * Checks a phone number: E.164, a {@code +}, the country code and up to 15 digits in all.
     *
     * @param phoneNumber the number as typed; spaces, dashes, dots and parentheses are removed.
     * @return the number in E.164.
     * @throws MfaException with code {@value ErrorCodes#INVALID_INPUT} otherwise.
     */
    public static String phoneNumber(String phoneNumber) {
        String compact = compact(phoneNumber, "-.()");
        if (!E164.matcher(compact).matches()) {
            throw invalid("The phone number must be in international format, such as +4915123456789.");
        }
        return compact;
    }

    /**
     * Checks an email address: at most 254 characters in a simple valid form.
     *
     * @param email the address as typed.
     * @return the address, stripped.
     * @throws MfaException with code {@value ErrorCodes#INVALID_INPUT} otherwise.
     */
    public static String email(String email) {
        String stripped = email == null ? "" : email.strip();
        if (stripped.isEmpty()) {
            throw invalid("Enter the email address to send the codes to.");
        }
        if (stripped.length() > 254 || !EMAIL.matcher(stripped).matches()) {
            throw invalid("The email address is not valid.");
        }
        return stripped;
    }

    private static String compact(String input, String alsoRemove) {
        if (input == null || input.length() > MAX_INPUT_LENGTH) {
            return "";
        }
        StringBuilder compact = new StringBuilder(input.length());
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c != ' ' && alsoRemove.indexOf(c) < 0) {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    private static MfaException invalid(String message) {
        return new MfaException(ErrorCodes.INVALID_INPUT, message);
    }
}
