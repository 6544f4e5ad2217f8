package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's queries, run as written (its curl lines, read from README.md) against the sample app's controllers
 * over real HTTP, once with Spring Boot's default observation conventions (Micrometer's: {@code http get
 * /orders/{id}/fail}, {@code status}, {@code uri}, {@code exception}) and once with the sample app's
 * {@code OpenTelemetryServerRequestObservationConvention} ({@code GET /orders/{id}/fail}, {@code http.route},
 * {@code http.response.status_code}, {@code error.type}): each must give the documented answer under both, and so
 * must the search page's placeholders.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReadmeQueries {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SEARCH_PAGE = Path.of("..", "trace-store-autoconfigure", "src", "main", "resources",
            "dev", "tracestore", "autoconfigure", "traces.html");
    private static final Path START_PAGE_SCRIPT = SEARCH_PAGE.resolveSibling("assets").resolve("startpage.js");
    private static final Pattern CURL = Pattern.compile("curl [^`\\n]*");
    private static final Pattern TRACE_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");

    /** The sample app's controllers and services, without its WebConfiguration: a default Boot app. */
    // Neither a @SpringBootConfiguration (the other tests look for SampleApplication) nor a @TestConfiguration (Boot
    // would add SampleApplication, and its WebConfiguration, to it); nested in a test class, no scan picks it up.
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({OrderController.class, OrderService.class, InventoryService.class, PricingService.class,
            CurrentTraceId.class})
    static class DefaultConventionApp {
    }

    /** The same app with the sample's OpenTelemetry convention bean (WebConfiguration). */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({OrderController.class, OrderService.class, InventoryService.class, PricingService.class,
            CurrentTraceId.class, WebConfiguration.class})
    static class OpenTelemetryConventionApp {
    }

    @LocalServerPort
    int port;

    @Autowired
    SpanStore store;

    private HttpGet http;
    private final List<String> orders = new ArrayList<>();
    private String failure;

    /** @return the failing request's server span name under this convention */
    abstract String failingServerSpan();

    @BeforeAll
    void callTheApp() {
        http = new HttpGet(port);
        for (String id : List.of("42", "7")) {
            orders.add(HttpGet.json(http.get("/orders/" + id)).get("traceId").asString());
        }
        assertThat(http.get("/orders/42/fail").statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(10)).until(() -> failingTraces().size() == 1
                && orders.stream().allMatch(id -> store.getTrace(id).stream().anyMatch(s -> s.parentSpanId().isEmpty())));
        failure = failingTraces().iterator().next();
    }

    private Set<String> failingTraces() {
        return store.findSpans(SpanQuery.builder().failedOnly(true).build()).stream().map(StoredSpan::traceId)
                .collect(Collectors.toSet());
    }

    @Test
    void findWhatWentWrongAsTheReadmeSays() {
        JsonNode failed = run("curl 'localhost:8080/actuator/traces/failures?lookback=15m'");
        assertThat(names(failed.get("spans"))).containsExactlyInAnyOrder(failingServerSpan(), "payment.charge");
        assertThat(traceIds(failed.get("spans"))).containsOnly(failure);

        JsonNode trace = run("curl localhost:8080/actuator/traces/f9e526b2cec3ae1f515c69194fd81a5e");
        assertThat(names(trace.get("spans"))).contains(failingServerSpan(), "payment.charge", "inventory.check");

        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces -d failed=true -d lookback=15m")))
                .containsExactly(failure);
        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces -d errorType=dev.tracestore.sample.PaymentDeclinedException -d lookback=1h")))
                .containsExactly(failure);
        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces -d errorType=PaymentDeclinedException -d lookback=1h")))
                .containsExactly(failure);
        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces --data-urlencode 'attr=http.response.status_code>=500' -d lookback=1h")))
                .containsExactly(failure);
        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces --data-urlencode 'attr=http.route=/orders/{id}/fail' -d lookback=1h")))
                .containsExactly(failure);
        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces --data-urlencode 'name=GET /orders/{id}' -d lookback=1h")))
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(traceIdsOf(run("curl -G localhost:8080/actuator/traces -d order=longest -d lookback=1h -d limit=5")))
                .containsExactlyInAnyOrder(orders.get(0), orders.get(1), failure);
        assertThat(traceIds(run("curl -G localhost:8080/actuator/traces -d view=spans -d attr=order.id=42").get("spans")))
                .containsExactlyInAnyOrder(orders.get(0), failure);
    }

    /** The README's TraceQL examples, written with Micrometer's names: their answers on a default Boot app. */
    @Test
    void traceQlExamplesAsTheReadmeSays() {
        assumeTrue(failingServerSpan().startsWith("http get"), "the README's TraceQL examples use Micrometer's names");
        String search = "curl -G localhost:8080/actuator/traces --data-urlencode ";
        assertThat(traceIdsOf(run(search + "'q={ status = error }' -d lookback=1h"))).containsExactly(failure);
        assertThat(traceIdsOf(run(search + "'q={ name = \"http get /orders/{id}\" }'")))
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(traceIdsOf(run(search + "'q={ span.uri = \"/orders/{id}/fail\" && span.status = \"500\" }'")))
                .containsExactly(failure);
        assertThat(traceIdsOf(run(search + "'q={ event.exception.type =~ \".*PaymentDeclinedException\" }'")))
                .containsExactly(failure);
        JsonNode below = run(search + "'q={ kind = server } >> { status = error }'");
        assertThat(traceIdsOf(below)).containsExactly(failure);
        JsonNode matched = below.get("traces").get(0).get("spansets").get(0).get("spans");
        assertThat(StreamSupport.stream(matched.spliterator(), false).map(span -> span.get("span").get("name").asString()))
                .containsExactly("payment.charge");
        assertThat(traceIdsOf(run(search + "'q={ name = \"order.find\" } > { name = \"inventory.check\" }'")))
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(traceIdsOf(run(search + "'q={ name = \"inventory.check\" } ~ { name = \"pricing.quote\" }'")))
                .containsExactlyInAnyOrderElementsOf(orders);
        assertThat(traceIdsOf(run(search + "'q={ span.order.id = \"42\" } | count() > 1'")))
                .containsExactlyInAnyOrder(orders.get(0), failure);
        JsonNode grouped = run(search + "'q={ status = error } | by(name)'");
        assertThat(traceIdsOf(grouped)).containsExactly(failure);
        JsonNode spansets = grouped.get("traces").get(0).get("spansets");
        assertThat(StreamSupport.stream(spansets.spliterator(), false)
                .map(spanset -> spanset.get("groupedBy").get("name").asString()))
                .containsExactlyInAnyOrder(failingServerSpan(), "payment.charge");
        JsonNode selected = run(search + "'q={ kind = server } | select(span.uri, span.status, duration)'");
        assertThat(traceIdsOf(selected)).containsExactlyInAnyOrder(orders.get(0), orders.get(1), failure);
        assertThat(selected.findValues("selected").stream().map(values -> values.get("span.status").asString()))
                .contains("200", "500");
    }

    /** Every query the README shows is valid, on either convention; the ones above also give their answer. */
    @Test
    void everyReadmeQueryRuns() throws IOException {
        List<String> commands = readmeQueries();
        assertThat(commands).hasSizeGreaterThan(20);
        for (String command : commands) {
            HttpResponse<String> response = http.get(requestPath(command));
            assertThat(response.statusCode()).as(command).isEqualTo(200);
        }
    }

    @Test
    void theSearchPagePlaceholdersFindTheFailure() throws IOException {
        String page = Files.readString(SEARCH_PAGE);
        String query = placeholder(page, "q");
        String attr = placeholder(page, "attr");
        assertThat(traceIdsOf(search("q", query))).containsExactly(failure);
        assertThat(traceIdsOf(search("attr", attr))).containsExactly(failure);
    }

    /** The start page's TraceQL examples run on either convention; those about failures find the failure. */
    @Test
    void theStartPagesTraceQlExamplesRun() throws IOException {
        Matcher examples = Pattern.compile("\\['(\\{[^']*)', '([^']*)'\\]")
                .matcher(Files.readString(START_PAGE_SCRIPT));
        List<String> failing = new ArrayList<>();
        int count = 0;
        while (examples.find()) {
            count++;
            HttpResponse<String> response = http.get("/actuator/traces?q="
                    + URLEncoder.encode(examples.group(1), StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(examples.group(1)).isEqualTo(200);
            if (examples.group(2).contains("fail") || examples.group(2).contains("500")) {
                failing.add(examples.group(1));
                assertThat(traceIdsOf(HttpGet.json(response))).as(examples.group(1)).containsExactly(failure);
            }
        }
        assertThat(count).isBetween(3, 5);
        assertThat(failing).hasSize(3);
    }

    private JsonNode search(String parameter, String value) {
        return HttpGet.json(http.get("/actuator/traces?" + parameter + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    }

    private static String placeholder(String page, String input) {
        Matcher matcher = Pattern.compile("name=\"" + input + "\"[^>]*placeholder=\"([^\"]*)\"").matcher(page);
        assertThat(matcher.find()).as("placeholder of " + input).isTrue();
        return matcher.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }

    /** Runs a curl line that must appear in the README as written. */
    private JsonNode run(String command) {
        try {
            assertThat(readmeQueries()).as("the README shows this query").contains(command);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpResponse<String> response = http.get(requestPath(command));
        assertThat(response.statusCode()).as(command).isEqualTo(200);
        return HttpGet.json(response);
    }

    /** The curl lines of the README that ask /actuator/traces something, without their comments. */
    private static List<String> readmeQueries() throws IOException {
        String readme = Files.readString(README);
        List<String> commands = new ArrayList<>();
        Matcher matcher = CURL.matcher(readme);
        while (matcher.find()) {
            String command = matcher.group().replaceAll("\\s+#.*$", "").strip();
            if (command.contains("/actuator/traces") && !command.contains("<") && !command.contains("format=otlp")
                    && !command.contains("?limit=abc") && !command.contains("servce=")) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** The path and query string curl would send for a README line, with the README's trace IDs made real. */
    private String requestPath(String command) {
        String line = TRACE_ID.matcher(command).replaceAll(failure);
        List<String> tokens = new ArrayList<>();
        Matcher token = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (token.find()) {
            tokens.add(token.group(1) != null ? token.group(1) : token.group(2));
        }
        String url = null;
        StringJoiner query = new StringJoiner("&");
        for (int i = 1; i < tokens.size(); i++) {
            String t = tokens.get(i);
            switch (t) {
                case "-G", "-i" -> { }
                case "-d" -> query.add(tokens.get(++i));
                case "--data-urlencode" -> {
                    String pair = tokens.get(++i);
                    int eq = pair.indexOf('=');
                    query.add(pair.substring(0, eq + 1) + URLEncoder.encode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                default -> url = t;
            }
        }
        assertThat(url).as(command).startsWith("localhost:8080/");
        String path = url.substring("localhost:8080".length());
        return query.length() == 0 ? path : path + (path.contains("?") ? "&" : "?") + query;
    }

    private static List<String> names(JsonNode spans) {
        return StreamSupport.stream(spans.spliterator(), false).map(span -> span.get("name").asString()).toList();
    }

    private static Set<String> traceIds(JsonNode spans) {
        return StreamSupport.stream(spans.spliterator(), false).map(span -> span.get("traceId").asString())
                .collect(Collectors.toSet());
    }

    private static List<String> traceIdsOf(JsonNode answer) {
        return StreamSupport.stream(answer.get("traces").spliterator(), false)
                .map(trace -> trace.get("traceId").asString()).toList();
    }
}
