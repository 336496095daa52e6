package dev.mfastepup.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: the flags keep it off the network (only
 * 127.0.0.1 and localhost resolve), and Selenium Manager never runs because both binaries are named.
 * Screenshots go to {@code target/screenshots/}.
 */
public final class Chromium implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The system property with the prefix of the screenshots' file names. */
    public static final String PREFIX_PROPERTY = "mfastepup.screenshot-prefix";

    private final Path profile;
    private final ChromeDriver driver;
    private final List<String> requested = new ArrayList<>();

    /**
     * Starts a browser.
     *
     * @param language its {@code Accept-Language}, such as {@code en}.
     */
    public Chromium(String language) {
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language,
                "--window-size=1000,1100",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                "--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate,NetworkTimeServiceQuerying",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--disable-default-apps",
                "--disable-extensions", "--no-default-browser-check", "--no-pings");
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        // Chromium's network events, for requestedUrls().
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** @return the driver. */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Returns every URL the browser asked for since it started, from Chromium's own network events: pages,
     * images, scripts, styles, polls, whatever their origin, including those that failed to resolve.
     *
     * @return the URLs, in order.
     */
    public List<String> requestedUrls() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try (JsonReader reader = Json.createReader(new StringReader(entry.getMessage()))) {
                JsonObject message = reader.readObject().getJsonObject("message");
                if ("Network.requestWillBeSent".equals(message.getString("method", ""))) {
                    requested.add(message.getJsonObject("params").getJsonObject("request").getString("url"));
                }
            }
        }
        return List.copyOf(requested);
    }

    /**
     * Saves a screenshot as {@code target/screenshots/<prefix><name>.png}; the prefix is the system property
     * {@value #PREFIX_PROPERTY} (empty by default), so that a run on other pages keeps the first run's files.
     *
     * @param name the file name without extension.
     */
    public void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(System.getProperty(PREFIX_PROPERTY, "") + name + ".png"),
                    driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            // The session ids of the page it ends on are canaries for the search of the logs (SEC-31).
            driver.manage().getCookies().stream().filter(c -> "JSESSIONID".equals(c.getName()))
                    .forEach(c -> Canaries.session(c.getValue()));
        } catch (RuntimeException noPageOpen) {
            // nothing to record
        }
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a leftover profile in the temporary directory is harmless
            }
        }
    }
}
