package dev.mfastepup.filter;

import static dev.mfastepup.filter.MfaStepUpFilter.DEFAULT_LOOP_WINDOW_SECONDS;
import static dev.mfastepup.filter.MfaStepUpFilter.INIT_PARAM_API_PATHS;
import static dev.mfastepup.filter.MfaStepUpFilter.INIT_PARAM_AUDIENCE;
import static dev.mfastepup.filter.MfaStepUpFilter.INIT_PARAM_LOOP_WINDOW_SECONDS;
import static dev.mfastepup.filter.MfaStepUpFilter.INIT_PARAM_SCOPE;
import static dev.mfastepup.filter.MfaStepUpFilter.MAX_LOOP_WINDOW_SECONDS;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The init-params of one {@link MfaStepUpFilter} declaration, read and checked once when the filter starts.
 *
 * @param audience the API audience of declarative mode, or {@code null} when the mode is off.
 * @param scope the scope of declarative mode, space separated, or {@code null}.
 * @param apiPaths the context-relative path prefixes whose callers are always API callers.
 * @param loopWindow how long after a completed step-up a new demand for it counts as a loop; zero for never.
 * @since 0.1
 */
record FilterSettings(String audience, String scope, List<String> apiPaths, Duration loopWindow) {

    // Constants --------------------------------------------------------------------------------------------------

    /** The settings of a filter declared without init-params. */
    static final FilterSettings DEFAULTS = new FilterSettings(null, null, List.of(),
            Duration.ofSeconds(DEFAULT_LOOP_WINDOW_SECONDS));

    /** An audience is an identifier: no space, no control character. */
    private static final Pattern AUDIENCE = Pattern.compile("[\\x21-\\x7E]{1,2048}");

    /** RFC 6749, section 3.3: scope tokens of NQCHAR, separated by spaces. */
    private static final Pattern SCOPE = Pattern.compile(
            "[\\x21\\x23-\\x5B\\x5D-\\x7E]+( +[\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    private static final String ERROR_AUDIENCE = "Init-param '" + INIT_PARAM_AUDIENCE + "' of filter '%s' must be"
            + " an API identifier of visible ASCII without spaces, such as https://api.example.com; it is '%s'.";
    private static final String ERROR_SCOPE = "Init-param '" + INIT_PARAM_SCOPE + "' of filter '%s' must be scope"
            + " values of visible ASCII without quotes or backslashes, separated by spaces, such as"
            + " 'read:reports write:reports'; it is '%s'.";
    private static final String ERROR_SCOPE_WITHOUT_AUDIENCE = "Init-param '" + INIT_PARAM_SCOPE + "' of filter"
            + " '%s' needs the init-param '" + INIT_PARAM_AUDIENCE + "': declarative mode gets the token of one"
            + " audience.";
    private static final String ERROR_API_PATHS = "Init-param '" + INIT_PARAM_API_PATHS + "' of filter '%s' must"
            + " be a comma-separated list of context-relative path prefixes, each starting with one '/', such as"
            + " '/api/,/rest/'; '%s' is not one.";
    private static final String ERROR_LOOP_WINDOW = "Init-param '" + INIT_PARAM_LOOP_WINDOW_SECONDS + "' of filter"
            + " '%s' must be a whole number of seconds from 0 to " + MAX_LOOP_WINDOW_SECONDS + "; it is '%s'.";

    // Constructors -----------------------------------------------------------------------------------------------

    /** Checks that the lists and durations are there; the values are checked by {@link #read(FilterConfig)}. */
    FilterSettings {
        apiPaths = List.copyOf(Objects.requireNonNull(apiPaths, "apiPaths cannot be null"));
        Objects.requireNonNull(loopWindow, "loopWindow cannot be null");
    }

    // Actions ----------------------------------------------------------------------------------------------------

    /**
     * Reads the init-params of a filter declaration. A blank value counts as none, and values are stripped.
     *
     * @param config the filter's configuration.
     * @return the settings.
     * @throws ServletException when an init-param has a bad value; the message names the filter, the init-param
     *         and the allowed form.
     */
    static FilterSettings read(FilterConfig config) throws ServletException {
        String filterName = config.getFilterName();
        String audience = initParam(config, INIT_PARAM_AUDIENCE);
        if (audience != null && !AUDIENCE.matcher(audience).matches()) {
            throw new ServletException(String.format(ERROR_AUDIENCE, filterName, audience));
        }
        String scope = initParam(config, INIT_PARAM_SCOPE);
        if (scope != null && !SCOPE.matcher(scope).matches()) {
            throw new ServletException(String.format(ERROR_SCOPE, filterName, scope));
        }
        if (scope != null && audience == null) {
            throw new ServletException(String.format(ERROR_SCOPE_WITHOUT_AUDIENCE, filterName));
        }
        return new FilterSettings(audience, scope,
                parseApiPaths(filterName, initParam(config, INIT_PARAM_API_PATHS)),
                parseLoopWindow(filterName, initParam(config, INIT_PARAM_LOOP_WINDOW_SECONDS)));
    }

    /** @return whether declarative mode is on: the filter gets a token before the application runs. */
    boolean isDeclarative() {
        return audience != null;
    }

    // Helpers ----------------------------------------------------------------------------------------------------

    private static String initParam(FilterConfig config, String name) {
        String value = config.getInitParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> parseApiPaths(String filterName, String value) throws ServletException {
        if (value == null) {
            return List.of();
        }
        List<String> prefixes = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String prefix = part.strip();
            if (prefix.contains("?") || ReturnPaths.safePath(prefix).isEmpty()) {
                throw new ServletException(String.format(ERROR_API_PATHS, filterName, prefix));
            }
            prefixes.add(prefix);
        }
        return prefixes;
    }

    private static Duration parseLoopWindow(String filterName, String value) throws ServletException {
        if (value == null) {
            return Duration.ofSeconds(DEFAULT_LOOP_WINDOW_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0 && seconds <= MAX_LOOP_WINDOW_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ServletException(String.format(ERROR_LOOP_WINDOW, filterName, value));
    }
}
