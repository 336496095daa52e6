package dev.mfastepup.jsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SEC-30 for the JSP pages: JSP writes an expression in the page as it is, so every expression of the views must go
 * through {@code c:out} or {@code fn:escapeXml}, or be a condition or a loop of JSTL, or one of the few values that
 * are numbers or booleans of the module's own making.
 */
class JspViewsEscapingTest {

    private static final Path VIEWS = Path.of("src/main/resources/META-INF/resources/mfa/jsp");
    /** An expression. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)\\}");
    /** Values that are numbers or booleans the pages set themselves, never text from a request or from Auth0. */
    private static final Set<String> NUMBERS_AND_BOOLEANS = Set.of("row.index", "pollSeconds", "resendWaitSeconds",
            "repeatAction", "true");

    @Test
    void sec30EveryExpressionOfEveryViewIsEscapedOrNotText() throws IOException {
        List<String> unescaped = new ArrayList<>();
        int expressions = 0;
        try (Stream<Path> files = Files.list(VIEWS)) {
            for (Path view : files.sorted().toList()) {
                String text = Files.readString(view, StandardCharsets.UTF_8);
                Matcher expression = EXPRESSION.matcher(text);
                while (expression.find()) {
                    expressions++;
                    String before = text.substring(Math.max(0, expression.start() - 80), expression.start());
                    String inside = expression.group(1).strip();
                    boolean safe = inside.startsWith("fn:escapeXml(") && inside.endsWith(")")
                            && !inside.substring(13, inside.length() - 1).contains("(")
                            || before.matches("(?s).*<c:out\\s+value=\"$")
                            || before.matches("(?s).*<c:(if|when)\\s+test=\"$")
                            || before.matches("(?s).*<c:forEach\\s+items=\"$")
                            || before.matches("(?s).*<c:set\\s+var=\"[a-zA-Z]+\"\\s+value=\"$")
                            || NUMBERS_AND_BOOLEANS.contains(inside);
                    if (!safe) {
                        unescaped.add(view.getFileName() + ": ${" + inside + "}");
                    }
                }
            }
        }
        assertTrue(expressions > 100, "the views were read: " + expressions + " expressions");
        assertEquals(List.of(), unescaped);
    }
}
