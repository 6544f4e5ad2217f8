package dev.tracestore.sample;

import dev.tracestore.core.analysis.OperationStatistics;
import dev.tracestore.core.analysis.TraceStatistics;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trace page's analyses in a real browser, on the N+1 request of the sample app (order 42: one query for its
 * eight lines, then one per line, on H2): the statistics tab (also grouped by an attribute), the flame graph, the
 * critical path on the waterfall, the repeated calls marked on their spans.
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
    void theStatisticsGroupByAnAttributeChosenOnThePage() throws IOException {
        String traceId = HttpGet.json(http.get("/orders/42/lines")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        openTrace(traceId);
        browser.findElement(By.id("tab-statistics")).click();
        awaitStatisticsRows();
        // The keys the trace's spans carry, resource keys with their prefix.
        assertThat(browser.findElements(By.cssSelector("#statistics-group-by option"))).extracting(WebElement::getText)
                .startsWith("service and span name").contains("db.query.text", "db.system.name",
                        "resource.service.name");

        // Per value, the spans that carry it (counted here from the stored spans), and a row for those without it.
        groupBy("db.query.text");
        assertThat(browser.findElement(By.id("statistics")).getAttribute("data-group-by")).isEqualTo("db.query.text");
        assertThat(header("db.query.text").getAttribute("aria-sort")).isEqualTo("none");
        AttributeKey<String> query = AttributeKey.stringKey("db.query.text");
        Map<String, Long> expected = spans.stream().collect(Collectors.groupingBy(
                span -> Objects.requireNonNullElse(span.attributes().get(query), "(without db.query.text)"),
                Collectors.counting()));
        Map<String, Long> shown = statisticsRows().stream().collect(Collectors.toMap(row -> row.get(0),
                row -> Long.parseLong(row.get(1))));
        assertThat(shown).isEqualTo(expected).containsEntry(ITEM_QUERY, 8L);
        assertThat(header("self total").getAttribute("aria-sort")).isEqualTo("descending");
        chromium.screenshot("trace-statistics-group-by.png");

        // Self time as the endpoint counts it: all spans of one service hold the trace's whole self time.
        groupBy("resource.service.name");
        WebElement only = await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElements(
                By.cssSelector("#statistics tbody tr")), rows -> rows.size() == 1).get(0);
        assertThat(only.getText()).startsWith("orders " + spans.size() + " ");
        assertThat(Long.parseLong(only.getAttribute("data-self-nanos"))).isEqualTo(TraceStatistics.of(spans).stream()
                .mapToLong(OperationStatistics::totalSelfNanos).sum());

        // A value finds its spans in the waterfall.
        groupBy("db.query.text");
        browser.findElements(By.cssSelector("#statistics button.operation")).stream()
                .filter(button -> button.getText().equals(ITEM_QUERY)).findFirst().orElseThrow().click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.id("find-count")).getText(),
                text -> text.equals("1 of 8"));

        // Back to the endpoint's grouping.
        browser.findElement(By.id("tab-statistics")).click();
        groupBy("");
        assertThat(statisticsRows()).hasSize((int) spans.stream().map(StoredSpan::name).distinct().count());
    }

    @Test
    void theFlameGraphDrawsTheTraceSelectsAndZoomsWithThePointerAndTheKeys() throws IOException {
        String traceId = HttpGet.json(http.get("/orders/42/lines")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        openTrace(traceId);
        browser.findElement(By.id("tab-flame")).click();
        WebElement flame = await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.className("flame")),
                box -> box.getAttribute("data-drawn") != null);
        assertThat(browser.findElement(By.id("waterfall-tab")).isDisplayed()).isFalse();
        assertThat(Integer.parseInt(flame.getAttribute("data-drawn"))).isBetween(3, spans.size());
        assertThat(browser.findElement(By.id("flame-legend")).getText()).isEqualTo("orders");
        WebElement canvas = flame.findElement(By.tagName("canvas"));
        Map<String, StoredSpan> byId = spans.stream().collect(Collectors.toMap(StoredSpan::spanId, Function.identity()));
        StoredSpan root = spans.stream().filter(StoredSpan::isRoot).findFirst().orElseThrow();

        // Hover: the root's frame, the top row across the whole width.
        new Actions(browser).moveToElement(canvas, 0, 10 - canvas.getRect().getHeight() / 2).perform();
        WebElement tip = browser.findElement(By.className("flame-tip"));
        await().atMost(Duration.ofSeconds(5)).until(tip::isDisplayed);
        assertThat(tip.getText()).startsWith(root.name()).contains("service orders", "duration ", "self time ");

        // A click selects a query and zooms into it: its frame and its ancestors' are drawn, the details show it.
        // The longest query: a short one may be narrower than a pixel beside others as narrow.
        StoredSpan lastQuery = spans.stream().filter(span -> span.name().startsWith("SELECT"))
                .max(Comparator.comparingLong(StoredSpan::durationNanos)).orElseThrow();
        String lastQueryText = lastQuery.attributes().get(AttributeKey.stringKey("db.query.text"));
        long start = spans.stream().mapToLong(StoredSpan::startEpochNanos).min().orElseThrow();
        long end = spans.stream().mapToLong(StoredSpan::endEpochNanos).max().orElseThrow();
        int depth = 0;
        for (StoredSpan span = lastQuery; !span.isRoot(); span = byId.get(span.parentSpanId())) {
            depth++;
        }
        double middle = (lastQuery.startEpochNanos() + lastQuery.durationNanos() / 2.0 - start) / (end - start);
        int width = canvas.getRect().getWidth();
        new Actions(browser).moveToElement(canvas, (int) Math.round(middle * width) - width / 2,
                depth * 20 + 10 - canvas.getRect().getHeight() / 2).click().perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> lastQuery.spanId().equals(flame.getAttribute("data-zoom")));
        assertThat(flame.getAttribute("data-selected")).isEqualTo(lastQuery.spanId());
        assertThat(flame.getAttribute("data-drawn")).isEqualTo(String.valueOf(depth + 1));
        assertThat(browser.findElement(By.id("flame-details")).getText()).contains(lastQuery.name(), lastQueryText);
        assertThat(browser.findElement(By.id("flame-zoom")).getText()).startsWith("zoomed into " + lastQuery.name());
        WebElement reset = browser.findElement(By.id("flame-reset"));
        assertThat(reset.isEnabled()).isTrue();
        reset.click();
        assertThat(flame.getAttribute("data-zoom")).isNull();
        assertThat(reset.isEnabled()).isFalse();

        // Keys: Home selects the root, down its first child, Enter zooms into it, up goes back to the root (still
        // zoomed: it is drawn above, dimmed), Escape shows the whole trace.
        flame.sendKeys(Keys.HOME);
        assertThat(flame.getAttribute("data-selected")).isEqualTo(root.spanId());
        flame.sendKeys(Keys.ARROW_DOWN);
        StoredSpan child = byId.get(flame.getAttribute("data-selected"));
        assertThat(child.parentSpanId()).isEqualTo(root.spanId());
        assertThat(child.startEpochNanos()).isEqualTo(spans.stream().filter(span -> span.parentSpanId()
                .equals(root.spanId())).mapToLong(StoredSpan::startEpochNanos).min().orElseThrow());
        flame.sendKeys(Keys.ENTER);
        assertThat(flame.getAttribute("data-zoom")).isEqualTo(child.spanId());
        assertThat(browser.findElement(By.id("flame-details")).getText()).contains(child.name());
        chromium.screenshot("trace-flame-graph.png");
        flame.sendKeys(Keys.ARROW_UP);
        assertThat(flame.getAttribute("data-selected")).isEqualTo(root.spanId());
        assertThat(flame.getAttribute("data-zoom")).isEqualTo(child.spanId());
        flame.sendKeys(Keys.ESCAPE);
        assertThat(flame.getAttribute("data-zoom")).isNull();
        assertThat(flame.findElement(By.cssSelector("[aria-live]")).getAttribute("textContent"))
                .startsWith(root.name() + ", service orders, duration ");

        // The waterfall and the flame graph share the selected span, either way.
        flame.sendKeys(Keys.ARROW_DOWN);
        browser.findElement(By.id("tab-waterfall")).click();
        assertThat(selectedRow().getAttribute("data-span-id")).isEqualTo(child.spanId());
        browser.findElement(By.cssSelector(".span-row[data-span-id='" + lastQuery.spanId() + "']")).click();
        browser.findElement(By.id("tab-flame")).click();
        assertThat(flame.getAttribute("data-selected")).isEqualTo(lastQuery.spanId());
        assertThat(browser.findElement(By.id("flame-details")).getText()).contains(lastQueryText);
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

    private void groupBy(String key) {
        browser.findElement(By.cssSelector("#statistics-group-by option[value='" + key + "']")).click();
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
