package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The waterfall and search pages in a real browser: Debian's headless Chromium, driven through the system's
 * chromedriver (never one Selenium would download), on the traces of real requests to the sample app. Skipped when
 * Chromium is not installed; CI installs it ({@code .ci/run}). Screenshots go to {@code target/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TraceWaterfallBrowserTests {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\">";

    // Under target/, not a @TempDir: the cached Spring context keeps writing span files and Chromium's helpers may
    // still touch their profile after quit(), so deleting the directory at the end of the class races with both.
    private static final Path directory = Path.of("target", "waterfall-browser-test-" + System.nanoTime())
            .toAbsolutePath();

    private static ChromeDriver browser;

    @DynamicPropertySource
    static void traceStoreDirectory(DynamicPropertyRegistry registry) {
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
        // An explicit driver: Selenium Manager, which would download one, never runs.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SpanStore store;

    @Autowired
    OpenTelemetry openTelemetry;

    private HttpGet http;

    @BeforeEach
    void client() {
        http = new HttpGet(port);
    }

    @Test
    void theWaterfallDrawsEverySpanAsABarNestedByParentAndMarksTheFailures() throws IOException {
        String traceId = http.get("/orders/42/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        List<StoredSpan> spans = awaitTrace(traceId);

        browser.get(url("/actuator/traces/" + traceId));
        List<WebElement> rows = awaitRows(spans.size());

        List<StoredSpan> expected = depthFirst(spans);
        assertThat(rows).extracting(row -> row.getAttribute("data-span-id"))
                .containsExactlyElementsOf(expected.stream().map(StoredSpan::spanId).toList());
        assertThat(rows).extracting(row -> row.findElement(By.className("wf-name")).getText())
                .containsExactly("GET /orders/{id}/fail", "inventory.check", "payment.charge");
        for (int i = 0; i < rows.size(); i++) {
            boolean error = expected.get(i).statusCode() == StatusCode.ERROR;
            assertThat(rows.get(i).getAttribute("class")).as(expected.get(i).name())
                    .satisfies(classes -> assertThat(classes.contains("failed")).isEqualTo(error));
            assertThat(rows.get(i).findElements(By.className("badge-error"))).hasSize(error ? 1 : 0);
        }
        // On the time axis every child's bar lies within its parent's, and the root spans the whole width.
        Map<String, WebElement> bars = rows.stream().collect(Collectors.toMap(row -> row.getAttribute("data-span-id"),
                row -> row.findElement(By.className("span-bar"))));
        WebElement track = rows.get(0).findElement(By.className("wf-track"));
        WebElement rootBar = bars.get(expected.get(0).spanId());
        assertThat(rootBar.getRect().getWidth()).isCloseTo(track.getRect().getWidth(), within(3));
        for (StoredSpan span : expected.subList(1, expected.size())) {
            WebElement bar = bars.get(span.spanId());
            WebElement parent = bars.get(span.parentSpanId());
            assertThat(bar.getRect().getX()).isGreaterThanOrEqualTo(parent.getRect().getX() - 1);
            assertThat(bar.getRect().getX() + bar.getRect().getWidth())
                    .isLessThanOrEqualTo(parent.getRect().getX() + parent.getRect().getWidth() + 1);
        }

        rows.get(2).click();
        WebElement details = await().atMost(Duration.ofSeconds(5))
                .until(() -> browser.findElements(By.className("details")), found -> found.size() == 1).get(0);
        assertThat(details.getText()).contains("payment.charge", "ERROR", "exception",
                PaymentDeclinedException.class.getName(), "card declined for order 42", "order.id \"42\"");
        screenshot("waterfall.png");
    }

    @Test
    void theSearchPageListsMatchingTracesAndLinksToTheirWaterfall() throws IOException {
        String failed = http.get("/orders/7/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        String fine = HttpGet.json(http.get("/orders/8")).get("traceId").asString();
        awaitTrace(failed);
        awaitTrace(fine);

        browser.get(url("/actuator/traces?failed=true&lookback=1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.cssSelector("#results-body tr")).isEmpty());

        assertThat(browser.findElement(By.name("failed")).isSelected()).isTrue();
        assertThat(browser.findElement(By.name("lookback")).getAttribute("value")).isEqualTo("1h");
        List<WebElement> links = browser.findElements(By.cssSelector("#results-body a"));
        assertThat(links).extracting(link -> link.getAttribute("href"))
                .contains(url("/actuator/traces/" + failed)).doesNotContain(url("/actuator/traces/" + fine));
        screenshot("search.png");

        browser.findElement(By.name("failed")).click();
        browser.findElement(By.cssSelector("#search-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#results-body a"))
                .stream().anyMatch(link -> link.getAttribute("href").equals(url("/actuator/traces/" + fine))));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/actuator/traces?lookback=1h"));

        browser.findElements(By.cssSelector("#results-body a")).stream()
                .filter(link -> link.getAttribute("href").equals(url("/actuator/traces/" + failed))).findFirst()
                .orElseThrow().click();
        assertThat(awaitRows(awaitTrace(failed).size())).isNotEmpty();
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/actuator/traces/" + failed));
    }

    @Test
    void spanDataIsShownAsTextAndNeverRunAsMarkup() {
        Span span = openTelemetry.getTracer("xss-test").spanBuilder(MARKUP).startSpan();
        span.setAttribute("note", "<script>document.title='pwned'</script>");
        span.setAttribute(MARKUP, "key with markup");
        span.addEvent("</script><script>document.title='pwned'</script>");
        span.setStatus(StatusCode.ERROR, MARKUP);
        span.end();
        String traceId = span.getSpanContext().getTraceId();
        awaitTrace(traceId);

        browser.get(url("/actuator/traces/" + traceId));
        List<WebElement> rows = awaitRows(1);
        rows.get(0).click();

        assertThat(rows.get(0).findElement(By.className("wf-name")).getText()).isEqualTo(MARKUP);
        assertThat(browser.findElement(By.id("trace-title")).getText()).isEqualTo(MARKUP);
        assertThat(browser.findElement(By.className("details")).getText())
                .contains("\"<script>document.title='pwned'</script>\"", MARKUP, "</script><script>");
        assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo(MARKUP + " \u2013 trace-store");

        browser.get(url("/actuator/traces?lookback=1h"));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector("#results-body a"))
                .stream().anyMatch(link -> link.getText().equals(MARKUP)));
        assertThat(browser.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(browser.getTitle()).isEqualTo("trace-store");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The server span, the root, ends last: after the response is sent. */
    private List<StoredSpan> awaitTrace(String traceId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> store.getTrace(traceId),
                spans -> spans.stream().anyMatch(StoredSpan::isRoot));
    }

    private List<WebElement> awaitRows(int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector(".span-row")),
                rows -> rows.size() == count);
    }

    /** Parents before their children, siblings by start: the order the page draws. */
    private static List<StoredSpan> depthFirst(List<StoredSpan> spans) {
        Map<String, List<StoredSpan>> children = spans.stream().collect(Collectors.groupingBy(StoredSpan::parentSpanId));
        List<StoredSpan> ordered = new ArrayList<>();
        addWithChildren(children, "", ordered);
        return ordered;
    }

    private static void addWithChildren(Map<String, List<StoredSpan>> children, String parent, List<StoredSpan> ordered) {
        children.getOrDefault(parent, List.of()).stream()
                .sorted(Comparator.comparingLong(StoredSpan::startEpochNanos).thenComparing(StoredSpan::spanId))
                .forEach(span -> {
                    ordered.add(span);
                    addWithChildren(children, span.spanId(), ordered);
                });
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }
}
