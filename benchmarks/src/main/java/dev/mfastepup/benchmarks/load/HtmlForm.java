package dev.mfastepup.benchmarks.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form read from a page the way a browser would submit it: its action, its hidden fields and checked radio
 * buttons, and its submit buttons. Enough for the pages of this project (Faces and the emulator's login), which
 * write their attributes in double quotes.
 *
 * @param action the {@code action} attribute, entity-decoded (resolve it against the page's URI).
 * @param fields what the form sends as it stands, by name.
 * @param buttons the submit buttons, by name, with their values.
 */
record HtmlForm(String action, Map<String, String> fields, Map<String, String> buttons) {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z_:][-A-Za-z0-9_:.]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9A-Fa-f]+);");

    /**
     * Finds the first form of a page whose {@code id} or {@code action} contains a text.
     *
     * @param html the page.
     * @param marker the text, such as {@code mfa} or {@code authorize/login}.
     * @return the form.
     * @throws WebClient.UnexpectedAnswer when there is none.
     */
    static HtmlForm find(String html, String marker) {
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            if (attributes.getOrDefault("id", "").equals(marker) || attributes.getOrDefault("action", "").contains(marker)) {
                return read(attributes.getOrDefault("action", ""), form.group(2));
            }
        }
        throw new WebClient.UnexpectedAnswer("no form " + marker + " on the page");
    }

    private static HtmlForm read(String action, String content) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> buttons = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(content);
        while (input.find()) {
            Map<String, String> attributes = attributes(input.group(1));
            String name = attributes.get("name");
            if (name == null) {
                continue;
            }
            String type = attributes.getOrDefault("type", "text");
            String value = attributes.getOrDefault("value", "");
            switch (type) {
                case "hidden" -> fields.put(name, value);
                case "radio", "checkbox" -> {
                    if (input.group(1).matches("(?s).*\\bchecked\\b.*")) {
                        fields.put(name, value);
                    }
                }
                case "submit" -> buttons.put(name, value);
                default -> {
                    // text fields are filled in by the caller
                }
            }
        }
        return new HtmlForm(action, fields, buttons);
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher attribute = ATTRIBUTE.matcher(tag);
        while (attribute.find()) {
            attributes.put(attribute.group(1), decode(attribute.group(2)));
        }
        return attributes;
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher numeric = NUMERIC_ENTITY.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (numeric.find()) {
            int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
            numeric.appendReplacement(decoded, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        numeric.appendTail(decoded);
        return decoded.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }

    /**
     * Returns what the form sends when a button is pressed, with some fields filled in.
     *
     * @param button the name of the submit button.
     * @param filled the fields to set (text fields, or hidden ones to override).
     * @return the form fields in order.
     */
    Map<String, String> submit(String button, Map<String, String> filled) {
        if (!buttons.containsKey(button)) {
            throw new WebClient.UnexpectedAnswer("no button " + button + " in the form");
        }
        Map<String, String> sent = new LinkedHashMap<>(fields);
        sent.putAll(filled);
        sent.put(button, buttons.get(button));
        return sent;
    }
}
