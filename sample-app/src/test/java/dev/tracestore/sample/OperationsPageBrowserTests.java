package dev.tracestore.sample;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations page in a real browser: RED per operation (sortable, figures as the endpoint counts them), charts
 * over time of the chosen operation with a cross-hair (pointer and keys), links to its traces, the service
 * dependencies and the problems summary.
 */
class OperationsPageBrowserTests extends ExplorerBrowserTests {

    private static final String PAGE = "/actuator/traces/operations-page?lookback=1h";

    @Autowired
    OpenTelemetry openTelemetry;

    @Test
    void redPerOperationIsATableSortedByAnyColumnWithChartsOfTheChosenOperation() throws IOException {
        for (int i = 0; i < 3; i++) {
            awaitTrace(HttpGet.json(http.get("/orders/71")).get("traceId").asString());
        }
        String failed = http.get("/orders/72/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        awaitTrace(failed);

        browser.get(url(PAGE));
        awaitComplete();
        WebElement plain = redRow("GET /orders/{id}");
        assertThat(Integer.parseInt(cell(plain, 2))).isGreaterThanOrEqualTo(3);
        assertThat(cell(plain, 0)).isEqualTo("orders");
        WebElement failing = redRow("GET /orders/{id}/fail");
        assertThat(failing.getAttribute("class")).contains("failed");
        assertThat(Integer.parseInt(cell(failing, 4))).isEqualTo(Integer.parseInt(cell(failing, 2)));
        assertThat(cell(failing, 5)).isEqualTo("100.0 %");
        // Busiest first, then by any column, either way.
        assertThat(requests()).isSortedAccordingTo((a, b) -> b - a);
        header("requests").click();
        assertThat(requests()).isSorted();
        header("operation").click();
        assertThat(browser.findElements(By.cssSelector("#red tbody tr")).stream()
                .map(row -> row.getAttribute("data-operation")).toList()).isSorted();

        // The busiest operation's charts at first; another's on a click.
        awaitCharts(redOperations().get(0));
        failing = redRow("GET /orders/{id}/fail");
        failing.findElement(By.cssSelector("button.operation")).click();
        awaitCharts("GET /orders/{id}/fail");
        List<WebElement> charts = browser.findElements(By.cssSelector("#charts svg.chart"));
        assertThat(charts).extracting(chart -> chart.getAttribute("aria-label"))
                .containsExactly("requests per second", "error rate", "latency p50, p95, p99");
        assertThat(charts.get(0).findElements(By.tagName("circle"))).isNotEmpty();
        assertThat(charts.get(1).findElements(By.cssSelector("circle title")).get(0).getAttribute("textContent"))
                .startsWith("error rate 100.0 %");
        assertThat(charts.get(2).findElements(By.cssSelector("g.series"))).extracting(g -> g.getAttribute("data-series"))
                .containsExactly("p50", "p95", "p99");
        chromium.screenshot("operations.png");

        // The examples are a search for the operation's traces.
        browser.findElement(By.cssSelector("#charts-title a")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> URLDecoder.decode(browser.getCurrentUrl(),
                StandardCharsets.UTF_8).endsWith("/actuator/traces?service=orders&name=GET /orders/{id}/fail&lookback=1h"));
        List<String> listed = await().atMost(Duration.ofSeconds(15))
                .until(this::startPageTraceIds, ids -> ids.contains(failed));
        assertThat(listed).allSatisfy(id -> assertThat(store.getTrace(id)).anyMatch(span -> span.isRoot()
                && span.name().equals("GET /orders/{id}/fail")));
    }

    @Test
    void theDependenciesAndTheProblemsAreShown() throws IOException {
        String failed = http.get("/orders/73/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        awaitTrace(failed);
        // Calls to a service that stores no spans: client spans naming it as their peer.
        String last = null;
        for (int i = 0; i < 3; i++) {
            Span call = openTelemetry.getTracer("operations-page-test").spanBuilder("POST /charges")
                    .setSpanKind(SpanKind.CLIENT).setAttribute("peer.service", "billing").startSpan();
            if (i == 0) {
                call.setStatus(StatusCode.ERROR, "declined");
            }
            call.end();
            last = call.getSpanContext().getTraceId();
        }
        awaitTrace(last);

        browser.get(url(PAGE));
        awaitComplete();
        WebElement edge = browser.findElement(By.cssSelector(".dependency-graph g.edge[data-caller=orders][data-callee=billing]"));
        assertThat(edge.getAttribute("class")).contains("external", "failed");
        assertThat(edge.findElement(By.tagName("text")).getText()).isEqualTo("3 (1 failed)");
        assertThat(browser.findElements(By.cssSelector(".dependency-graph g.node")))
                .extracting(node -> node.getAttribute("data-service")).contains("orders", "billing");
        assertThat(browser.findElements(By.cssSelector(".dependency-table tbody tr")).stream()
                .map(WebElement::getText).toList()).contains("orders billing (not traced) 3 1 33.3 %");

        assertThat(browser.findElement(By.id("failing")).getText()).contains("GET /orders/{id}/fail");
        assertThat(browser.findElement(By.id("slowest")).getText()).contains("GET /orders/{id}/fail");
        WebElement exceptions = browser.findElement(By.id("exceptions"));
        assertThat(exceptions.getText()).contains("dev.tracestore.sample.PaymentDeclinedException");
        chromium.screenshot("operations-dependencies.png");
        exceptions.findElement(By.linkText("example")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("/actuator/traces/"));
        awaitReady();
        assertThat(rowNames()).startsWith("GET /orders/{id}/fail");
    }

    @Test
    void theLookBackIsChosenOnThePageAndInItsUrl() throws IOException {
        awaitTrace(HttpGet.json(http.get("/orders/74")).get("traceId").asString());
        browser.get(url("/actuator/traces/operations-page"));
        awaitComplete();
        assertThat(browser.findElement(By.cssSelector("#operations-lookback option:checked")).getText()).isEqualTo("1h");
        browser.findElement(By.cssSelector("#operations-lookback option[value='15m']")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl()
                .endsWith("/actuator/traces/operations-page?lookback=15m"));
        awaitComplete();
        assertThat(redOperations()).contains("GET /orders/{id}");
        assertThat(http.get("/actuator/traces/operations-page").statusCode()).isEqualTo(400);
        assertThat(HttpGet.json(http.get("/actuator/traces/operations-page")).get("parameter").asString())
                .isEqualTo("format");
        HttpResponse<String> unknown = http.get("/actuator/traces/operations-page?limit=5", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(HttpGet.json(unknown).get("parameter").asString()).isEqualTo("limit");
    }

    @Test
    void aCrossHairFollowsThePointerAndTheArrowKeysOverTheCharts() throws IOException {
        // One request 9, 6 and 3 minutes ago, in three buckets of a minute; the middle one failed.
        long now = System.currentTimeMillis();
        String last = null;
        for (int minutesAgo = 9; minutesAgo >= 3; minutesAgo -= 3) {
            long start = now - Duration.ofMinutes(minutesAgo).toMillis();
            Span request = openTelemetry.getTracer("operations-page-test").spanBuilder("GET /crosshair")
                    .setSpanKind(SpanKind.SERVER).setNoParent().setStartTimestamp(start, TimeUnit.MILLISECONDS)
                    .startSpan();
            if (minutesAgo == 6) {
                request.setStatus(StatusCode.ERROR, "failed");
            }
            request.end(start + 20, TimeUnit.MILLISECONDS);
            last = request.getSpanContext().getTraceId();
        }
        awaitTrace(last);

        browser.get(url(PAGE));
        awaitComplete();
        redRow("GET /crosshair").findElement(By.cssSelector("button.operation")).click();
        awaitCharts("GET /crosshair");
        // The chosen operation goes into the URL, so that the page can be shared as it is.
        assertThat(decodedUrl()).endsWith("?lookback=1h&service=orders&name=GET /crosshair");
        List<WebElement> charts = browser.findElements(By.cssSelector("#charts svg.chart"));
        WebElement errors = charts.get(1);
        assertThat(errors.getAttribute("data-crosshair")).isNull();

        new Actions(browser).moveToElement(errors).perform();
        await().atMost(Duration.ofSeconds(5)).until(() -> errors.getAttribute("data-crosshair") != null);
        assertThat(errors.findElement(By.className("crosshair")).getAttribute("visibility")).isEqualTo("visible");
        assertThat(readout(errors)).contains("error rate ");
        // In step: the pointer over one chart shows the same bucket on all three, each with its own series.
        assertThat(charts).extracting(chart -> chart.getAttribute("data-crosshair")).containsOnly(
                errors.getAttribute("data-crosshair"));
        assertThat(readout(charts.get(0))).contains("rate ");
        assertThat(readout(charts.get(2))).contains("p50 ", "p95 ", "p99 ");

        // Keys: the first bucket, the next (the failure), the last; Escape hides the line.
        errors.sendKeys(Keys.HOME);
        long first = Long.parseLong(errors.getAttribute("data-crosshair"));
        assertThat(readout(errors)).endsWith("error rate 0.0 %");
        errors.sendKeys(Keys.ARROW_RIGHT);
        assertThat(Long.parseLong(errors.getAttribute("data-crosshair"))).isGreaterThan(first);
        assertThat(readout(errors)).endsWith("error rate 100.0 %");
        assertThat(charts).extracting(chart -> chart.getAttribute("data-crosshair")).containsOnly(
                errors.getAttribute("data-crosshair"));
        errors.sendKeys(Keys.END);
        assertThat(Long.parseLong(errors.getAttribute("data-crosshair")) - first)
                .isBetween(Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(7).toMillis());
        errors.sendKeys(Keys.ARROW_RIGHT);
        assertThat(readout(errors)).endsWith("error rate 0.0 %");
        WebElement latency = charts.get(2);
        latency.sendKeys(Keys.END);
        assertThat(readout(latency)).contains("p50 ", "p95 ", "p99 ");
        assertThat(readout(errors)).endsWith("error rate 0.0 %");
        latency.sendKeys(Keys.ESCAPE);
        assertThat(charts).allSatisfy(chart -> {
            assertThat(chart.getAttribute("data-crosshair")).isNull();
            assertThat(readout(chart)).isEmpty();
        });

        // Shift+arrows select buckets on all three charts; Enter zooms to them: here the middle one, the failure.
        errors.sendKeys(Keys.HOME, Keys.ARROW_RIGHT, Keys.chord(Keys.SHIFT, Keys.ARROW_RIGHT));
        assertThat(errors.getAttribute("data-selection")).isNotNull();
        assertThat(charts).extracting(chart -> chart.getAttribute("data-selection"))
                .containsOnly(errors.getAttribute("data-selection"));
        chromium.screenshot("operations-crosshair.png");
        errors.sendKeys(Keys.chord(Keys.SHIFT, Keys.ARROW_LEFT));
        String selected = errors.getAttribute("data-selection");
        errors.sendKeys(Keys.ENTER);
        awaitZoomed(selected.replace("/", "&to=").replace(":", "%3A"));
        awaitCharts("GET /crosshair");
        assertThat(cell(redRow("GET /crosshair"), 2)).isEqualTo("1");
        assertThat(cell(redRow("GET /crosshair"), 4)).isEqualTo("1");
        assertThat(browser.findElement(By.id("zoomed")).getText()).startsWith("zoomed between ");

        // Reset zoom: back to the look-back, the same operation's charts.
        browser.findElement(By.id("reset-zoom")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> decodedUrl()
                .endsWith("?lookback=1h&service=orders&name=GET /crosshair"));
        awaitComplete();
        awaitCharts("GET /crosshair");
        assertThat(cell(redRow("GET /crosshair"), 2)).isEqualTo("3");
        assertThat(browser.findElements(By.id("reset-zoom"))).isEmpty();

        // A drag across a chart, from before the first request to after the second, zooms to that stretch.
        List<WebElement> dots = browser.findElements(By.cssSelector("#charts svg.chart")).get(0)
                .findElements(By.tagName("circle"));
        assertThat(dots).hasSize(3);
        int gap = dots.get(2).getRect().getX() - dots.get(1).getRect().getX();
        new Actions(browser).moveToElement(dots.get(0), -6, 0).clickAndHold().moveByOffset(10, 0)
                .moveToElement(dots.get(1), gap / 2, 0).release().perform();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("&from="));
        awaitComplete();
        awaitCharts("GET /crosshair");
        assertThat(decodedUrl()).contains("?lookback=1h&from=").contains("&service=orders&name=GET /crosshair");
        assertThat(cell(redRow("GET /crosshair"), 2)).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#charts svg.chart")).get(0).findElements(By.tagName("circle")))
                .hasSize(2);
        chromium.screenshot("operations-zoomed.png");
    }

    private String decodedUrl() {
        return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    private void awaitZoomed(String window) {
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("&from=" + window));
        awaitComplete();
    }

    private static String readout(WebElement chart) {
        return chart.findElement(By.className("readout")).getAttribute("textContent");
    }

    private void awaitComplete() {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.findElement(By.tagName("body"))
                .getAttribute("data-complete-ms") != null && browser.findElement(By.id("operations-page")).isDisplayed());
    }

    private void awaitCharts(String operation) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> operation.equals(
                browser.findElement(By.id("charts")).getAttribute("data-operation"))
                && browser.findElements(By.cssSelector("#charts svg.chart")).size() == 3);
    }

    private List<String> redOperations() {
        return browser.findElements(By.cssSelector("#red tbody tr")).stream()
                .map(row -> row.getAttribute("data-operation")).toList();
    }

    private WebElement redRow(String operation) {
        return browser.findElement(By.cssSelector("#red tbody tr[data-operation='" + operation + "']"));
    }

    private static String cell(WebElement row, int column) {
        return row.findElements(By.tagName("td")).get(column).getText();
    }

    private List<Integer> requests() {
        return browser.findElements(By.cssSelector("#red tbody tr")).stream()
                .map(row -> Integer.parseInt(cell(row, 2))).toList();
    }

    private WebElement header(String label) {
        return browser.findElements(By.cssSelector("#red th button.sort")).stream()
                .filter(button -> button.getText().replaceAll("[\u25b4\u25be]", "").trim().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no column " + label));
    }
}
