package dev.tracestore.autoconfigure;

import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class TracesEndpointTests {

    private final SpanStore store = new InMemorySpanStore(10);
    private final TracesEndpoint endpoint = new TracesEndpoint(store);

    @Test
    void returnsTheSpansOfATraceInStartOrder() {
        store.add(TestSpans.child());
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = endpoint.trace(TestSpans.TRACE_ID);

        assertThat(response.getStatus()).isEqualTo(200);
        TraceDescriptor trace = (TraceDescriptor) response.getBody();
        assertThat(trace.traceId()).isEqualTo(TestSpans.TRACE_ID);
        assertThat(trace.spans()).extracting(SpanDescriptor::spanId, SpanDescriptor::parentSpanId)
                .containsExactly(tuple(TestSpans.ROOT_ID, ""),
                        tuple(TestSpans.CHILD_ID, TestSpans.ROOT_ID));
    }

    @Test
    void answersNotFoundForAnUnknownTrace() {
        store.add(TestSpans.root());

        WebEndpointResponse<?> response = endpoint.trace("0af7651916cd43dd8448eb211c80319c");

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo(new TracesErrorDescriptor("Not Found",
                "no stored spans for trace 0af7651916cd43dd8448eb211c80319c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4BF92F3577B34DA6A3CE929D0E0E4736", "00000000000000000000000000000000",
            "4bf92f3577b34da6a3ce929d0e0e47360"})
    void answersBadRequestNamingTraceIdForAMalformedId(String traceId) {
        WebEndpointResponse<?> response = endpoint.trace(traceId);

        assertThat(response.getStatus()).isEqualTo(400);
        TracesErrorDescriptor error = (TracesErrorDescriptor) response.getBody();
        assertThat(error.error()).isEqualTo("Bad Request");
        assertThat(error.message()).startsWith("traceId must be 32 lowercase hex characters");
    }

    @Test
    void requiresAStore() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TracesEndpoint(null)).withMessageContaining("store");
    }
}
