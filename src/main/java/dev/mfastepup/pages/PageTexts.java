package dev.mfastepup.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.text.MessageFormat;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The texts of the MFA pages of either set in the request's language: the best of its {@code Accept-Language}
 * among English, German, French and Spanish; English when none fits. The texts live in the resource bundle
 * {@value #BUNDLE}; an application adds a language with its own {@code messages_xx.properties} of that name.
 *
 * @since 0.2
 */
public final class PageTexts {

    /** The base name of the pages' resource bundle. */
    public static final String BUNDLE = "dev.mfastepup.pages.messages";

    private static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

    private final Locale locale;
    private ResourceBundle bundle;

    private PageTexts(Locale locale) {
        this.locale = locale;
    }

    /**
     * Returns the texts in the language of a request.
     *
     * @param request the request, for its {@code Accept-Language}.
     * @return the texts.
     */
    public static PageTexts of(HttpServletRequest request) {
        return new PageTexts(choose(Collections.list(request.getLocales())));
    }

    /**
     * Returns the texts in the best of the languages asked for.
     *
     * @param requested the languages, the preferred first.
     * @return the texts.
     */
    public static PageTexts of(List<Locale> requested) {
        return new PageTexts(choose(requested));
    }

    /**
     * Returns the language of the texts.
     *
     * @return one of English, German, French and Spanish.
     */
    public Locale locale() {
        return locale;
    }

    /**
     * Returns a text of the bundle, with its placeholders filled in.
     *
     * @param key the key.
     * @param arguments the values of {@code {0}}, {@code {1}}, ...
     * @return the text, or the key itself when the bundle has no such text.
     */
    public String text(String key, Object... arguments) {
        if (bundle == null) {
            bundle = ResourceBundle.getBundle(BUNDLE, locale, PageTexts.class.getClassLoader());
        }
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException missing) {
            return key;
        }
        // Only a text given arguments is a MessageFormat pattern (with '' for an apostrophe), as in the Faces pages.
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /**
     * Returns the texts as a map from key to text, for expressions such as {@code ${texts['start.title']}}.
     *
     * @return a read-only view, of texts without arguments; a missing key maps to itself.
     */
    public Map<String, String> asMap() {
        return new AbstractMap<>() {
            @Override
            public String get(Object key) {
                return text(String.valueOf(key));
            }

            @Override
            public boolean containsKey(Object key) {
                return true;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                return Set.of();
            }
        };
    }

    static Locale choose(List<Locale> requested) {
        for (Locale wanted : requested) {
            if (LANGUAGES.contains(wanted.getLanguage())) {
                return Locale.forLanguageTag(wanted.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }
}
