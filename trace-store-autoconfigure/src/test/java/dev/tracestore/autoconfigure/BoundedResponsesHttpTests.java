package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.SpanStore;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tracestore.response.max-spans} and {@code max-bytes} over real HTTP: a trace or a search larger than an
 * answer holds answers its first spans, marked {@code truncated} with how to read the rest; OTLP, which has no
 * place for the mark, answers 400 instead.
 */
class BoundedResponsesHttpTests {

    private static final String MANY = "0000000000000000000000000000aaaa";
    private static final String HEAVY = "0000000000000000000000000000bbbb";
    private static final String SMALL = "0000000000000000000000000000cccc";
    private static final long START = 1_735_725_600_000_000_000L;
    private static final String FOUR_KB = "x".repeat(4096);

    @TempDir
    static Path directory;

    private static ConfigurableApplicationContext context;
    private static LocalHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        context = LocalHttp.startServlet(App.class, directory, "tracestore.response.max-spans=50",
                "tracestore.response.max-bytes=1MB");
        http = new LocalHttp(context);
        SpanStore store = context.getBean(SpanStore.class);
        for (int i = 0; i < 120; i++) {
            store.add(span(MANY, i, Attributes.empty()));
        }
        // 30 spans of 64 attributes of 4 KB: about 8 MB as JSON.
        AttributesBuilder heavy = Attributes.builder();
        for (int a = 0; a < 64; a++) {
            heavy.put("payload." + a, FOUR_KB);
        }
        for (int i = 0; i < 30; i++) {
            store.add(span(HEAVY, i, heavy.build()));
        }
        for (int i = 0; i < 3; i++) {
            store.add(span(SMALL, i, Attributes.empty()));
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static StoredSpan span(String traceId, int i, Attributes attributes) {
        return StoredSpan.builder().traceId(traceId).spanId(String.format("%016x", i + 1)).name("work " + i)
                .kind(SpanKind.INTERNAL).startEpochNanos(START + i * 1_000L).endEpochNanos(START + i * 1_000L + 500)
                .attributes(attributes).build();
    }

    @Test
    void aTraceWithMoreSpansThanAnAnswerHoldsAnswersItsEarliestAndSaysHowManyAreLeftOut() {
        HttpResponse<String> response = http.get("/actuator/traces/" + MANY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = json.readTree(response.body());
        assertThat(trace.get("spans")).hasSize(50);
        assertThat(trace.get("spans").get(0).get("name").asString()).isEqualTo("work 0");
        assertThat(trace.get("spans").get(49).get("name").asString()).isEqualTo("work 49");
        assertThat(trace.get("truncated").asBoolean()).isTrue();
        assertThat(trace.get("omittedSpans").asInt()).isEqualTo(70);
        assertThat(trace.get("truncation").asString()).contains("tracestore.response.max-spans (50)",
                "view=spans&order=oldest", "traceId=" + MANY, "from=");
    }

    @Test
    void aTraceOverTheByteLimitIsCutNearIt() {
        HttpResponse<String> response = http.get("/actuator/traces/" + HEAVY);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode trace = json.readTree(response.body());
        int kept = trace.get("spans").size();
        assertThat(kept).isBetween(1, 29);
        assertThat(trace.get("omittedSpans").asInt()).isEqualTo(30 - kept);
        assertThat(trace.get("truncation").asString()).contains("tracestore.response.max-bytes");
        assertThat(response.body().length()).isBetween(700_000, 1_100_000);
    }

    @Test
    void aWholeTraceHasNoTruncationFields() {
        JsonNode trace = json.readTree(http.get("/actuator/traces/" + SMALL).body());
        assertThat(trace.get("spans")).hasSize(3);
        assertThat(trace.propertyNames()).containsExactly("traceId", "spans");
    }

    @Test
    void searchesAndFailuresAreCutTooButNotBelowTheirOwnLimit() {
        JsonNode cut = json.readTree(http.get("/actuator/traces?view=spans&limit=80&traceId=" + MANY).body());
        assertThat(cut.get("spans")).hasSize(50);
        assertThat(cut.get("truncated").asBoolean()).isTrue();
        assertThat(cut.get("truncation").asString()).contains("max-spans (50)", "narrow the query");

        JsonNode heavy = json.readTree(http.get("/actuator/traces?view=spans&traceId=" + HEAVY).body());
        assertThat(heavy.get("spans").size()).isBetween(1, 29);
        assertThat(heavy.get("truncation").asString()).contains("max-bytes");

        JsonNode whole = json.readTree(http.get("/actuator/traces?view=spans&limit=50&traceId=" + MANY).body());
        assertThat(whole.get("spans")).hasSize(50);
        assertThat(whole.propertyNames()).containsExactly("spans", "partial", "reloading");
    }

    @Test
    void otlpOfATraceTooLargeForOneAnswerIsABadRequestThatSaysWhatToDo() {
        HttpResponse<String> response = http.get("/actuator/traces/" + MANY + "?format=otlp");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("message").asString()).contains("120 spans",
                "format=otlp answers whole traces only", "view=spans");
        List<String> ids = new ArrayList<>();
        json.readTree(http.get("/actuator/traces/" + SMALL + "?format=otlp").body()).get("resourceSpans").get(0)
                .get("scopeSpans").get(0).get("spans").forEach(span -> ids.add(span.get("spanId").asString()));
        assertThat(ids).hasSize(3);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
