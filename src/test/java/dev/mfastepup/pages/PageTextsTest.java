package dev.mfastepup.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pages' language follows Accept-Language among the four bundled ones; every bundle has every key. */
class PageTextsTest {

    @Test
    void chooseWhenPreferredLanguageBundledThenThatLanguage() {
        assertEquals(Locale.GERMAN, PageTexts.choose(List.of(Locale.forLanguageTag("de-AT"), Locale.ENGLISH)));
        assertEquals(Locale.FRENCH, PageTexts.choose(List.of(Locale.forLanguageTag("ja"), Locale.forLanguageTag("fr-CA"))));
        assertEquals(Locale.forLanguageTag("es"), PageTexts.choose(List.of(Locale.forLanguageTag("es-MX"))));
    }

    @Test
    void chooseWhenNoBundledLanguageThenEnglish() {
        assertEquals(Locale.ENGLISH, PageTexts.choose(List.of(Locale.forLanguageTag("ja"))));
        assertEquals(Locale.ENGLISH, PageTexts.choose(List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es"})
    void bundleWhenTranslatedThenEveryEnglishKeyIsThereWithoutFallingBack(String language) {
        ResourceBundle english = ResourceBundle.getBundle(PageTexts.BUNDLE, Locale.ROOT);
        ResourceBundle translated = ResourceBundle.getBundle(PageTexts.BUNDLE, Locale.forLanguageTag(language));

        assertEquals(language, translated.getLocale().getLanguage());
        for (String key : english.keySet()) {
            try {
                translated.getString(key);
            } catch (MissingResourceException missing) {
                throw new AssertionError(language + " lacks " + key, missing);
            }
            assertEquals(count(english.getString(key), "{0}"), count(translated.getString(key), "{0}"), language + " " + key);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en | 1 | about 1 minute.", "en | 6 | about 6 minutes.",
            "de | 1 | etwa 1 Minute erneut.", "de | 6 | etwa 6 Minuten erneut.",
            "fr | 1 | environ 1 minute.", "fr | 6 | environ 6 minutes.",
            "es | 1 | aproximadamente 1 minuto.", "es | 6 | unos 6 minutos."})
    void lockedPageWhenWaitIsOneMinuteOrMoreThenTheRightNumber(String language, int minutes, String ending) {
        Locale locale = Locale.forLanguageTag(language);
        ResourceBundle bundle = ResourceBundle.getBundle(PageTexts.BUNDLE, locale);
        // As the error page formats it: {0} is the detail parameter, {1} the minutes as a number.
        String text = new MessageFormat(bundle.getString("error.locked.lead"), locale)
                .format(new Object[] {Integer.toString(minutes), minutes});

        assertTrue(text.endsWith(ending), text);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
