package dev.tracestore.autoconfigure;

import dev.tracestore.core.log.OtlpJsonReader;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeTypeUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the {@code traces} endpoint answers with: {@code format} and the {@code Accept} header. */
class TracesFormatTests {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
            + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    private static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";

    private final InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(100).build();
    private final ActuatorCalls calls = new ActuatorCalls(new TracesEndpoint(store));

    @Test
    void formatOtlpAnswersTheWholeTraceAsOneOtlpJsonDocument() throws IOException {
        store.add(TestSpans.child());
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = calls.trace(TestSpans.TRACE_ID, "format", "otlp");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
        String json = new String((byte[]) response.getBody(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"resourceSpans\":[").doesNotContain("\n");
        assertThat(new OtlpJsonReader().read(json)).containsExactlyInAnyOrder(TestSpans.root(), TestSpans.child());
    }

    @Test
    void formatOtlpOfAnUnknownTraceIsNotFound() {
        WebEndpointResponse<?> response = calls.trace(TestSpans.TRACE_ID, "format", "otlp");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getBody()).isInstanceOf(TracesErrorDescriptor.class);
    }

    @Test
    void jsonIsTheDefaultForClientsThatAcceptAnything() {
        store.add(TestSpans.root());

        assertThat(calls.trace(TestSpans.TRACE_ID).getContentType()).hasToString(ACTUATOR_JSON);
        assertThat(ActuatorCalls.json(calls.trace(TestSpans.TRACE_ID)).get("traceId").asString()).isEqualTo(TestSpans.TRACE_ID);
        assertThat(calls.traceAccepting("application/json", TestSpans.TRACE_ID).getContentType())
                .isEqualTo(MimeTypeUtils.APPLICATION_JSON);
        assertThat(calls.traceAccepting("application/vnd.spring-boot.actuator.v2+json", TestSpans.TRACE_ID)
                .getContentType()).hasToString("application/vnd.spring-boot.actuator.v2+json");
        assertThat(calls.search().getContentType()).hasToString(ACTUATOR_JSON);
        assertThat(calls.trace("failures").getContentType()).hasToString(ACTUATOR_JSON);
    }

    @Test
    void aBrowserGetsTheWaterfallPageOfATrace() {
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = calls.traceAccepting(BROWSER, TestSpans.TRACE_ID);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).hasToString("text/html;charset=UTF-8");
        assertThat(page(response)).contains("<body data-page=\"trace\">");
        assertThat(calls.trace(TestSpans.TRACE_ID, "format", "html").getBody()).isEqualTo(response.getBody());
    }

    @Test
    void aBrowserGetsTheSearchPage() {
        WebEndpointResponse<?> response = calls.searchAccepting(BROWSER, "service", "orders");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(page(response)).contains("<body data-page=\"search\">");
        assertThat(calls.search("format", "html").getBody()).isEqualTo(response.getBody());
    }

    @Test
    void formatJsonGivesJsonToABrowser() {
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = calls.traceAccepting(BROWSER, TestSpans.TRACE_ID, "format", "json");

        assertThat(ActuatorCalls.json(response).get("traceId").asString()).isEqualTo(TestSpans.TRACE_ID);
        assertThat(response.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON);
    }

    @Test
    void aBrowserGetsErrorsAndFailuresAsPlainJson() {
        WebEndpointResponse<?> unknown = calls.traceAccepting(BROWSER, TestSpans.TRACE_ID);
        WebEndpointResponse<?> malformed = calls.traceAccepting(BROWSER, "nope");
        WebEndpointResponse<?> badQuery = calls.searchAccepting(BROWSER, "limit", "abc");
        WebEndpointResponse<?> unknownParameter = calls.searchAccepting(BROWSER, "servce", "orders");
        WebEndpointResponse<?> failures = calls.traceAccepting(BROWSER, "failures");

        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(badQuery.getStatus()).isEqualTo(400);
        assertThat(unknownParameter.getStatus()).isEqualTo(400);
        assertThat(failures.getStatus()).isEqualTo(200);
        assertThat(ActuatorCalls.json(failures).get("spans").isArray()).isTrue();
        assertThat(List.of(unknown, malformed, badQuery, unknownParameter, failures))
                .allSatisfy(response -> assertThat(response.getContentType()).isEqualTo(MimeTypeUtils.APPLICATION_JSON));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            trace  | xml  | format must be one of json, otlp, html at /actuator/traces/{traceId}, but was 'xml'
            search | otlp | format=otlp is not offered by /actuator/traces, which answers with json, html
            search | pdf  | format must be one of json, html at /actuator/traces, but was 'pdf'
            failures | html | format=html is not offered by /actuator/traces/failures, which answers with json
            """)
    void anUnknownOrMisplacedFormatIsABadRequestNamingFormat(String request, String format, String message) {
        store.add(TestSpans.root());
        WebEndpointResponse<?> response = switch (request) {
            case "trace" -> calls.trace(TestSpans.TRACE_ID, "format", format);
            case "failures" -> calls.trace("failures", "format", format);
            default -> calls.search("format", format);
        };

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getBody()).isEqualTo(new TracesErrorDescriptor("Bad Request", "format", message));
    }

    @Test
    void formatIsGivenOnceAndReadWithoutCaseOrSpaces() {
        store.add(TestSpans.root());

        assertThat(calls.trace(TestSpans.TRACE_ID, "format", "json", "format", "otlp").getBody())
                .isEqualTo(new TracesErrorDescriptor("Bad Request", "format", "format may be given once, but was given 2 times"));
        assertThat(calls.trace(TestSpans.TRACE_ID, "format", " OTLP ").getBody()).isInstanceOf(byte[].class);
    }

    @Test
    void theAcceptTypeIsNoQueryParameter() {
        WebEndpointResponse<?> response = calls.search("accepted", "HTML");

        assertThat(response.getStatus()).isEqualTo(400);
        TracesErrorDescriptor error = (TracesErrorDescriptor) response.getBody();
        assertThat(error.parameter()).isEqualTo("accepted");
        assertThat(error.message()).startsWith("accepted is not a parameter of this request; the parameters are ");
        assertThat(error.message().substring(error.message().indexOf("the parameters are"))).contains("format")
                .doesNotContain("accepted");
    }

    @Test
    void thePageAllowsOnlyItsOwnScriptAndStyleFilesAndConnectsOnlyToItsOrigin() {
        String page = page(calls.search("format", "html"));

        Matcher policy = Pattern.compile("http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\"").matcher(page);
        assertThat(policy.find()).isTrue();
        assertThat(policy.group(1)).startsWith("default-src 'none'; ")
                .contains("script-src 'self';", "style-src 'self';", "connect-src 'self'")
                .doesNotContain("unsafe");
        String assets = "traces/assets/" + TracesAssets.load().version() + "/";
        assertThat(page).contains("<script type=\"module\" src=\"" + assets + "main.js\"></script>",
                        "<link rel=\"stylesheet\" href=\"" + assets + "explorer.css\">")
                .doesNotContain("{{").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<style").doesNotContain(" style=").doesNotContain("<script>");
    }

    private static String page(WebEndpointResponse<?> response) {
        return new String((byte[]) response.getBody(), StandardCharsets.UTF_8);
    }
}
