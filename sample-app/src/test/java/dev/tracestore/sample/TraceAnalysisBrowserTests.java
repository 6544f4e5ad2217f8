package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace page's analyses in a real browser, on the N+1 request of the sample app (order 42: one query for its
 * eight lines, then one per line, on H2): the statistics tab, the critical path on the waterfall, the repeated calls
 * marked on their spans.
 */
class TraceAnalysisBrowserTests extends ExplorerBrowserTests {

    private static final String ITEM_QUERY = "select name, price_cents from item where sku = ?";

    @Test
    void theStatisticsTabListsEveryOperationWithItsSelfTimeAndSortsByAnyColumn() throws IOException {
        String traceId = HttpGet.json(http.get("/orders/42/lines")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        openTrace(traceId);

        browser.findElement(By.id("tab-statistics")).click();
        assertThat(browser.findElement(By.id("waterfall-tab")).isDisplayed()).isFalse();
        List<List<String>> rows = awaitStatisticsRows();
        // One row per (service, span name), its count the spans of that name.
        assertThat(rows).hasSize((int) spans.stream().map(StoredSpan::name).distinct().count());
        for (List<String> row : rows) {
            assertThat(row.get(0)).isEqualTo("orders");
            assertThat(Integer.parseInt(row.get(2))).as(row.get(1))
                    .isEqualTo((int) spans.stream().filter(span -> span.name().equals(row.get(1))).count());
        }
        assertThat(rows).extracting(row -> row.get(1)).contains("GET /orders/{id}/lines", "order.lines");
        assertThat(header("self total").getAttribute("aria-sort")).isEqualTo("descending");
        chromium.screenshot("trace-statistics.png");

        header("count").findElement(By.tagName("button")).click();
        assertThat(header("count").getAttribute("aria-sort")).isEqualTo("descending");
        List<Integer> counts = statisticsRows().stream().map(row -> Integer.parseInt(row.get(2))).toList();
        assertThat(counts).isSortedAccordingTo((a, b) -> b - a);
        assertThat(counts.get(0)).isEqualTo(8);
        header("count").findElement(By.tagName("button")).click();
        assertThat(statisticsRows().stream().map(row -> Integer.parseInt(row.get(2))).toList()).isSorted();
        header("operation").findElement(By.tagName("button")).click();
        assertThat(header("operation").getAttribute("aria-sort")).isEqualTo("ascending");

        browser.findElement(By.id("tab-waterfall")).click();
        assertThat(browser.findElement(By.id("statistics")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("waterfall-tab")).isDisplayed()).isTrue();

        // An operation's name finds its spans in the waterfall.
        browser.findElement(By.id("tab-statistics")).click();
        browser.findElements(By.cssSelector("#statistics button.operation")).stream()
                .filter(button -> button.getText().equals("SELECT item")).findFirst().orElseThrow().click();
        assertThat(browser.findElement(By.id("waterfall-tab")).isDisplayed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("find-count")).getText(),
                text -> text.equals("1 of 8"));
        assertThat(browser.findElements(By.cssSelector(".span-row.match"))).hasSize(8);
    }

    @Test
    void theCriticalPathIsDrawnOnTheWaterfallOnDemand() throws IOException {
        String traceId = HttpGet.json(http.get("/orders/42/lines")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        openTrace(traceId);
        awaitRows(spans.size());
        assertThat(browser.findElements(By.className("critical-segment"))).isEmpty();

        WebElement toggle = await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("critical-path")), WebElement::isEnabled);
        toggle.click();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        List<String> onPath = browser.findElements(By.cssSelector(".span-row.critical")).stream()
                .map(row -> row.getAttribute("data-span-id")).toList();
        // The root runs the whole time: it is on the path, and so is the last query the response waited for.
        StoredSpan root = spans.stream().filter(StoredSpan::isRoot).findFirst().orElseThrow();
        StoredSpan lastQuery = spans.stream().filter(span -> span.name().startsWith("SELECT"))
                .max((a, b) -> Long.compare(a.endEpochNanos(), b.endEpochNanos())).orElseThrow();
        assertThat(onPath).contains(root.spanId(), lastQuery.spanId());
        assertThat(browser.findElements(By.className("critical-segment"))).hasSizeGreaterThanOrEqualTo(onPath.size());
        chromium.screenshot("trace-critical-path.png");

        toggle.click();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(browser.findElements(By.className("critical-segment"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".span-row.critical"))).isEmpty();
    }

    @Test
    void repeatedCallsAreMarkedOnTheirSpansWithASummary() throws IOException {
        String traceId = HttpGet.json(http.get("/orders/42/lines")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        openTrace(traceId);
        awaitRows(spans.size());

        WebElement summary = await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("repeats")), WebElement::isDisplayed);
        assertThat(summary.getText()).contains("Repeated calls (N+1)", "8\u00d7", ITEM_QUERY, "under order.lines");
        List<String> marked = browser.findElements(By.cssSelector(".span-row")).stream()
                .filter(row -> !row.findElements(By.className("badge-repeat")).isEmpty())
                .map(row -> row.findElement(By.className("wf-name")).getText()).toList();
        assertThat(marked).hasSize(8).allMatch(name -> name.equals("SELECT item"));
        chromium.screenshot("trace-repeats.png");

        summary.findElement(By.cssSelector("li.repeat button")).click();
        assertThat(selectedRow().findElements(By.className("badge-repeat"))).hasSize(1);

        // A trace without repeats shows no summary.
        String plain = HttpGet.json(http.get("/orders/3")).get("traceId").asString();
        awaitTrace(plain);
        openTrace(plain);
        assertThat(browser.findElement(By.id("repeats")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.className("badge-repeat"))).isEmpty();
    }

    private List<List<String>> awaitStatisticsRows() {
        return await().atMost(Duration.ofSeconds(10)).until(this::statisticsRows, rows -> !rows.isEmpty());
    }

    private List<List<String>> statisticsRows() {
        return browser.findElements(By.cssSelector("#statistics tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    private WebElement header(String label) {
        return browser.findElements(By.cssSelector("#statistics th")).stream()
                .filter(th -> th.getText().replaceAll("[\u25b4\u25be]", "").trim().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + label));
    }
}
