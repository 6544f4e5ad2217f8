package dev.tracestore.autoconfigure;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the documented JSON field names and value types of a span and of the answers that hold spans. */
class SpansJsonTests {

    // As Actuator's endpoint mapper writes it: null fields left out.
    private final JsonMapper mapper = JsonMapper.builder().changeDefaultPropertyInclusion(
            inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)).build();

    @Test
    void writesEveryDocumentedFieldWithItsJsonType() {
        JsonNode trace = mapper.readTree(SpansJson.trace(TestSpans.TRACE_ID, List.of(TestSpans.root()),
                Truncation.NONE));

        assertThat(trace.propertyNames()).containsExactly("traceId", "spans");
        JsonNode span = trace.get("spans").get(0);
        assertThat(span.propertyNames()).containsExactly("traceId", "spanId", "parentSpanId", "name", "kind",
                "service", "startTime", "endTime", "durationNanos", "status", "attributes", "events", "links",
                "resource", "scope");
        assertThat(span.get("kind").asString()).isEqualTo("SERVER");
        assertThat(span.get("service").asString()).isEqualTo("orders");
        assertThat(span.get("startTime").asString()).isEqualTo("2025-01-01T10:00:00.123456789Z");
        assertThat(span.get("endTime").asString()).isEqualTo("2025-01-01T10:00:00.128456790Z");
        assertThat(span.get("durationNanos").asLong()).isEqualTo(5_000_001L);
        assertThat(span.get("status").toString()).isEqualTo("{\"code\":\"ERROR\",\"message\":\"boom\"}");
        assertThat(span.get("attributes").toString()).isEqualTo("{\"http.response.status_code\":500,"
                + "\"http.route\":\"/orders/{id}\",\"load\":0.5,\"retry\":false,\"sizes\":[1,2],\"tags\":[\"a\",\"b\"]}");
        assertThat(span.get("events").toString()).isEqualTo("[{\"name\":\"exception\","
                + "\"time\":\"2025-01-01T10:00:00.123456790Z\","
                + "\"attributes\":{\"exception.type\":\"java.lang.IllegalStateException\"}}]");
        assertThat(span.get("links").toString()).isEqualTo("[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
                + "\"spanId\":\"b7ad6b7169203331\",\"attributes\":{\"link.kind\":\"retry\"}}]");
        assertThat(span.get("resource").toString()).isEqualTo("{\"service.name\":\"orders\"}");
        assertThat(span.get("scope").toString()).isEqualTo("{\"name\":\"org.springframework.boot\",\"version\":\"4.0.7\"}");
    }

    // TraceQL answers write their spans through SpanDescriptor and Actuator's mapper: the same JSON.
    @Test
    void writesASpanAsActuatorsMapperWritesItsDescriptor() {
        StoredSpan unversioned = StoredSpan.builder().traceId(TestSpans.TRACE_ID).spanId(TestSpans.CHILD_ID)
                .name("naïve \"quoted\" \u2028 name").startEpochNanos(TestSpans.START).endEpochNanos(TestSpans.START)
                .attributes(Attributes.builder().put("ratio", 1e-7).put("nan", Double.NaN)
                        .put(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                        .put(AttributeKey.doubleArrayKey("weights"), List.of(0.1, 2.0)).build())
                .scope(InstrumentationScopeInfo.create("no.version")).build();
        for (StoredSpan span : List.of(TestSpans.root(), TestSpans.child(), unversioned)) {
            JsonNode streamed = mapper.readTree(SpansJson.trace(span.traceId(), List.of(span), Truncation.NONE))
                    .get("spans").get(0);

            assertThat(streamed).isEqualTo(mapper.readTree(mapper.writeValueAsBytes(SpanDescriptor.of(span))));
        }
    }

    @Test
    void saysWhatWasCutAndLeavesOutWhatIsNotSo() {
        SpanBudget budget = new SpanBudget(1, Long.MAX_VALUE, "the query ran longer than the query timeout");
        budget.add(TestSpans.root());
        budget.add(TestSpans.child());
        Truncation truncation = Truncation.of(budget, 1, "read the rest");

        JsonNode trace = mapper.readTree(SpansJson.trace(TestSpans.TRACE_ID, budget.spans(), truncation));
        JsonNode spans = mapper.readTree(SpansJson.spans(budget, truncation, true));
        JsonNode whole = mapper.readTree(SpansJson.spans(new SpanBudget(1, 1, null), Truncation.NONE, false));

        assertThat(trace.propertyNames()).containsExactly("traceId", "spans", "truncated", "omittedSpans",
                "truncation");
        assertThat(trace.get("truncation").asString())
                .isEqualTo("cut at tracestore.response.max-spans (1) after 1 spans: read the rest");
        assertThat(trace.get("omittedSpans").asInt()).isEqualTo(1);
        assertThat(spans.propertyNames()).containsExactly("spans", "partial", "partialReason", "truncated",
                "omittedSpans", "truncation", "reloading");
        assertThat(spans.get("partial").asBoolean()).isTrue();
        assertThat(spans.get("reloading").asBoolean()).isTrue();
        assertThat(whole.toString()).isEqualTo("{\"spans\":[],\"partial\":false,\"reloading\":false}");
    }
}
