package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The trace page in a real browser: the waterfall, collapsing, find in trace, next error, the keyboard and the span
 * details, on the traces of real requests to the sample app. Screenshots go to {@code target/}.
 */
class TraceWaterfallBrowserTests extends ExplorerBrowserTests {

    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\">";

    @Autowired
    OpenTelemetry openTelemetry;

    @Test
    void theWaterfallDrawsEverySpanAsABarNestedByParentAndMarksTheFailures() throws IOException {
        String traceId = http.get("/orders/42/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        List<StoredSpan> spans = awaitTrace(traceId);

        openTrace(traceId);
        List<WebElement> rows = awaitRows(spans.size());

        List<StoredSpan> expected = depthFirst(spans);
        assertThat(rows).extracting(row -> row.getAttribute("data-span-id"))
                .containsExactlyElementsOf(expected.stream().map(StoredSpan::spanId).toList());
        assertThat(rowNames()).containsExactly("GET /orders/{id}/fail", "inventory.check", "payment.charge");
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
        // Attributes by where they come from, the exception event with its stack trace.
        assertThat(details.getText()).contains("payment.charge", "ERROR", "SPAN ATTRIBUTES", "order.id \"42\"",
                "RESOURCE ATTRIBUTES", "service.name \"orders\"", "INSTRUMENTATION SCOPE", "EVENTS", "exception",
                PaymentDeclinedException.class.getName(), "card declined for order 42");
        assertThat(details.findElement(By.className("stacktrace")).getText())
                .startsWith(PaymentDeclinedException.class.getName() + ": card declined for order 42")
                .contains("at dev.tracestore.sample.OrderService.charge(");
        assertThat(selectedRow().getAttribute("data-span-id")).isEqualTo(expected.get(2).spanId());
        chromium.screenshot("waterfall.png");
    }

    @Test
    void aSubtreeCollapsesAndExpandsByMouseByKeyboardAndAllAtOnce() {
        String traceId = HttpGet.json(http.get("/orders/43")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        List<String> all = depthFirst(spans).stream().map(StoredSpan::name).toList();
        assertThat(all).hasSize(4).startsWith("GET /orders/{id}", "order.find");
        openTrace(traceId);
        awaitRows(4);

        WebElement find = browser.findElements(By.cssSelector(".span-row")).get(1);
        assertThat(find.getAttribute("aria-expanded")).isEqualTo("true");
        find.findElement(By.className("wf-toggle")).click();
        assertThat(rowNames()).containsExactly("GET /orders/{id}", "order.find");
        assertThat(browser.findElements(By.cssSelector(".span-row")).get(1).getAttribute("aria-expanded"))
                .isEqualTo("false");
        assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("2 of 4 spans shown");
        browser.findElements(By.cssSelector(".span-row")).get(1).findElement(By.className("wf-toggle")).click();
        assertThat(rowNames()).isEqualTo(all);

        // Clicking a span selects it; the tree holds the focus: arrows move, Enter and Space collapse and expand,
        // left and right too.
        assertThat(selectedRow().getText()).contains("order.find");
        WebElement tree = browser.findElement(By.cssSelector("[role=tree]"));
        tree.sendKeys(Keys.HOME);
        assertThat(selectedRow().getText()).contains("GET /orders/{id}");
        tree.sendKeys(Keys.ARROW_DOWN);
        assertThat(selectedRow().getText()).contains("order.find");
        assertThat(tree.getAttribute("aria-activedescendant")).isEqualTo(selectedRow().getAttribute("id"));
        assertThat(browser.findElement(By.className("details")).getText()).contains("order.find");
        tree.sendKeys(Keys.ENTER);
        assertThat(rowNames()).hasSize(2);
        tree.sendKeys(Keys.SPACE);
        assertThat(rowNames()).hasSize(4);
        tree.sendKeys(Keys.ARROW_LEFT);
        assertThat(rowNames()).hasSize(2);
        tree.sendKeys(Keys.ARROW_RIGHT);
        assertThat(rowNames()).hasSize(4);
        tree.sendKeys(Keys.ARROW_DOWN);
        assertThat(selectedRow().getText()).contains(all.get(2));
        tree.sendKeys(Keys.ARROW_LEFT);
        assertThat(selectedRow().getText()).contains("order.find");
        tree.sendKeys(Keys.END);
        assertThat(selectedRow().getText()).contains(all.get(3));
        tree.sendKeys(Keys.HOME);
        assertThat(selectedRow().getText()).contains("GET /orders/{id}");

        browser.findElement(By.id("collapse-all")).click();
        assertThat(rowNames()).containsExactly("GET /orders/{id}", "order.find");
        browser.findElement(By.id("expand-all")).click();
        assertThat(rowNames()).isEqualTo(all);
    }

    @Test
    void findInTraceHighlightsTheMatchesAndJumpsBetweenThem() throws IOException {
        String traceId = HttpGet.json(http.get("/orders/44")).get("traceId").asString();
        List<StoredSpan> spans = awaitTrace(traceId);
        long withOrderId = spans.stream()
                .filter(span -> "44".equals(span.attributes().get(AttributeKey.stringKey("order.id")))).count();
        assertThat(withOrderId).isGreaterThan(1);
        openTrace(traceId);
        awaitRows(4);
        WebElement find = browser.findElement(By.id("find"));

        find.sendKeys("order.id=44");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("find-count")).getText(),
                text -> text.equals("1 of " + withOrderId));
        assertThat(browser.findElements(By.cssSelector(".span-row.match"))).hasSize((int) withOrderId);
        WebElement first = browser.findElement(By.cssSelector(".span-row.current-match"));
        assertThat(first.getAttribute("class")).contains("selected");
        String firstSpanId = first.getAttribute("data-span-id");
        find.sendKeys(Keys.ENTER);
        assertThat(browser.findElement(By.id("find-count")).getText()).isEqualTo("2 of " + withOrderId);
        assertThat(browser.findElement(By.cssSelector(".span-row.current-match")).getAttribute("data-span-id"))
                .isNotEqualTo(firstSpanId);
        find.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
        assertThat(browser.findElement(By.id("find-count")).getText()).isEqualTo("1 of " + withOrderId);
        chromium.screenshot("find-in-trace.png");

        // A span name, whatever the case, and a value alone.
        find.clear();
        find.sendKeys("INVENTORY");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("find-count")).getText(),
                text -> text.equals("1 of 1"));
        assertThat(selectedRow().getText()).contains("inventory.check");
        assertThat(browser.findElement(By.className("details")).getText()).contains("inventory.warehouse");
        find.clear();
        find.sendKeys("no such text anywhere");
        await().atMost(Duration.ofSeconds(5)).until(() -> browser.findElement(By.id("find-count")).getText(),
                text -> text.equals("no match"));
        assertThat(browser.findElements(By.cssSelector(".span-row.match"))).isEmpty();
    }

    @Test
    void nextErrorGoesFromFailedSpanToFailedSpanAndAround() {
        String traceId = http.get("/orders/45/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        List<String> failed = depthFirst(awaitTrace(traceId)).stream()
                .filter(span -> span.statusCode() == StatusCode.ERROR).map(StoredSpan::spanId).toList();
        assertThat(failed).hasSize(2);
        openTrace(traceId);
        awaitRows(3);

        browser.findElement(By.id("next-error")).click();
        assertThat(selectedRow().getAttribute("data-span-id")).isEqualTo(failed.get(0));
        browser.findElement(By.id("next-error")).click();
        assertThat(selectedRow().getAttribute("data-span-id")).isEqualTo(failed.get(1));
        assertThat(browser.findElement(By.className("details")).getText()).contains("ERROR", "card declined");
        // The key e does the same, from anywhere but a text field.
        browser.findElement(By.tagName("body")).sendKeys("e");
        assertThat(selectedRow().getAttribute("data-span-id")).isEqualTo(failed.get(0));
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

        openTrace(traceId);
        awaitRows(1).get(0).click();

        assertThat(rowNames()).containsExactly(MARKUP);
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

    /** Parents before their children, siblings by start: the order the page draws. */
    static List<StoredSpan> depthFirst(List<StoredSpan> spans) {
        Map<String, List<StoredSpan>> children = spans.stream()
                .collect(Collectors.groupingBy(StoredSpan::parentSpanId));
        List<StoredSpan> ordered = new ArrayList<>();
        addWithChildren(children, "", ordered);
        return ordered;
    }

    private static void addWithChildren(Map<String, List<StoredSpan>> children, String parent,
            List<StoredSpan> ordered) {
        children.getOrDefault(parent, List.of()).stream()
                .sorted(Comparator.comparingLong(StoredSpan::startEpochNanos).thenComparing(StoredSpan::spanId))
                .forEach(span -> {
                    ordered.add(span);
                    addWithChildren(children, span.spanId(), ordered);
                });
    }
}
