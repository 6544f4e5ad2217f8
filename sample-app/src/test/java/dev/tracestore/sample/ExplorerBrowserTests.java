package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The explorer pages in a real browser ({@link Chromium}) on the traces of real requests to the sample app over real
 * HTTP. The test classes share one Spring context (this class's configuration) and one browser; every
 * test ends by checking that the pages it opened logged no console error, a CSP violation included.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(SharedChromium.class)
abstract class ExplorerBrowserTests {

    // Under target/, not a @TempDir: the cached Spring context keeps writing span files, so deleting the directory at
    // the end of the class races with it.
    private static final Path directory = Path.of("target", "explorer-browser-test-" + System.nanoTime())
            .toAbsolutePath();

    static Chromium chromium;
    static ChromeDriver browser;

    @DynamicPropertySource
    static void traceStore(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", () -> directory.resolve("spans").toString());
        // Room for the 10 000 spans of the large trace, ended at once.
        registry.add("tracestore.queue-capacity", () -> "30000");
    }

    @BeforeAll
    static void useChromium(Chromium shared) {
        chromium = shared;
        browser = chromium.driver();
        // Off the previous class's page, which may still be polling its server.
        browser.get("about:blank");
    }

    @LocalServerPort
    int port;

    @Autowired
    SpanStore store;

    HttpGet http;

    @BeforeEach
    void client() {
        http = new HttpGet(port);
        chromium.consoleErrors();
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(chromium.consoleErrors()).isEmpty();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** The server span, the root, ends last: after the response is sent. */
    List<StoredSpan> awaitTrace(String traceId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> store.getTrace(traceId),
                spans -> spans.stream().anyMatch(StoredSpan::isRoot));
    }

    List<WebElement> awaitRows(int count) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElements(By.cssSelector(".span-row")),
                rows -> rows.size() == count);
    }

    /** Opens a trace's page and waits until all its spans are read and drawn. */
    void openTrace(String traceId) {
        browser.get(url("/actuator/traces/" + traceId));
        awaitReady();
    }

    void awaitReady() {
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.tagName("body"))
                .getAttribute("data-complete-ms") != null);
    }

    /** @return the span names of the rows drawn, top to bottom */
    List<String> rowNames() {
        return browser.findElements(By.cssSelector(".span-row .wf-name")).stream().map(WebElement::getText).toList();
    }

    /** The trace IDs of the start page's list, read in one script: a refresh may replace the rows meanwhile. */
    @SuppressWarnings("unchecked")
    List<String> startPageTraceIds() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#results-body tr'), row => row.getAttribute('data-trace-id'))");
    }

    WebElement selectedRow() {
        return browser.findElement(By.cssSelector(".span-row.selected"));
    }
}
