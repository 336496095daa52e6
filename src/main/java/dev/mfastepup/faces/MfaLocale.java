package dev.mfastepup.faces;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The language of the MFA pages: the best of the request's {@code Accept-Language} among English, German, French
 * and Spanish; English when none fits. The pages' texts live in the resource bundle {@value #BUNDLE}.
 *
 * @since 0.1
 */
@Named("mfaLocale")
@RequestScoped
public class MfaLocale {

    /** The base name of the pages' resource bundle. */
    public static final String BUNDLE = "dev.mfastepup.faces.messages";

    private static final List<String> LANGUAGES = List.of("en", "de", "fr", "es");

    private Locale locale;
    private ResourceBundle bundle;

    /**
     * Returns the language of the pages for this request.
     *
     * @return one of English, German, French and Spanish.
     */
    public Locale getLocale() {
        if (locale == null) {
            List<Locale> requested = new ArrayList<>();
            FacesContext.getCurrentInstance().getExternalContext().getRequestLocales().forEachRemaining(requested::add);
            locale = choose(requested);
        }
        return locale;
    }

    /**
     * Returns a text of the bundle, with its placeholders filled in.
     *
     * @param key the key.
     * @param arguments the values of {@code {0}}, {@code {1}}, ...
     * @return the text.
     */
    public String text(String key, Object... arguments) {
        if (bundle == null) {
            bundle = ResourceBundle.getBundle(BUNDLE, getLocale(), MfaLocale.class.getClassLoader());
        }
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException missing) {
            return key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, getLocale()).format(arguments);
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
