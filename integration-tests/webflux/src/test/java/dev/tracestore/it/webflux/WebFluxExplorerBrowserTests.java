package dev.tracestore.it.webflux;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The explorer pages of the WebFlux app in Debian's headless Chromium (skipped without {@code /usr/bin/chromium},
 * as sample-app's browser tests are), as the user {@code ops} behind the README's reactive security snippet: the
 * start, trace and operations pages draw the app's traces, with no console error under their strict
 * Content-Security-Policy.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TracesUsers.class)
class WebFluxExplorerBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    // Under target/, not a @TempDir: the cached context keeps writing span files, and Chromium's helpers may still
    // touch their profile after quit().
    private static final Path directory = Path.of("target", "webflux-browser-test-" + System.nanoTime())
            .toAbsolutePath();

    static ChromeDriver browser;

    @DynamicPropertySource
    static void spanFiles(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", () -> directory.resolve("spans").toString());
    }

    @BeforeAll
    static void startChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver packages (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,900", "--user-data-dir=" + directory.resolve("chromium-profile"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        // An explicit driver: Selenium Manager, which would download one, never runs.
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // Every request of the pages (the page, its modules, its fetches) carries the user's credentials.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(TracesUsers.OPS.getBytes(StandardCharsets.UTF_8)))));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void theStartTraceAndOperationsPagesDrawTheAppsTraces() {
        OpsHttp http = new OpsHttp(port);
        assertThat(http.anonymous("/greeting").statusCode()).isEqualTo(200);
        String traceId = await().atMost(Duration.ofSeconds(10)).until(() -> http.json("/actuator/traces?"
                + "name=" + OpsHttp.encode("http get /greeting")).get("traces").path(0).path("traceId").asString(null),
                id -> id != null);

        browser.get(url("/actuator/traces"));
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElements(By.cssSelector("#results-body tr"))
                .stream().map(row -> row.getAttribute("data-trace-id")).toList(), ids -> ids.contains(traceId));

        browser.get(url("/actuator/traces/" + traceId));
        awaitComplete();
        assertThat(browser.findElements(By.cssSelector(".span-row .wf-name")).stream().map(WebElement::getText))
                .contains("http get /greeting", "http get /name");

        browser.get(url("/actuator/traces/operations-page?lookback=1h"));
        awaitComplete();
        assertThat(browser.findElement(By.id("red")).getText()).contains("http get /greeting");

        assertThat(consoleErrors()).isEmpty();
    }

    private void awaitComplete() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.tagName("body")).getAttribute("data-complete-ms") != null);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .toList();
    }
}
