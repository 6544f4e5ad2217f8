package dev.tracestore.core.otel;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The spans inside an excluded span are left out with it, though they end first and carry no path: server spans
 * are made as Micrometer makes them (no name and no attributes until they end), the inner spans as Spring
 * Security's observations make them (no path at all).
 */
class ExcludedSubtreesTest {

    @TempDir
    Path directory;

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private FileBasedSpanProcessor processor(InMemorySpanStore store) {
        return FileBasedSpanProcessor.builder(store).directory(directory)
                .exclude(SpanExclusions.of(List.of("/actuator/**"))).build();
    }

    private Tracer tracer(FileBasedSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("test");
    }

    /** A request as Micrometer and Spring Security trace it; {@code tail} ends after the server span. */
    private static Span request(Tracer tracer, String path, Context parent, boolean tail) {
        Span server = tracer.spanBuilder("http.server.requests").setParent(parent).setSpanKind(SpanKind.SERVER)
                .startSpan();
        Context inServer = parent.with(server);
        Span chain = tracer.spanBuilder("security filterchain before").setParent(inServer).startSpan();
        tracer.spanBuilder("authorize request").setParent(parent.with(chain)).startSpan().end();
        chain.end();
        tracer.spanBuilder("secured request").setParent(inServer).startSpan().end();
        Span later = tracer.spanBuilder("async tail").setParent(inServer).startSpan();
        if (!tail) {
            later.end();
        }
        server.setAttribute("uri", path);
        server.updateName("http get " + path);
        server.end();
        if (tail) {
            later.end();
        }
        return server;
    }

    private static List<String> storedNames(InMemorySpanStore store) {
        return store.findSpans(SpanQuery.builder().limit(1_000).build()).stream().map(StoredSpan::name).toList();
    }

    @Test
    void theSpansInsideAnExcludedRequestAreLeftOutWithItInTheStoreAndTheFiles() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = processor(store);
        Tracer tracer = tracer(processor);

        request(tracer, "/actuator/traces", Context.root(), false);
        request(tracer, "/orders/{id}", Context.root(), false);
        request(tracer, "/actuator/health", Context.root(), true);
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        List<String> kept = List.of("authorize request", "security filterchain before", "secured request",
                "async tail", "http get /orders/{id}");
        assertThat(storedNames(store)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(processor.excludedSpanCount()).as("two requests of five spans").isEqualTo(10);
        List<String> inFiles = new ArrayList<>();
        SpanLog.read(directory, span -> inFiles.add(span.name()));
        assertThat(inFiles).containsExactlyInAnyOrderElementsOf(kept);
    }

    @Test
    void aRequestWithARemoteParentIsDecidedByItsOwnServerSpan() {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = processor(store);
        Tracer tracer = tracer(processor);
        Context remote = Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
                "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
                TraceState.getDefault())));

        request(tracer, "/actuator/health", remote, false);
        request(tracer, "/orders/{id}", remote, false);
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        assertThat(storedNames(store)).hasSize(5).contains("http get /orders/{id}");
    }

    @Test
    void spansWhoseLocalRootHasNotEndedWaitAndAreStoredAtShutdownAndCounted() {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = processor(store);
        Tracer tracer = tracer(processor);
        Span running = tracer.spanBuilder("http.server.requests").setSpanKind(SpanKind.SERVER).startSpan();
        tracer.spanBuilder("secured request").setParent(Context.root().with(running)).startSpan().end();

        await().atMost(Duration.ofSeconds(10)).until(() -> !processor.isReloading());
        assertThat(processor.awaitIngest(Duration.ofSeconds(10))).isTrue();
        assertThat(storedNames(store)).as("it waits for its request's verdict").isEmpty();

        assertThat(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(storedNames(store)).containsExactly("secured request");
        assertThat(processor.undecidedExclusionCount()).isEqualTo(1);
    }

    @Test
    void atMostSoManySpansWaitTheOldestAreStoredUndecided() {
        int waiting = ExcludedSubtrees.MAX_HELD + 100;
        InMemorySpanStore store = new InMemorySpanStore(waiting);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).queueCapacity(waiting)
                .exclude(SpanExclusions.of(List.of("/actuator/**"))).build();
        Tracer tracer = tracer(processor);
        Span running = tracer.spanBuilder("http.server.requests").setSpanKind(SpanKind.SERVER).startSpan();
        Context inRequest = Context.root().with(running);
        for (int i = 0; i < waiting; i++) {
            tracer.spanBuilder("step").setParent(inRequest).startSpan().end();
        }

        assertThat(processor.awaitIngest(Duration.ofSeconds(10))).isTrue();
        // the one beyond the limit lets through the oldest with its siblings: all then waiting; 99 wait again
        assertThat(store.size()).isEqualTo(ExcludedSubtrees.MAX_HELD + 1);
        assertThat(processor.undecidedExclusionCount()).isEqualTo(ExcludedSubtrees.MAX_HELD + 1);
        assertThat(processor.droppedSpanCount()).isZero();
    }
}
