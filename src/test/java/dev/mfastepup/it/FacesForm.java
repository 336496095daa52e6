package dev.mfastepup.it;

import dev.mfastepup.testing.Canaries;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form {@code mfa} of a rendered MFA page, read from its HTML as a browser would: its action and its hidden
 * fields (the flow id and the Faces view state), ready to be posted with the fields a test fills in.
 */
final class FacesForm {

    private static final Pattern FORM = Pattern.compile("<form id=\"mfa\"[^>]*?action=\"([^\"]*)\"");
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\b(type|name|value)=\"([^\"]*)\"");

    private static final String VIEW_STATE = "jakarta.faces.ViewState";

    private final String action;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private FacesForm(String action) {
        this.action = action;
    }

    /**
     * Reads the form of a page.
     *
     * @param html the page.
     * @return the form with its hidden fields.
     * @throws AssertionError when the page has no form {@code mfa}.
     */
    static FacesForm of(String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no form 'mfa' in the page: " + html);
        }
        FacesForm read = new FacesForm(unescape(form.group(1)));
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                attributes.put(attribute.group(1), unescape(attribute.group(2)));
            }
            if ("hidden".equals(attributes.get("type")) && attributes.containsKey("name")) {
                read.fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        return read;
    }

    /**
     * Finds the name of a button by one of its CSS classes, for buttons in a repeated list whose ids carry an index.
     *
     * @param html the page.
     * @param cssClass the class, such as {@code mfa-factor-otp}.
     * @return the button's name.
     * @throws AssertionError when there is no such button.
     */
    static String buttonWithClass(String html, String cssClass) {
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            Matcher name = Pattern.compile("\\bname=\"([^\"]*)\"").matcher(input.group());
            boolean ofClass = input.group().matches("(?s).*\\bclass=\"[^\"]*\\b" + Pattern.quote(cssClass) + "\\b.*");
            if (ofClass && name.find()) {
                return unescape(name.group(1));
            }
        }
        throw new AssertionError("no button of class " + cssClass + " in the page: " + html);
    }

    /** @return the form's action: the path of the page, with the context root. */
    String action() {
        return action;
    }

    /** @return the view state, or {@code null}. */
    String viewState() {
        return fields.get(VIEW_STATE);
    }

    /** @return the name of the field with the form's state: the Faces view state, or the JSP pages' form token. */
    String stateField() {
        return fields.containsKey(VIEW_STATE) ? VIEW_STATE : "csrf";
    }

    /** @return the form's state: its view state, or its token; {@code null} when it has neither. */
    String state() {
        return fields.get(stateField());
    }

    /**
     * Returns the URL-encoded body of the form with more fields, as the browser sends it when a button is pressed.
     * A code typed into a code field is recorded as a canary ({@link Canaries#typed}).
     *
     * @param more names and values, alternating: the fields filled in and the button pressed.
     * @return the body.
     */
    String body(String... more) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        for (int i = 0; i + 1 < more.length; i += 2) {
            all.put(more[i], more[i + 1]);
            if (more[i].endsWith(":code")) {
                Canaries.typed(more[i + 1]);
            }
        }
        StringBuilder body = new StringBuilder();
        all.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'");
    }
}
