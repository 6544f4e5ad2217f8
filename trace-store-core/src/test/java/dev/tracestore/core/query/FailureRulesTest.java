package dev.tracestore.core.query;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.tracestore.core.testing.TestSpans.span;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static-resource 404s are not failures unless the rules say so. The favicon span is shaped as a Boot 4.0 WebFlux
 * app records it (checked with a real app): status ERROR, exception=NoResourceFoundException, status=404, and an
 * exception event with the qualified class name.
 */
class FailureRulesTest {

    private static final String REACTIVE_NO_RESOURCE = "org.springframework.web.reactive.resource.NoResourceFoundException";

    private static final StoredSpan WEBFLUX_FAVICON = span(1, 1, 1_000).name("http get /**").kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, "404 NOT_FOUND \"No static resource favicon.ico.\"")
            .attributes(Attributes.builder().put("exception", "NoResourceFoundException").put("method", "GET")
                    .put("http.url", "/favicon.ico").put("uri", "/**").put("outcome", "CLIENT_ERROR")
                    .put("status", "404").build())
            .events(List.of(new SpanEvent("exception", 1_000, Attributes.of(AttributeKey.stringKey("exception.type"),
                    REACTIVE_NO_RESOURCE))))
            .build();

    /** The same exception with another status is not a static-resource miss: it stays a failure. */
    private static final StoredSpan NO_RESOURCE_500 = span(2, 2, 2_000).name("GET /files/{name}").kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, null)
            .attributes(Attributes.builder().put("error.type", REACTIVE_NO_RESOURCE)
                    .put("http.response.status_code", 500L).build())
            .build();

    /** A 404 from another error stays a failure. */
    private static final StoredSpan OTHER_404 = span(3, 3, 3_000).name("http get /orders/{id}").kind(SpanKind.SERVER)
            .status(StatusCode.ERROR, null)
            .attributes(Attributes.builder().put("exception", "OrderNotFoundException").put("status", "404").build())
            .build();

    /** A 404 whose errors include one besides the missing resource stays a failure. */
    private static final StoredSpan NO_RESOURCE_AND_ANOTHER_404 = span(4, 4, 4_000).name("http get /**")
            .kind(SpanKind.SERVER).status(StatusCode.ERROR, null)
            .attributes(Attributes.builder().put("exception", "NoResourceFoundException").put("status", "404").build())
            .events(List.of(new SpanEvent("exception", 4_000, Attributes.of(AttributeKey.stringKey("exception.type"),
                    "java.io.UncheckedIOException"))))
            .build();

    @Test
    void aStaticResource404WithAnotherErrorStaysAFailure() {
        assertThat(Failures.isFailure(NO_RESOURCE_AND_ANOTHER_404)).isTrue();
        assertThat(Failures.hasErrorType(NO_RESOURCE_AND_ANOTHER_404, "UncheckedIOException")).isTrue();
    }

    @Test
    void aStaticResource404IsNoFailureByDefault() {
        assertThat(Failures.isFailure(WEBFLUX_FAVICON)).isFalse();
        assertThat(Failures.hasErrorType(WEBFLUX_FAVICON, "NoResourceFoundException")).isFalse();
        assertThat(Failures.isFailure(NO_RESOURCE_500)).isTrue();
        assertThat(Failures.isFailure(OTHER_404)).isTrue();
        assertThat(FailureRules.countingStaticNotFound().isFailure(WEBFLUX_FAVICON)).isTrue();
        assertThat(FailureRules.countingStaticNotFound().hasErrorType(WEBFLUX_FAVICON, "NoResourceFoundException"))
                .isTrue();
    }

    @Test
    void theStoresRulesDecideFailuresErrorTypesAndTraceErrorCounts() {
        InMemorySpanStore byDefault = storeOf(FailureRules.DEFAULT);
        InMemorySpanStore counting = storeOf(FailureRules.countingStaticNotFound());

        assertThat(names(byDefault, Map.of("failed", List.of("true"))))
                .containsExactlyInAnyOrder("GET /files/{name}", "http get /orders/{id}");
        assertThat(names(counting, Map.of("failed", List.of("true")))).hasSize(3);
        assertThat(names(byDefault, Map.of("errorType", List.of("NoResourceFoundException"))))
                .containsExactly("GET /files/{name}");
        assertThat(names(counting, Map.of("errorType", List.of("NoResourceFoundException")))).hasSize(2);
        // the status code stays the status code
        assertThat(names(byDefault, Map.of("status", List.of("error")))).hasSize(3);
        assertThat(byDefault.findTraces(SpanQuery.builder().build()).stream().mapToInt(TraceSummary::errorCount).sum())
                .isEqualTo(2);
        assertThat(counting.findTraces(SpanQuery.builder().build()).stream().mapToInt(TraceSummary::errorCount).sum())
                .isEqualTo(3);
        for (FailureRules rules : List.of(FailureRules.DEFAULT, FailureRules.countingStaticNotFound())) {
            SpanQuery failed = SpanQuery.builder().failedOnly(true).build();
            assertThat(storeOf(rules).findSpans(failed)).containsExactlyInAnyOrderElementsOf(
                    List.of(WEBFLUX_FAVICON, NO_RESOURCE_500, OTHER_404).stream()
                            .filter(SpanPredicate.of(failed, Instant.now(), rules)).toList());
        }
    }

    private static InMemorySpanStore storeOf(FailureRules rules) {
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(10).failureRules(rules).build();
        List.of(WEBFLUX_FAVICON, NO_RESOURCE_500, OTHER_404).forEach(store::add);
        return store;
    }

    private static List<String> names(InMemorySpanStore store, Map<String, List<String>> parameters) {
        return store.findSpans(QueryParameters.parse(parameters)).stream().map(StoredSpan::name).toList();
    }
}
