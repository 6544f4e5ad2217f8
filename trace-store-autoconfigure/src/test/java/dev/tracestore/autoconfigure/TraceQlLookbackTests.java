package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /actuator/traces?q=...&lookback=...} counts the look-back from the store's clock, as the parameter
 * search does: a store whose clock is years behind the system's still answers its last hour.
 */
class TraceQlLookbackTests {

    private static final Instant NOW = Instant.ofEpochSecond(0, TestSpans.START).plus(Duration.ofHours(2));

    private final InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(100)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    private final ActuatorCalls calls = new ActuatorCalls(new TracesEndpoint(store));

    @Test
    void aLookbackWithQCountsBackFromTheStoresClock() {
        store.add(span("0af7651916cd43dd8448eb211c80319c", NOW.minus(Duration.ofMinutes(30))));
        store.add(span("1af7651916cd43dd8448eb211c80319c", NOW.minus(Duration.ofMinutes(90))));

        WebEndpointResponse<?> lastHour = calls.search("q", "{ }", "lookback", "1h");
        WebEndpointResponse<?> parameters = calls.search("lookback", "1h");

        assertThat(lastHour.getStatus()).isEqualTo(200);
        assertThat(((TraceQlDescriptor) lastHour.getBody()).traces()).extracting(TraceQlDescriptor.Trace::traceId)
                .containsExactly("0af7651916cd43dd8448eb211c80319c");
        assertThat(parameters.getStatus()).isEqualTo(200);
        assertThat(((TracesDescriptor) parameters.getBody()).traces()).extracting(TracesDescriptor.Summary::traceId)
                .containsExactly("0af7651916cd43dd8448eb211c80319c");
    }

    private static StoredSpan span(String traceId, Instant start) {
        long nanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        return StoredSpan.builder().traceId(traceId).spanId("00f067aa0ba902b7").name("GET /orders")
                .startEpochNanos(nanos).endEpochNanos(nanos + 1_000_000).build();
    }
}
