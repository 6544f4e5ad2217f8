package dev.tracestore.sample;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start page listing 1 000 traces: the plot shows them all, the list a page of 200 rows at a time ("Show 200
 * more"), scrolled to its end with one page and with all five. The test prints how long the list took to draw and the
 * frame times while scrolling (requestAnimationFrame intervals and long tasks, from the browser's
 * Performance API); it asserts no time (see docs/performance.md for the figures). Its own application context, so
 * that its 1 000 traces stay out of the other classes' lists.
 */
@TestPropertySource(properties = "spring.application.name=trace-list")
class TraceListBrowserTests extends ExplorerBrowserTests {

    private static final int TRACES = 1_000;
    private static final int PAGE_ROWS = 200;

    @Autowired
    OpenTelemetry openTelemetry;

    @Test
    @SuppressWarnings("unchecked")
    void aListOfAThousandTracesIsDrawnAPageAtATimeAndScrollsToItsEnd() throws IOException {
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(30));
        endTraces(first);
        String search = "/actuator/traces?limit=" + TRACES + "&from=" + first + "&to=" + first.plusSeconds(TRACES);
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpGet.json(http.get(search)).get("traces").size() == TRACES);

        browser.get(url(search));
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.tagName("body"))
                .getAttribute("data-loaded-at") != null);
        assertThat(browser.findElements(By.cssSelector("#results-body tr"))).hasSize(PAGE_ROWS);
        assertThat(browser.findElement(By.id("search-summary")).getText()).isEqualTo(TRACES + " traces");
        Map<String, Object> drawn = (Map<String, Object>) browser.executeScript("""
                const json = performance.getEntriesByType('resource').find((e) => e.name.includes('limit='));
                return { page: performance.getEntriesByType('navigation')[0].responseEnd, jsonStart: json.startTime,
                    jsonEnd: json.responseEnd, read: performance.getEntriesByName('traces-read')[0].startTime,
                    plot: performance.getEntriesByName('plot-drawn')[0].startTime,
                    listed: performance.getEntriesByName('traces-listed')[0].startTime };
                """);
        System.out.printf("trace list of %d traces: JSON %.0f-%.0f ms, read %.0f ms, plot of %d dots drawn %.0f ms, "
                + "first %d rows drawn %.0f ms after navigation start (%.0f ms after the JSON arrived)%n", TRACES,
                number(drawn, "jsonStart"), number(drawn, "jsonEnd"), number(drawn, "read"), TRACES,
                number(drawn, "plot"), PAGE_ROWS, number(drawn, "listed"),
                number(drawn, "listed") - number(drawn, "jsonEnd"));
        scrollToTheEnd(PAGE_ROWS + " rows");
        browser.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot("start-1000-traces.png");

        WebElement more = browser.findElement(By.id("more-rows"));
        assertThat(more.getText()).isEqualTo("Show 200 more (800 not shown yet)");
        long started = System.nanoTime();
        for (int shown = PAGE_ROWS; shown < TRACES; shown += PAGE_ROWS) {
            more.click();
        }
        assertThat(browser.findElements(By.cssSelector("#results-body tr"))).hasSize(TRACES);
        System.out.printf("trace list of %d traces: 4 more pages shown in %d ms (clicks through WebDriver)%n", TRACES,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(more.isDisplayed()).isFalse();
        scrollToTheEnd(TRACES + " rows");
        assertThat(startPageTraceIds()).doesNotHaveDuplicates().hasSize(TRACES);
    }

    @SuppressWarnings("unchecked")
    private void scrollToTheEnd(String what) {

        Map<String, Object> scrolled = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const frames = [];
                const longTasks = [];
                const observer = new PerformanceObserver((list) => list.getEntries()
                    .forEach((entry) => longTasks.push(entry.duration)));
                observer.observe({ type: 'longtask' });
                window.scrollTo(0, 0);
                let last = 0;
                const step = (now) => {
                  if (last > 0) {
                    frames.push(now - last);
                  }
                  last = now;
                  const bottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
                  if (bottom || frames.length >= 1200) {
                    observer.disconnect();
                    done({ frames, longTasks, bottom });
                  } else {
                    window.scrollBy(0, 100);
                    requestAnimationFrame(step);
                  }
                };
                requestAnimationFrame(step);
                """);
        assertThat(scrolled.get("bottom")).isEqualTo(true);
        double[] frames = ((List<Number>) scrolled.get("frames")).stream().mapToDouble(Number::doubleValue).sorted()
                .toArray();
        List<Number> longTasks = (List<Number>) scrolled.get("longTasks");
        System.out.printf("trace list of %s scrolled to its end, 100 px a frame: %d frames, frame time p50 %.1f ms, "
                + "p95 %.1f ms, max %.1f ms; %d frames over 50 ms; long tasks %s ms%n", what, frames.length,
                percentile(frames, 0.50), percentile(frames, 0.95), frames[frames.length - 1],
                Arrays.stream(frames).filter(frame -> frame > 50).count(), longTasks);
    }

    /** One trace a second from {@code first}, a root with one child; every tenth fails. */
    private void endTraces(Instant first) {
        Tracer tracer = openTelemetry.getTracer("trace-list-test");
        long start = TimeUnit.SECONDS.toNanos(first.getEpochSecond());
        for (int i = 0; i < TRACES; i++) {
            long at = start + TimeUnit.SECONDS.toNanos(i);
            Span root = tracer.spanBuilder("GET /list/" + (i % 7)).setNoParent().setAttribute("item", i)
                    .setStartTimestamp(at, TimeUnit.NANOSECONDS).startSpan();
            tracer.spanBuilder("list.load").setParent(io.opentelemetry.context.Context.root().with(root))
                    .setStartTimestamp(at + 1_000, TimeUnit.NANOSECONDS).startSpan()
                    .end(at + 900_000 + i * 1_000L, TimeUnit.NANOSECONDS);
            if (i % 10 == 0) {
                root.setStatus(StatusCode.ERROR, "failed");
            }
            root.end(at + 1_000_000 + i * 1_000L, TimeUnit.NANOSECONDS);
        }
    }

    private static double number(Map<String, Object> values, String key) {
        return ((Number) values.get(key)).doubleValue();
    }

    private static double percentile(double[] sorted, double share) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(share * sorted.length) - 1)];
    }
}
