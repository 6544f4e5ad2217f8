package dev.tracestore.core.model;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredSpanTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "4bf92f3577b34da6a3ce929d0e0e473", "4BF92F3577B34DA6A3CE929D0E0E4736",
            "4bf92f3577b34da6a3ce929d0e0e473g", "00000000000000000000000000000000", "4bf92f3577b34da6a3ce929d0e0e47361"})
    void malformedTraceIdIsRejectedNamingTheField(String traceId) {
        assertThatThrownBy(() -> span(1, 1, 0).traceId(traceId).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("traceId must be 32 lowercase hex characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00f067aa0ba902b", "00F067AA0BA902B7", "0000000000000000", "00f067aa0ba902bz"})
    void malformedSpanAndParentIdsAreRejectedNamingTheField(String id) {
        assertThatThrownBy(() -> span(1, 1, 0).spanId(id).build()).hasMessageStartingWith("spanId must be");
        assertThatThrownBy(() -> span(1, 1, 0).parentSpanId(id).build()).hasMessageStartingWith("parentSpanId must be");
    }

    @Test
    void nullTraceIdIsRejected() {
        assertThatThrownBy(() -> span(1, 1, 0).traceId(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traceId").hasMessageContaining("null");
    }

    @Test
    void endBeforeStartIsRejected() {
        assertThatThrownBy(() -> span(1, 1, 100).endEpochNanos(99).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endEpochNanos");
    }

    @Test
    void derivesDurationServiceRootAndInstantsAndIsImmutable() {
        List<SpanEvent> events = new ArrayList<>(List.of(new SpanEvent("e", 5, Attributes.empty())));
        StoredSpan stored = span(1, 1, 1_700_000_000_123_456_789L)
                .endEpochNanos(1_700_000_000_223_456_789L)
                .status(StatusCode.ERROR, null)
                .events(events)
                .resource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "orders")))
                .build();
        events.clear();

        assertThat(stored.durationNanos()).isEqualTo(100_000_000L);
        assertThat(stored.serviceName()).isEqualTo("orders");
        assertThat(stored.isRoot()).isTrue();
        assertThat(stored.statusMessage()).isEmpty();
        assertThat(stored.startTime()).isEqualTo(Instant.parse("2023-11-14T22:13:20.123456789Z"));
        assertThat(stored.events()).hasSize(1);
        assertThat(span(1, 2, 0).parentSpanId("00f067aa0ba902b7").resource(Resource.empty()).build())
                .satisfies(s -> assertThat(s.isRoot()).isFalse())
                .satisfies(s -> assertThat(s.serviceName()).isEmpty());
    }

    @Test
    void linksValidateTheirIds() {
        assertThatThrownBy(() -> new SpanLink("abc", "00f067aa0ba902b7", Attributes.empty()))
                .hasMessageStartingWith("link.traceId");
        assertThatThrownBy(() -> new SpanLink("4bf92f3577b34da6a3ce929d0e0e4736", "abc", Attributes.empty()))
                .hasMessageStartingWith("link.spanId");
    }
}
