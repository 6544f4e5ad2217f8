package dev.tracestore.sample;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start page (recent traces, scatter plot, filters, live updates) and the compare page in a real browser, and
 * what the pages rest on over plain HTTP: their Content-Security-Policy and their script and style files.
 */
class StartAndComparePageBrowserTests extends ExplorerBrowserTests {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Test
    void theStartPageListsRecentTracesNewestFirstAndAScatterDotOpensItsTrace() throws IOException {
        String older = HttpGet.json(http.get("/orders/11")).get("traceId").asString();
        String failed = http.get("/orders/12/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        String newest = HttpGet.json(http.get("/orders/13")).get("traceId").asString();
        awaitTrace(older);
        awaitTrace(failed);
        awaitTrace(newest);

        browser.get(url("/actuator/traces"));
        List<String> listed = awaitListed(ids -> ids.contains(older));
        assertThat(listed.indexOf(newest)).isLessThan(listed.indexOf(failed));
        assertThat(listed.indexOf(failed)).isLessThan(listed.indexOf(older));
        List<WebElement> dots = browser.findElements(By.cssSelector("#scatter a"));
        assertThat(dots).extracting(dot -> dot.getAttribute("data-trace-id"))
                .containsExactlyInAnyOrderElementsOf(listed);
        assertThat(dot(failed).findElement(By.tagName("circle")).getAttribute("class")).contains("failed");
        assertThat(dot(newest).findElement(By.tagName("circle")).getAttribute("class")).doesNotContain("failed");
        assertThat(browser.findElements(By.cssSelector("select[name=service] option")))
                .extracting(WebElement::getText).contains("any", "orders");
        chromium.screenshot("start.png");

        // A dot is a link: keyboard users reach it with Tab and open it with Enter, as a click would.
        dot(failed).sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.getCurrentUrl().equals(url("/actuator/traces/" + failed)));
        awaitReady();
        assertThat(rowNames()).startsWith("GET /orders/{id}/fail");
    }

    @Test
    void theFiltersSearchWithTheEndpointsParameters() {
        String failed = http.get("/orders/7/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        String fine = HttpGet.json(http.get("/orders/8")).get("traceId").asString();
        awaitTrace(failed);
        awaitTrace(fine);

        browser.get(url("/actuator/traces?failed=true&lookback=1h"));
        List<String> listed = awaitListed(ids -> ids.contains(failed));
        assertThat(listed).doesNotContain(fine);
        assertThat(browser.findElement(By.name("failed")).isSelected()).isTrue();
        assertThat(chosen("lookback")).isEqualTo("1h");

        browser.findElement(By.name("failed")).click();
        browser.findElement(By.cssSelector("select[name=service] option[value=orders]")).click();
        browser.findElement(By.name("minDuration")).sendKeys("1ns");
        browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl()
                .equals(url("/actuator/traces?service=orders&lookback=1h&minDuration=1ns")));
        assertThat(awaitListed(ids -> ids.contains(fine))).contains(failed);
        assertThat(chosen("service")).isEqualTo("orders");

        // A bad value is the endpoint's 400, shown as its message.
        browser.findElement(By.name("minDuration")).clear();
        browser.findElement(By.name("minDuration")).sendKeys("soon");
        browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("minDuration=soon"));
        WebElement problem = await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("problem")), WebElement::isDisplayed);
        assertThat(problem.getText()).contains("minDuration");
        chromium.consoleErrors(); // the page's own request answered 400, as it should
    }

    @Test
    void liveUpdatesShowNewTracesWithoutReloadingThePage() {
        browser.get(url("/actuator/traces"));
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.tagName("body"))
                .getAttribute("data-loaded-at") != null);
        browser.executeScript("window.sameDocument = true");
        browser.findElement(By.id("live")).click();

        String later = HttpGet.json(http.get("/orders/21")).get("traceId").asString();
        awaitTrace(later);
        awaitListed(ids -> ids.contains(later));
        assertThat(browser.executeScript("return window.sameDocument")).isEqualTo(true);
        browser.findElement(By.id("live")).click();
    }

    @Test
    void theComparePageShowsWhichOperationsWereAddedRemovedSlowerOrFaster() throws IOException {
        String fine = HttpGet.json(http.get("/orders/31")).get("traceId").asString();
        String failed = http.get("/orders/31/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        awaitTrace(fine);
        awaitTrace(failed);

        browser.get(url("/actuator/traces?lookback=1h"));
        awaitListed(ids -> ids.contains(fine) && ids.contains(failed));
        WebElement compare = browser.findElement(By.id("compare"));
        assertThat(compare.isEnabled()).isFalse();
        row(fine).findElement(By.cssSelector("input[type=checkbox]")).click();
        row(failed).findElement(By.cssSelector("input[type=checkbox]")).click();
        assertThat(compare.isEnabled()).isTrue();
        compare.click();

        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl()
                .equals(url("/actuator/traces/compare/" + fine + "/" + failed)));
        awaitReady();
        assertThat(change("GET /orders/{id}")).isEqualTo("removed");
        assertThat(change("order.find")).isEqualTo("removed");
        assertThat(change("GET /orders/{id}/fail")).isEqualTo("added");
        assertThat(change("payment.charge")).isEqualTo("added");
        assertThat(change("inventory.check")).isIn("slower", "faster", "same");
        assertThat(browser.findElement(By.id("compare-traces")).getText()).contains(fine, failed);
        chromium.screenshot("compare.png");

        // The form swaps them.
        WebElement a = browser.findElement(By.name("a"));
        WebElement b = browser.findElement(By.name("b"));
        a.clear();
        a.sendKeys(failed);
        b.clear();
        b.sendKeys(fine);
        browser.findElement(By.cssSelector("#compare-form button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl()
                .equals(url("/actuator/traces/compare/" + failed + "/" + fine)));
        awaitReady();
        assertThat(change("payment.charge")).isEqualTo("removed");
    }

    @Test
    void theDiffComparesOperationsByCountAndMeanDuration() {
        browser.get(url("/actuator/traces/compare"));
        // The page's own module, as served, on spans whose durations are known: (service, name) is the operation.
        Object rows = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const span = (service, name, durationNanos) => ({ service, name, durationNanos });
                import('./assets/compare.js').then(({ compareTraces }) => done(JSON.stringify(compareTraces(
                    [span('a', 'root', 1000), span('a', 'db', 100), span('a', 'db', 100), span('a', 'cache', 50),
                     span('b', 'db', 500), span('a', 'gone', 7)],
                    [span('a', 'root', 1050), span('a', 'db', 300), span('a', 'cache', 20), span('b', 'db', 500),
                     span('a', 'new', 9), span('a', 'new', 9)]))));
                """);
        assertThat(JsonMapper.builder().build().readTree((String) rows).valueStream()
                .map(row -> row.get("service").asString() + "/" + row.get("name").asString() + " "
                        + row.get("change").asString() + " " + row.get("countA").asInt() + " " + row.get("countB").asInt()
                        + " " + row.get("totalA").asLong() + " " + row.get("totalB").asLong()))
                .containsExactly("a/new added 0 2 0 18", "a/gone removed 1 0 7 0", "a/db slower 2 1 200 300",
                        "a/cache faster 1 1 50 20", "a/root same 1 1 1000 1050", "b/db same 1 1 500 500");
    }

    @Test
    void thePagesAllowOnlyTheirOwnScriptAndStyleFilesWhichTheEndpointServes() {
        String traceId = HttpGet.json(http.get("/orders/51")).get("traceId").asString();
        awaitTrace(traceId);
        for (String page : List.of("/actuator/traces", "/actuator/traces/" + traceId,
                "/actuator/traces/compare/" + traceId + "/" + traceId, "/actuator/traces/operations-page")) {
            HttpResponse<String> response = http.get(page, BROWSER);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            Matcher policy = Pattern.compile("http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"")
                    .matcher(response.body());
            assertThat(policy.find()).as(page).isTrue();
            assertThat(policy.group(1)).as(page).contains("default-src 'none'", "script-src 'self'",
                    "style-src 'self'", "connect-src 'self'").doesNotContain("unsafe");
            browser.get(url(page));
            awaitReady(page);
        }

        HttpResponse<String> script = http.get("/actuator/traces/assets/main.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=UTF-8");
        assertThat(script.body()).contains("import");
        assertThat(http.get("/actuator/traces/assets/explorer.css").headers().firstValue("Content-Type"))
                .hasValue("text/css;charset=UTF-8");
        for (String missing : List.of("/actuator/traces/assets/nothing.js", "/actuator/traces/assets/a/main.js",
                "/actuator/traces/assets/..%2F..%2Fdev/tracestore/autoconfigure/traces.html", "/actuator/traces/assets",
                "/actuator/traces/assets/TracesAssets.class")) {
            // Tomcat itself refuses an encoded slash (400); the route answers the rest with 404.
            assertThat(http.get(missing).statusCode()).as(missing).isIn(400, 404);
        }
        assertThat(http.get("/actuator/traces/assets/nothing.js").statusCode()).isEqualTo(404);
        HttpResponse<String> badId = http.get("/actuator/traces/compare/xyz/" + traceId, BROWSER);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(HttpGet.json(badId).get("parameter").asString()).isEqualTo("traceId");
        assertThat(http.get("/actuator/traces/compare/" + traceId + "/" + traceId).statusCode()).isEqualTo(400);
    }

    private void awaitReady(String page) {
        if (page.equals("/actuator/traces")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.findElement(By.tagName("body"))
                    .getAttribute("data-loaded-at") != null);
        } else {
            awaitReady();
        }
    }

    private List<String> awaitListed(Predicate<List<String>> until) {
        return await().atMost(Duration.ofSeconds(15))
                .until(this::listedTraceIds, until);
    }

    // Read in one script: a live refresh may replace the rows between a lookup and a read of each (stale elements).
    @SuppressWarnings("unchecked")
    private List<String> listedTraceIds() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#results-body tr'), row => row.getAttribute('data-trace-id'))");
    }

    private String chosen(String select) {
        return browser.findElement(By.cssSelector("select[name=" + select + "] option:checked")).getText();
    }

    private WebElement row(String traceId) {
        return browser.findElement(By.cssSelector("#results-body tr[data-trace-id='" + traceId + "']"));
    }

    private WebElement dot(String traceId) {
        return browser.findElement(By.cssSelector("#scatter a[data-trace-id='" + traceId + "']"));
    }

    private String change(String operation) {
        return browser.findElements(By.cssSelector("#diff tr.diff-row")).stream()
                .filter(row -> row.findElement(By.cssSelector("td div")).getText().equals(operation)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + operation)).getAttribute("data-change");
    }
}
