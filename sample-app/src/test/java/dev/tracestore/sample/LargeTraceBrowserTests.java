package dev.tracestore.sample;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trace of 10 000 spans on the trace page: it opens whole (read in parts, as one answer holds at most
 * {@code tracestore.response.max-spans}, 5 000 by default), draws only the rows in view, and answers to find, next
 * error and collapse. The test prints how long the page took to become interactive, on a cold server and then warm,
 * and how long the JSON answers took, and how long its flame graph takes to draw and to zoom; it asserts no time (see
 * docs/performance.md for the figures).
 */
class LargeTraceBrowserTests extends ExplorerBrowserTests {

    private static final int CHUNKS = 99;
    private static final int ITEMS_PER_CHUNK = 100;
    private static final int SPANS = 1 + CHUNKS + CHUNKS * ITEMS_PER_CHUNK;
    private static final int WARM_OPENINGS = 3;

    @Autowired
    OpenTelemetry openTelemetry;

    @Test
    void aTraceOfTenThousandSpansOpensWholeAndStaysInteractive() throws IOException {
        String traceId = importTrace();
        await().atMost(Duration.ofSeconds(60)).until(() -> store.getTrace(traceId).size() == SPANS);

        // The first opening runs on a cold server (class loading, JIT): printed apart, then the warm openings.
        for (int opening = 0; opening <= WARM_OPENINGS; opening++) {
            long started = System.nanoTime();
            openTrace(traceId);
            long opened = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            WebElement body = browser.findElement(By.tagName("body"));
            System.out.printf("trace page of %d spans, %s opening: interactive (first part drawn) %s ms, all spans "
                    + "drawn %s ms after navigation start (browser clock); %d ms as the test saw it%n", SPANS,
                    opening == 0 ? "cold" : "warm " + opening, body.getAttribute("data-ready-ms"),
                    body.getAttribute("data-complete-ms"), opened);
            System.out.println("  where the time went (ms after navigation start): " + browser.executeScript("""
                    const entry = (e) => e.name.replace(location.origin, '').replace(/[?&].*traceId=[0-9a-f]+/, '?..')
                        + ' ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd);
                    const resources = performance.getEntriesByType('resource');
                    const assets = resources.filter((e) => e.name.includes('/assets/'));
                    return ['page ' + Math.round(performance.getEntriesByType('navigation')[0].responseEnd),
                        'assets ' + Math.round(Math.min(...assets.map((e) => e.startTime))) + '-'
                            + Math.round(Math.max(...assets.map((e) => e.responseEnd)))]
                        .concat(resources.filter((e) => !e.name.includes('/assets/')).map(entry))
                        .concat(performance.getEntriesByType('mark').map((e) => e.name + ' ' + Math.round(e.startTime)))
                        .join('; ')"""));
        }
        for (String part : List.of("/actuator/traces/" + traceId + "?format=json",
                "/actuator/traces?view=spans&order=oldest&limit=10000&traceId=" + traceId)) {
            long[] millis = new long[5];
            for (int i = 0; i < millis.length; i++) {
                long started = System.nanoTime();
                assertThat(http.get(part).statusCode()).isEqualTo(200);
                millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            }
            System.out.printf("trace page of %d spans: GET %s (5 000 spans) took %s ms%n", SPANS,
                    part.replace(traceId, "{traceId}"), Arrays.toString(millis));
        }

        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo(SPANS + " spans");
        assertThat(browser.findElement(By.id("trace-facts")).getText()).contains("spans " + SPANS, "errors " + CHUNKS);
        // Virtualized: only the rows in view (and a few around them) exist.
        assertThat(browser.findElements(By.cssSelector(".span-row"))).hasSizeBetween(10, 80);

        WebElement find = browser.findElement(By.id("find"));
        find.sendKeys("item=7777");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("find-count")).getText(),
                text -> text.equals("1 of 1"));
        WebElement found = selectedRow();
        assertThat(found.getText()).contains("item.save");
        assertThat(found.getAttribute("class")).contains("current-match");
        assertThat(found.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.className("details")).getText()).contains("item 7777");

        long errorStarted = System.nanoTime();
        browser.findElement(By.id("next-error")).click();
        assertThat(browser.findElement(By.className("details")).getText()).contains("item 7799", "ERROR");
        long errorMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - errorStarted);

        long collapseStarted = System.nanoTime();
        browser.findElement(By.id("collapse-all")).click();
        assertThat(browser.findElement(By.id("shown")).getText())
                .isEqualTo((1 + CHUNKS) + " of " + SPANS + " spans shown");
        long collapseMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - collapseStarted);
        browser.findElement(By.id("expand-all")).click();
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo(SPANS + " spans");
        System.out.printf("trace page of %d spans: next error %d ms, collapse all %d ms (clicks through WebDriver)%n",
                SPANS, errorMs, collapseMs);
        chromium.screenshot("large-trace.png");

        // The flame graph: built and drawn when its tab is first shown (the click returns after both).
        Object tabMs = browser.executeScript("const started = performance.now();"
                + " document.getElementById('tab-flame').click(); return performance.now() - started;");
        WebElement flame = browser.findElement(By.className("flame"));
        // Of the 9 900 items, each narrower than a pixel at this width, one frame per pixel is drawn.
        int drawn = Integer.parseInt(flame.getAttribute("data-drawn"));
        assertThat(drawn).isBetween(1 + CHUNKS + 100, 1 + CHUNKS + 3 * 1400);
        String firstDrawMs = flame.getAttribute("data-draw-ms");
        // The next error's span is selected there too; Home, down, Enter zoom into the first chunk: its 100 items.
        flame.sendKeys(Keys.HOME, Keys.ARROW_DOWN, Keys.ENTER);
        assertThat(flame.getAttribute("data-drawn")).isEqualTo(String.valueOf(1 + 1 + ITEMS_PER_CHUNK));
        String zoomedDrawMs = flame.getAttribute("data-draw-ms");
        new Actions(browser).moveToElement(flame.findElement(By.tagName("canvas"))).perform();
        assertThat(browser.findElement(By.className("flame-tip")).getText()).startsWith("chunk.import");
        System.out.printf("flame graph of %d spans: tab shown (self times, rows, first draw) %.1f ms, of which the "
                + "draw %s ms (%d frames); zoomed into a chunk: draw %s ms (clicks and keys through WebDriver)%n",
                SPANS, ((Number) tabMs).doubleValue(), firstDrawMs, drawn, zoomedDrawMs);
        chromium.screenshot("large-trace-flame-graph.png");
    }

    /** A batch import: one root, 99 chunks of 100 saved items each; the last item of every chunk fails. */
    private String importTrace() {
        Tracer tracer = openTelemetry.getTracer("large-trace-test");
        long start = System.currentTimeMillis() * 1_000_000L;
        Span root = tracer.spanBuilder("batch.import").setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
        Context inRoot = Context.root().with(root);
        for (int chunk = 0; chunk < CHUNKS; chunk++) {
            long chunkStart = start + chunk * 1_000_000L;
            Span chunkSpan = tracer.spanBuilder("chunk.import").setParent(inRoot).setAttribute("chunk", chunk)
                    .setStartTimestamp(chunkStart, TimeUnit.NANOSECONDS).startSpan();
            Context inChunk = inRoot.with(chunkSpan);
            for (int item = 0; item < ITEMS_PER_CHUNK; item++) {
                long itemStart = chunkStart + item * 9_000L;
                Span itemSpan = tracer.spanBuilder("item.save").setParent(inChunk)
                        .setAttribute("item", chunk * ITEMS_PER_CHUNK + item)
                        .setStartTimestamp(itemStart, TimeUnit.NANOSECONDS).startSpan();
                if (item == ITEMS_PER_CHUNK - 1) {
                    itemSpan.setStatus(StatusCode.ERROR, "constraint violated");
                }
                itemSpan.end(itemStart + 8_000L, TimeUnit.NANOSECONDS);
            }
            chunkSpan.end(chunkStart + 950_000L, TimeUnit.NANOSECONDS);
        }
        root.end(start + CHUNKS * 1_000_000L, TimeUnit.NANOSECONDS);
        return root.getSpanContext().getTraceId();
    }
}
