package dev.mfastepup.emulator;

/**
 * Small helpers for the emulator's HTML pages (login, device); they are for people trying the sample, so they
 * stay plain.
 */
final class Html {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;"
            + "padding:0 1rem;color:#222}h1{font-size:1.4rem}table{border-collapse:collapse}td,th{padding:.3rem .6rem;"
            + "border-bottom:1px solid #ddd;text-align:left}code{font-size:1.2rem}.error{color:#b00020}"
            + "input{margin:.2rem 0;padding:.3rem}button{margin:.2rem;padding:.3rem .8rem}"
            + ".note{color:#666;font-size:.9rem}";

    private Html() {
    }

    /** Escapes text for HTML content and attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Wraps a body in a page. */
    static String page(String title, String body, String head) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><meta name=\"viewport\" content=\"width=device-width\">" + head + "<style>" + STYLE
                + "</style></head><body>" + body + "</body></html>";
    }

    /** A hidden form field. */
    static String hidden(String name, String value) {
        return value == null ? "" : "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value)
                + "\">";
    }
}
