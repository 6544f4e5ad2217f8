package dev.tracestore.autoconfigure;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Pins the documented JSON field names and value types of a span. */
class TraceDescriptorJsonTests {

    // As Actuator's endpoint mapper writes it: null fields left out.
    private final JsonMapper mapper = JsonMapper.builder().changeDefaultPropertyInclusion(
            inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)).build();

    @Test
    void writesEveryDocumentedFieldWithItsJsonType() {
        JsonNode trace = mapper.valueToTree(TraceDescriptor.of(TestSpans.TRACE_ID,
                List.of(SpanDescriptor.of(TestSpans.root())), Truncation.NONE));

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
}
