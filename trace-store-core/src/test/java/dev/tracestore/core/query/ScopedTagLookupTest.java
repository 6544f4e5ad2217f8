package dev.tracestore.core.query;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.traceql.MatchedTrace;
import dev.tracestore.core.traceql.TraceQlQuery;
import dev.tracestore.core.traceql.TraceQlResult;
import dev.tracestore.core.traceql.TraceQlSearch;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tag-lookup categories of Jaeger's storage integration tests ({@code internal/storage/integration}, the
 * "Tags in one spot - Tags / Logs / Process", "Tags in different spots", "Scope Name and Version", "Scope
 * Attributes" and "Link Attributes" queries), answered by our scoped {@code attr=} forms and their TraceQL
 * equivalents. Jaeger looks a tag up wherever it is; we say where: {@code span.}, {@code resource.} (Jaeger's
 * process), {@code event.} (its logs), {@code instrumentation.} (scope) and {@code link.}. Our own spans, made with
 * the OpenTelemetry SDK: one trace per category, each holding the same four tags, one of each type (string, long,
 * double, boolean), in that category's place; a fifth trace has one tag in each of four places. A tag is found
 * only through its own place: a tag of an event is not found by {@code span.}.
 */
class ScopedTagLookupTest {

    private static final Attributes TAGS = Attributes.builder()
            .put("order.channel", "web")
            .put("order.items", 3L)
            .put("order.total", 19.5)
            .put("order.gift", true)
            .build();
    private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("dev.tracestore.checkout")
            .setVersion("2.1.0").build();

    @TempDir
    static Path directory;

    private static InMemorySpanStore store;

    @BeforeAll
    static void recordOneTracePerPlace() {
        store = new InMemorySpanStore(1_000);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();

        SpanContext spanTags = record(processor, "span-tags", Attributes.empty(), Attributes.empty(), tracer ->
                tracer.spanBuilder("place order").setSpanKind(SpanKind.SERVER).setAllAttributes(TAGS).startSpan());
        record(processor, "event-tags", Attributes.empty(), Attributes.empty(), tracer -> {
            Span span = tracer.spanBuilder("place order").setSpanKind(SpanKind.SERVER).startSpan();
            span.addEvent("validated");
            span.addEvent("priced", TAGS);
            return span;
        });
        record(processor, "resource-tags", TAGS, Attributes.empty(), tracer ->
                tracer.spanBuilder("place order").setSpanKind(SpanKind.SERVER).startSpan());
        record(processor, "scope-tags", Attributes.empty(), TAGS, tracer ->
                tracer.spanBuilder("place order").setSpanKind(SpanKind.SERVER).startSpan());
        record(processor, "link-tags", Attributes.empty(), Attributes.empty(), tracer ->
                tracer.spanBuilder("ship order").setSpanKind(SpanKind.CONSUMER)
                        .addLink(spanTags, Attributes.of(AttributeKey.stringKey("link.reason"), "batched"))
                        .addLink(spanTags, TAGS).startSpan());
        record(processor, "mixed-tags", Attributes.of(AttributeKey.longKey("order.items"), 3L), Attributes.empty(),
                tracer -> {
                    Span span = tracer.spanBuilder("place order").setSpanKind(SpanKind.SERVER)
                            .setAttribute("order.channel", "web")
                            .addLink(spanTags, Attributes.of(AttributeKey.booleanKey("order.gift"), true))
                            .startSpan();
                    span.addEvent("priced", Attributes.of(AttributeKey.doubleKey("order.total"), 19.5));
                    return span;
                });

        assertThat(processor.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(store.size()).isEqualTo(6);
    }

    @Test
    void tagsInOneSpotAreFoundThroughTheirPlace() {
        assertThat(services(all("span"))).containsExactly("span-tags");
        assertThat(services(all("event"))).containsExactly("event-tags");
        assertThat(services(all("resource"))).containsExactly("resource-tags");
        assertThat(services(all("instrumentation"))).containsExactly("scope-tags");
        assertThat(services(all("link"))).containsExactly("link-tags");
    }

    @Test
    void aTagIsNotFoundThroughAnotherPlace() {
        assertThat(services("span.order.channel=web")).as("not the event's, resource's, scope's or link's tag")
                .containsExactlyInAnyOrder("span-tags", "mixed-tags");
        assertThat(services("event.order.total=19.5")).containsExactlyInAnyOrder("event-tags", "mixed-tags");
        assertThat(services("resource.order.items=3")).containsExactlyInAnyOrder("resource-tags", "mixed-tags");
        assertThat(services("instrumentation.order.channel=web")).containsExactly("scope-tags");
        assertThat(services("link.order.gift=true")).containsExactlyInAnyOrder("link-tags", "mixed-tags");
        assertThat(services("order.channel=web")).as("unscoped: the span's attributes, then its resource's")
                .containsExactlyInAnyOrder("span-tags", "mixed-tags", "resource-tags");
    }

    @Test
    void tagsInDifferentSpotsAreFoundWithOnePrefixEach() {
        assertThat(services("span.order.channel=web", "resource.order.items=3", "event.order.total=19.5",
                "link.order.gift=true")).containsExactly("mixed-tags");
        assertThat(services("span.order.channel=web", "span.order.items=3")).as("items is on the resource there")
                .containsExactly("span-tags");
    }

    @Test
    void typedValuesMatchByValueAndAQuotedOneMatchesStringsOnly() {
        assertThat(services("span.order.items=3", "span.order.total>19", "span.order.gift=true"))
                .containsExactly("span-tags");
        assertThat(services("span.order.items=\"3\"")).isEmpty();
        assertThat(services("span.order.channel=\"web\"")).containsExactlyInAnyOrder("span-tags", "mixed-tags");
        assertThat(services("event.order.gift=false")).isEmpty();
    }

    @Test
    void scopeNameAndVersion() {
        assertThat(services("instrumentation.name=dev.tracestore.checkout", "instrumentation.version=2.1.0"))
                .containsExactlyInAnyOrder("span-tags", "event-tags", "resource-tags", "link-tags", "mixed-tags");
        assertThat(services("instrumentation.name=dev.tracestore.checkout.scoped", "instrumentation.version=2.1.0"))
                .containsExactly("scope-tags");
    }

    @Test
    void traceQlFindsTheSameTraces() {
        assertThat(traceQl("span")).containsExactly("span-tags");
        assertThat(traceQl("event")).containsExactly("event-tags");
        assertThat(traceQl("resource")).containsExactly("resource-tags");
        assertThat(traceQl("instrumentation")).containsExactly("scope-tags");
        assertThat(traceQl("link")).containsExactly("link-tags");
        assertThat(traceQl("{ span.order.channel = \"web\" && resource.order.items = 3 && event.order.total = 19.5 "
                + "&& link.order.gift = true }")).containsExactly("mixed-tags");
        assertThat(traceQl("{ span.order.total = 19.5 }")).as("not the events' tags of event-tags and mixed-tags")
                .containsExactly("span-tags");
        assertThat(traceQl("{ instrumentation:name = \"dev.tracestore.checkout.scoped\" && "
                + "instrumentation:version = \"2.1.0\" }")).containsExactly("scope-tags");
    }

    /**
     * Records one trace of one span in service {@code service}, with {@code resourceTags} on the resource and
     * {@code scopeTags} on the scope.
     */
    private static SpanContext record(SpanProcessor processor, String service, Attributes resourceTags,
            Attributes scopeTags, Function<Tracer, Span> start) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(resourceTags.toBuilder().put("service.name", service).build()))
                .addSpanProcessor(new Relay(processor, scopeTags))
                .build();
        String scope = scopeTags.isEmpty() ? SCOPE.getName() : SCOPE.getName() + ".scoped";
        Span span = start.apply(provider.tracerBuilder(scope).setInstrumentationVersion(SCOPE.getVersion()).build());
        span.end();
        assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        return span.getSpanContext();
    }

    /** @return the four tags as conditions with the prefix {@code place} */
    private static String[] all(String place) {
        return TAGS.asMap().entrySet().stream().map(tag -> place + "." + tag.getKey().getKey() + "=" + tag.getValue())
                .toArray(String[]::new);
    }

    /** @return the services of the spans that satisfy every {@code attr} condition */
    private static Set<String> services(String... attr) {
        SpanQuery query = QueryParameters.parse(Map.of("attr", Arrays.asList(attr)));
        return store.searchSpans(query).items().stream().map(StoredSpan::serviceName).collect(Collectors.toSet());
    }

    /** @return the root services of the traces with a span that has the four tags in {@code place} */
    private static List<String> traceQl(String placeOrQuery) {
        String query = placeOrQuery.startsWith("{") ? placeOrQuery : "{ " + place(placeOrQuery) + " }";
        TraceQlResult result = new TraceQlSearch(store, FailureRules.DEFAULT)
                .search(TraceQlQuery.parse(query), null, null, 100);
        return result.traces().stream().map(MatchedTrace::summary).map(TraceSummary::rootService).toList();
    }

    private static String place(String place) {
        return place + ".order.channel = \"web\" && " + place + ".order.items = 3 && " + place
                + ".order.total = 19.5 && " + place + ".order.gift = true";
    }

    /**
     * Hands the ended spans on to trace-store's processor, never shutting it down (one provider per resource shares
     * it), with attributes on their instrumentation scope when given: SDKs whose API sets scope attributes export
     * them so; the Java API's stable {@code TracerBuilder} has no setter for them.
     */
    private static final class Relay implements SpanProcessor {

        private final SpanProcessor target;
        private final Attributes scopeAttributes;

        Relay(SpanProcessor target, Attributes scopeAttributes) {
            this.target = target;
            this.scopeAttributes = scopeAttributes;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            target.onEnd(scopeAttributes.isEmpty() ? span : new WithScopeAttributes(span, scopeAttributes));
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** An ended SDK span whose scope carries attributes. */
    private record WithScopeAttributes(ReadableSpan span, Attributes scopeAttributes) implements ReadableSpan {

        @Override
        public InstrumentationScopeInfo getInstrumentationScopeInfo() {
            InstrumentationScopeInfo scope = span.getInstrumentationScopeInfo();
            return InstrumentationScopeInfo.builder(scope.getName()).setVersion(scope.getVersion())
                    .setAttributes(scopeAttributes).build();
        }

        @Override
        public SpanData toSpanData() {
            InstrumentationScopeInfo scope = getInstrumentationScopeInfo();
            return new DelegatingSpanData(span.toSpanData()) {
                @Override
                public InstrumentationScopeInfo getInstrumentationScopeInfo() {
                    return scope;
                }
            };
        }

        @Override
        public SpanContext getSpanContext() {
            return span.getSpanContext();
        }

        @Override
        public SpanContext getParentSpanContext() {
            return span.getParentSpanContext();
        }

        @Override
        public String getName() {
            return span.getName();
        }

        @Override
        @SuppressWarnings("deprecation")
        public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
            return span.getInstrumentationLibraryInfo();
        }

        @Override
        public boolean hasEnded() {
            return span.hasEnded();
        }

        @Override
        public long getLatencyNanos() {
            return span.getLatencyNanos();
        }

        @Override
        public SpanKind getKind() {
            return span.getKind();
        }

        @Override
        public <T> T getAttribute(AttributeKey<T> key) {
            return span.getAttribute(key);
        }
    }
}
