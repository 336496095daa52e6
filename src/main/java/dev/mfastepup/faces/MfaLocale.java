package dev.mfastepup.faces;

import dev.mfastepup.pages.PageTexts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The language and texts of the Faces MFA pages for this request ({@link PageTexts}).
 *
 * @since 0.1
 */
@Named("mfaLocale")
@RequestScoped
public class MfaLocale {

    private PageTexts texts;

    private PageTexts texts() {
        if (texts == null) {
            List<Locale> requested = new ArrayList<>();
            FacesContext.getCurrentInstance().getExternalContext().getRequestLocales().forEachRemaining(requested::add);
            texts = PageTexts.of(requested);
        }
        return texts;
    }

    /**
     * Returns the language of the pages for this request.
     *
     * @return one of English, German, French and Spanish.
     */
    public Locale getLocale() {
        return texts().locale();
    }

    /**
     * Returns a text of the bundle, with its placeholders filled in.
     *
     * @param key the key.
     * @param arguments the values of {@code {0}}, {@code {1}}, ...
     * @return the text.
     */
    public String text(String key, Object... arguments) {
        return texts().text(key, arguments);
    }
}
