package dev.mfastepup.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link FilterSettings} reads a filter's init-params; the error messages are in the filter's test. */
class FilterSettingsTest {

    @Test
    void readWhenNoInitParamsThenDefaultsAndNoDeclarativeMode() throws Exception {
        FilterSettings settings = FilterSettings.read(config(Map.of()));

        assertEquals(FilterSettings.DEFAULTS, settings);
        assertFalse(settings.isDeclarative());
        assertEquals(List.of(), settings.apiPaths());
        assertEquals(Duration.ofSeconds(MfaStepUpFilter.DEFAULT_LOOP_WINDOW_SECONDS), settings.loopWindow());
    }

    @Test
    void readWhenValuesArePaddedThenStripped() throws Exception {
        FilterSettings settings = FilterSettings.read(config(Map.of("audience", " https://reports.example.com ",
                "scope", " read:reports ", "apiPaths", " /api/ , /rest ", "loopWindowSeconds", " 120 ")));

        assertEquals(new FilterSettings("https://reports.example.com", "read:reports", List.of("/api/", "/rest"),
                Duration.ofSeconds(120)), settings);
        assertTrue(settings.isDeclarative());
    }

    @Test
    void readWhenValuesAreBlankThenNone() throws Exception {
        FilterSettings settings = FilterSettings.read(config(Map.of("audience", " ", "scope", "",
                "apiPaths", "  ", "loopWindowSeconds", "")));

        assertEquals(FilterSettings.DEFAULTS, settings);
        assertNull(settings.audience());
    }

    @Test
    void readWhenLoopWindowIsZeroThenBreakerOff() throws Exception {
        assertTrue(FilterSettings.read(config(Map.of("loopWindowSeconds", "0"))).loopWindow().isZero());
    }

    @Test
    void readWhenBadValueThenMessageNamesTheFilter() {
        ServletException failure = assertThrows(ServletException.class,
                () -> FilterSettings.read(config(Map.of("loopWindowSeconds", "-1"))));

        assertTrue(failure.getMessage().contains("of filter 'reports-api'"), failure.getMessage());
    }

    @Test
    void apiPathsAreACopyThatCannotChange() {
        List<String> paths = new ArrayList<>(List.of("/api/"));
        FilterSettings settings = new FilterSettings(null, null, paths, Duration.ZERO);
        paths.add("/rest/");

        assertEquals(List.of("/api/"), settings.apiPaths());
        assertThrows(UnsupportedOperationException.class, () -> settings.apiPaths().add("/x/"));
    }

    private static FilterConfig config(Map<String, String> initParams) {
        FilterConfig config = mock(FilterConfig.class);
        when(config.getFilterName()).thenReturn("reports-api");
        when(config.getInitParameter(anyString())).thenAnswer(i -> initParams.get(i.<String>getArgument(0)));
        return config;
    }
}
