package dev.tracestore.sample;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The start page's filters from the listing routes (service and operation drop-downs, attribute keys and values
 * suggested) and its TraceQL box (examples, the endpoint's 400 with where the query broke), in a real browser.
 */
class StartPageFiltersBrowserTests extends ExplorerBrowserTests {

    @Test
    void serviceAndOperationDropDownsComeFromTheListingAndSearchByOperation() throws IOException {
        String plain = HttpGet.json(http.get("/orders/61")).get("traceId").asString();
        String lines = HttpGet.json(http.get("/orders/7/lines")).get("traceId").asString();
        awaitTrace(plain);
        awaitTrace(lines);

        browser.get(url("/actuator/traces?lookback=1h"));
        awaitOperations();
        awaitListed(ids -> ids.contains(lines));
        assertThat(options("service")).contains("any", "orders");
        assertThat(options("name")).contains("any", "GET /orders/{id}", "GET /orders/{id}/lines", "SELECT item",
                "order.lines");
        browser.findElement(By.cssSelector("select[name=service] option[value=orders]")).click();
        awaitOperations();
        browser.findElement(By.cssSelector("select[name=name] option[value='GET /orders/{id}/lines']")).click();
        browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> decodedUrl()
                .endsWith("?service=orders&name=GET /orders/{id}/lines&lookback=1h"));
        List<String> listed = awaitListed(ids -> ids.contains(lines));
        assertThat(listed).doesNotContain(plain);
        awaitOperations();
        assertThat(chosen("name")).isEqualTo("GET /orders/{id}/lines");
        chromium.screenshot("start-filters.png");
    }

    @Test
    void attributeKeysAndTheirValuesAreSuggested() throws IOException {
        String plain = HttpGet.json(http.get("/orders/62")).get("traceId").asString();
        String lines = HttpGet.json(http.get("/orders/7/lines")).get("traceId").asString();
        awaitTrace(plain);
        awaitTrace(lines);

        browser.get(url("/actuator/traces?lookback=1h"));
        WebElement entry = browser.findElement(By.id("attr-entry"));
        entry.sendKeys("http.ro");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::suggestions, values ->
                values.contains("http.route") && values.stream().allMatch(value -> value.startsWith("http.ro")));
        entry.sendKeys("ute=/orders/{id}/");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(this::suggestions,
                values -> values.contains("http.route=/orders/{id}/lines"));
        assertThat(suggestions()).doesNotContain("http.route=/orders/{id}");
        entry.clear();
        entry.sendKeys("http.route=/orders/{id}/lines", Keys.ENTER);
        assertThat(browser.findElement(By.name("attr")).getAttribute("value"))
                .isEqualTo("http.route=/orders/{id}/lines");
        browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> decodedUrl()
                .contains("attr=http.route=/orders/{id}/lines"));
        assertThat(awaitListed(ids -> ids.contains(lines))).doesNotContain(plain);
    }

    @Test
    void theQueryBoxSendsTraceQlAndEachExampleRuns() throws IOException {
        String failed = http.get("/orders/63/fail").headers().firstValue("X-Trace-Id").orElseThrow();
        String fine = HttpGet.json(http.get("/orders/63")).get("traceId").asString();
        awaitTrace(failed);
        awaitTrace(fine);

        browser.get(url("/actuator/traces?lookback=1h"));
        List<String> examples = browser.findElements(By.cssSelector("#examples button")).stream()
                .map(WebElement::getText).toList();
        assertThat(examples).hasSizeBetween(3, 5).allMatch(example -> example.startsWith("{"));
        for (String example : examples) {
            String before = loadedAt();
            browser.findElements(By.cssSelector("#examples button")).stream()
                    .filter(button -> button.getText().equals(example)).findFirst().orElseThrow().click();
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> decodedUrl().contains("q=" + example)
                    && !loadedAt().equals(before));
            assertThat(browser.findElement(By.id("problem")).isDisplayed()).as(example).isFalse();
            // The window stays; other filters do not go with a query (the endpoint would refuse them).
            assertThat(decodedUrl()).as(example).endsWith("?q=" + example + "&lookback=1h");
            assertThat(browser.findElement(By.name("q")).getAttribute("value")).isEqualTo(example);
        }
        browser.findElements(By.cssSelector("#examples button")).get(1).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> decodedUrl().contains("q=" + examples.get(1)));
        assertThat(awaitListed(ids -> ids.contains(failed))).doesNotContain(fine);
        chromium.screenshot("start-traceql.png");
    }

    @Test
    void aBadQueryShowsTheEndpointsMessageAndWhereItBroke() throws IOException {
        browser.get(url("/actuator/traces"));
        WebElement box = browser.findElement(By.name("q"));
        box.sendKeys("{ status = ");
        box.sendKeys(Keys.ENTER);
        WebElement problem = await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("problem")), WebElement::isDisplayed);
        assertThat(problem.getText()).contains("q: syntax error at column 11");
        assertThat(decodedUrl()).endsWith("?q={ status =");
        assertThat(problem.findElement(By.tagName("pre")).getText()).isEqualTo("{ status =\n          ^");
        chromium.screenshot("start-traceql-error.png");
        chromium.consoleErrors(); // the page's own request answered 400, as it should
    }

    private String loadedAt() {
        return String.valueOf(browser.findElement(By.tagName("body")).getAttribute("data-loaded-at"));
    }

    private void awaitOperations() {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "true".equals(
                browser.findElement(By.name("name")).getAttribute("data-filled")));
    }

    private List<String> options(String select) {
        return browser.findElements(By.cssSelector("select[name=" + select + "] option")).stream()
                .map(WebElement::getText).toList();
    }

    private String chosen(String select) {
        return browser.findElement(By.cssSelector("select[name=" + select + "] option:checked")).getText();
    }

    private List<String> suggestions() {
        return browser.findElements(By.cssSelector("#attr-suggestions option")).stream()
                .map(option -> option.getAttribute("value")).toList();
    }

    private String decodedUrl() {
        return URLDecoder.decode(browser.getCurrentUrl(), StandardCharsets.UTF_8);
    }

    private List<String> awaitListed(Predicate<List<String>> until) {
        return await().atMost(Duration.ofSeconds(15)).until(this::startPageTraceIds, until);
    }
}
