package dev.tracestore.core.store;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.AttributeFilter.Scope;
import dev.tracestore.core.query.SpanOrder;
import dev.tracestore.core.query.SpanPredicate;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.testing.Seeds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.tracestore.core.testing.TestSpans.spanId;
import static dev.tracestore.core.testing.TestSpans.traceId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random spans with events, links and instrumentation scopes, added past the store's capacity so that eviction
 * churns: every listing (services, operations, keys per scope, values), of the store and of a
 * {@link StreamedListing} over the same spans, must equal a brute-force count over the spans the store should hold, and every scoped filter ({@code event.}, {@code link.}, {@code instrumentation.},
 * aliased keys) must find exactly what a filter over those spans finds. A failure prints the seed; rerun one seed
 * with {@code -Dseed=N}.
 */
class ListingRandomizedTest {

    private static final long BASE = 1_700_000_000_000_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(0, BASE + 2_000_000);
    private static final String[] SERVICES = {"shop", "orders", "payments", ""};
    private static final String[] NAMES = {"GET /a", "GET /b", "POST /c", "db", "http get /b"};
    private static final String[] ERRORS = {"java.io.IOException", "TimeoutException", "IllegalStateException"};
    private static final InstrumentationScopeInfo[] SCOPES = {
        InstrumentationScopeInfo.create("spring"),
        InstrumentationScopeInfo.builder("jdbc").setVersion("1.2").build(),
        InstrumentationScopeInfo.builder("kafka").setVersion("3.0")
                .setAttributes(Attributes.of(AttributeKey.stringKey("messaging.system"), "kafka")).build()};

    @Test
    void listingsAndScopedFiltersEqualBruteForce() {
        Seeds.check("ListingRandomizedTest", 25, this::runOneSeed);
    }

    private void runOneSeed(long seed) {
        Random random = new Random(seed);
        int capacity = 1 + random.nextInt(3_000);
        int count = random.nextInt(6_000);
        InMemorySpanStore store = InMemorySpanStore.builder().maxSpans(capacity)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        Deque<StoredSpan> live = new ArrayDeque<>();
        for (int i = 0; i < count; i++) {
            StoredSpan span = randomSpan(random, i);
            store.add(span);
            live.addLast(span);
            if (live.size() > capacity) {
                live.removeFirst();
            }
        }
        for (int q = 0; q < 12; q++) {
            Listing.Window window = randomWindow(random);
            SpanPredicate inWindow = SpanPredicate.of(query(window), NOW);
            List<StoredSpan> held = live.stream().filter(inWindow).toList();

            assertThat(store.listServices(window).items()).as("services in %s", window)
                    .isEqualTo(services(held));
            String service = SERVICES[random.nextInt(SERVICES.length)];
            assertThat(store.listOperations(service, window).items()).as("operations of %s in %s", service, window)
                    .isEqualTo(operations(held, service));
            Scope scope = Scope.values()[random.nextInt(Scope.values().length)];
            assertThat(store.listKeys(scope, window).items()).as("%s keys in %s", scope, window)
                    .isEqualTo(keys(held, scope));
            String key = randomKey(random);
            String prefix = random.nextInt(3) == 0 ? "" : randomPrefix(random);
            int limit = 1 + random.nextInt(20);
            SearchResult<Listing.Value> values = store.listValues(key, prefix, limit, window);
            assertThat(values.partial()).isFalse();
            assertThat(values.items()).as("values of %s starting %s in %s", key, prefix, window)
                    .isEqualTo(values(held, key, prefix, limit));

            StreamedListing streamed = new StreamedListing(window, Clock.fixed(NOW, ZoneOffset.UTC), key);
            live.forEach(streamed::add);
            assertThat(streamed.services()).as("streamed services").isEqualTo(services(held));
            assertThat(streamed.operations(service)).as("streamed operations").isEqualTo(operations(held, service));
            assertThat(streamed.keys(scope)).as("streamed keys").isEqualTo(keys(held, scope));
            assertThat(streamed.values(prefix, limit)).as("streamed values").isEqualTo(values.items());

            SpanQuery query = SpanQuery.builder().attribute(AttributeFilter.parse(randomFilter(random)))
                    .order(SpanOrder.OLDEST_FIRST).limit(SpanQuery.MAX_LIMIT).build();
            SpanPredicate matches = SpanPredicate.of(query, NOW);
            assertThat(store.findSpans(query)).as("spans for %s", query).isEqualTo(live.stream().filter(matches)
                    .sorted(Comparator.comparingLong(StoredSpan::startEpochNanos).thenComparing(StoredSpan::traceId)
                            .thenComparing(StoredSpan::spanId)).limit(SpanQuery.MAX_LIMIT).toList());
        }
    }

    private static StoredSpan randomSpan(Random random, int n) {
        long start = BASE + random.nextInt(200) * 10_000L;
        AttributesBuilder attributes = Attributes.builder();
        if (random.nextBoolean()) {
            attributes.put("http.response.status_code", (long) (200 + 100 * random.nextInt(4)));
        }
        if (random.nextInt(4) == 0) {
            attributes.put("status", String.valueOf(200 + 100 * random.nextInt(4))); // Micrometer's status code
        }
        if (random.nextInt(3) == 0) {
            attributes.put("uri", random.nextInt(5) == 0 ? "none" : "/orders/{id}");
        }
        if (random.nextInt(4) == 0) {
            attributes.put("http.route", "/orders/{id}");
        }
        if (random.nextInt(3) == 0) {
            attributes.put("request.id", "r" + random.nextInt(3_000)); // many values: hash buckets after a while
        }
        if (random.nextInt(5) == 0) {
            if (random.nextBoolean()) {
                attributes.put("mixed", (long) random.nextInt(3));
            } else {
                attributes.put("mixed", random.nextInt(3) + ".0");
            }
        }
        if (random.nextInt(10) == 0) {
            attributes.put("ratio", random.nextInt(3) / 2.0);
        }
        if (random.nextInt(10) == 0) {
            attributes.put(AttributeKey.stringArrayKey("tags"), List.of("a", "t" + random.nextInt(3)));
        }
        List<SpanEvent> events = new ArrayList<>();
        for (int e = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0; e > 0; e--) {
            AttributesBuilder event = Attributes.builder();
            if (random.nextBoolean()) {
                event.put("exception.type", ERRORS[random.nextInt(ERRORS.length)]);
            }
            if (random.nextInt(4) == 0) {
                event.put("attempt", (long) random.nextInt(3));
            }
            if (random.nextInt(20) == 0) {
                event.put("name", "attribute-name");
            }
            if (random.nextInt(6) == 0) {
                event.put("checkpoint", "c" + random.nextInt(1_500)); // many values
            }
            events.add(new SpanEvent(random.nextBoolean() ? "exception" : "retry", start, event.build()));
        }
        List<SpanLink> links = new ArrayList<>();
        for (int l = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0; l > 0; l--) {
            Attributes link = random.nextBoolean()
                    ? Attributes.of(AttributeKey.stringKey("link.kind"), random.nextBoolean() ? "follows" : "batch")
                    : Attributes.of(AttributeKey.longKey("batch.size"), (long) random.nextInt(4));
            links.add(new SpanLink(traceId(random.nextInt(100)), spanId(random.nextInt(100)), link));
        }
        String service = SERVICES[random.nextInt(SERVICES.length)];
        Attributes resource = service.isEmpty()
                ? Attributes.of(AttributeKey.stringKey("host.name"), "host-" + random.nextInt(2))
                : Attributes.of(AttributeKey.stringKey("service.name"), service,
                        AttributeKey.stringKey("host.name"), "host-" + random.nextInt(2));
        return StoredSpan.builder()
                .traceId(traceId(random.nextInt(Math.max(1, n / 4 + 1))))
                .spanId(spanId(n))
                .name(NAMES[random.nextInt(NAMES.length)])
                .kind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
                .startEpochNanos(start)
                .endEpochNanos(start + random.nextInt(50) * 1_000L)
                .status(StatusCode.values()[random.nextInt(3)], null)
                .attributes(attributes.build())
                .events(events)
                .links(links)
                .resource(Resource.create(resource))
                .scope(SCOPES[random.nextInt(SCOPES.length)])
                .build();
    }

    private static Listing.Window randomWindow(Random random) {
        Instant from = Instant.ofEpochSecond(0, BASE + random.nextInt(200) * 10_000L);
        return switch (random.nextInt(4)) {
            case 0 -> Listing.Window.between(from, from.plusNanos(1 + random.nextInt(1_000_000)));
            case 1 -> new Listing.Window(from, null, null);
            case 2 -> Listing.Window.lookback(Duration.ofNanos(1 + random.nextInt(2_000_000)));
            default -> Listing.Window.ALL;
        };
    }

    private static SpanQuery query(Listing.Window window) {
        SpanQuery.Builder query = SpanQuery.builder();
        if (window.from() != null) {
            query.from(window.from());
        }
        if (window.to() != null) {
            query.to(window.to());
        }
        if (window.lookback() != null) {
            query.lookback(window.lookback());
        }
        return query.build();
    }

    private static String randomKey(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "http.response.status_code";
            case 1 -> "request.id";
            case 2 -> "mixed";
            case 3 -> "span.tags";
            case 4 -> "resource.host.name";
            case 5 -> "host.name";
            case 6 -> "event.exception.type";
            case 7 -> "event.name";
            case 8 -> "event.checkpoint";
            case 9 -> "link.batch.size";
            case 10 -> "instrumentation.name";
            default -> "instrumentation.messaging.system";
        };
    }

    private static String randomPrefix(Random random) {
        String[] prefixes = {"r1", "2", "j", "c1", "t", "h", "k", "e", "1"};
        return prefixes[random.nextInt(prefixes.length)];
    }

    private static String randomFilter(Random random) {
        return switch (random.nextInt(14)) {
            case 0 -> "event.exception.type=" + ERRORS[random.nextInt(ERRORS.length)];
            case 1 -> "event.exception.type!=java.io.IOException";
            case 2 -> "event.name=" + (random.nextBoolean() ? "retry" : "attribute-name");
            case 3 -> "event.attempt>=" + random.nextInt(3);
            case 4 -> "event.checkpoint=c" + random.nextInt(1_500);
            case 5 -> random.nextBoolean() ? "link.link.kind=follows" : "!link.batch.size";
            case 6 -> "link.batch.size=" + random.nextInt(4);
            case 7 -> "instrumentation.name=" + SCOPES[random.nextInt(SCOPES.length)].getName();
            case 8 -> "instrumentation.version=1.2";
            case 9 -> "instrumentation.messaging.system=kafka";
            case 10 -> "http.response.status_code=" + (200 + 100 * random.nextInt(4));
            case 11 -> "http.route=/orders/{id}";
            case 12 -> "status=" + (200 + 100 * random.nextInt(4));
            default -> "mixed=" + random.nextInt(3);
        };
    }

    private static List<Listing.Service> services(List<StoredSpan> held) {
        Map<String, Long> counts = new HashMap<>();
        held.forEach(span -> counts.merge(span.serviceName(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> new Listing.Service(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Listing.Service::name)).toList();
    }

    private static List<Listing.Operation> operations(List<StoredSpan> held, String service) {
        record NameKind(String name, SpanKind kind) {
        }
        Map<NameKind, Long> counts = new HashMap<>();
        held.stream().filter(span -> span.serviceName().equals(service))
                .forEach(span -> counts.merge(new NameKind(span.name(), span.kind()), 1L, Long::sum));
        return counts.entrySet().stream()
                .map(e -> new Listing.Operation(e.getKey().name(), e.getKey().kind(), e.getValue()))
                .sorted(Comparator.comparing(Listing.Operation::name).thenComparing(Listing.Operation::kind)).toList();
    }

    /** Per span, per scope: the keys it has there with the types of their values. */
    private static Map<String, Set<AttributeType>> keysOf(StoredSpan span, Scope scope) {
        Map<String, Set<AttributeType>> keys = new HashMap<>();
        switch (scope) {
            case SPAN -> collectKeys(keys, span.attributes());
            case RESOURCE -> collectKeys(keys, span.resource().getAttributes());
            case EVENT -> span.events().forEach(event -> {
                keys.computeIfAbsent("name", k -> EnumSet.noneOf(AttributeType.class)).add(AttributeType.STRING);
                collectKeys(keys, event.attributes());
            });
            case LINK -> span.links().forEach(link -> collectKeys(keys, link.attributes()));
            case INSTRUMENTATION -> {
                keys.put("name", EnumSet.of(AttributeType.STRING));
                if (span.scope().getVersion() != null) {
                    keys.put("version", EnumSet.of(AttributeType.STRING));
                }
                collectKeys(keys, span.scope().getAttributes());
            }
            default -> throw new IllegalArgumentException(scope.name());
        }
        return keys;
    }

    private static void collectKeys(Map<String, Set<AttributeType>> keys, Attributes attributes) {
        attributes.forEach((key, value) -> keys.computeIfAbsent(key.getKey(),
                k -> EnumSet.noneOf(AttributeType.class)).add(key.getType()));
    }

    private static List<Listing.Key> keys(List<StoredSpan> held, Scope asked) {
        record ScopedKey(Scope scope, String key) {
        }
        Map<ScopedKey, Set<AttributeType>> types = new HashMap<>();
        Map<ScopedKey, Long> counts = new HashMap<>();
        for (Scope scope : asked == Scope.ANY ? EnumSet.complementOf(EnumSet.of(Scope.ANY)) : EnumSet.of(asked)) {
            for (StoredSpan span : held) {
                keysOf(span, scope).forEach((key, keyTypes) -> {
                    ScopedKey scoped = new ScopedKey(scope, key);
                    types.computeIfAbsent(scoped, k -> EnumSet.noneOf(AttributeType.class)).addAll(keyTypes);
                    counts.merge(scoped, 1L, Long::sum);
                });
            }
        }
        return counts.entrySet().stream()
                .map(e -> new Listing.Key(e.getKey().scope(), e.getKey().key(), types.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing(Listing.Key::scope).thenComparing(Listing.Key::key)).toList();
    }

    /** Per span: the values of the key in one scope, as the index keeps them (whole numbers as longs). */
    private static Set<Object> valuesOf(StoredSpan span, Scope scope, String key) {
        Set<Object> values = new HashSet<>();
        switch (scope) {
            case SPAN -> addValue(values, find(span.attributes(), key));
            case RESOURCE -> addValue(values, find(span.resource().getAttributes(), key));
            case EVENT -> span.events().forEach(event -> {
                if (key.equals("name")) {
                    addValue(values, event.name());
                }
                addValue(values, find(event.attributes(), key));
            });
            case LINK -> span.links().forEach(link -> addValue(values, find(link.attributes(), key)));
            default -> {
                Object value = find(span.scope().getAttributes(), key);
                if (value == null && key.equals("name")) {
                    value = span.scope().getName();
                } else if (value == null && key.equals("version")) {
                    value = span.scope().getVersion();
                }
                addValue(values, value);
            }
        }
        return values;
    }

    private static Object find(Attributes attributes, String key) {
        return attributes.asMap().entrySet().stream().filter(e -> e.getKey().getKey().equals(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static void addValue(Set<Object> values, Object value) {
        if (value instanceof List<?> elements) {
            elements.forEach(element -> addValue(values, element));
        } else if (value instanceof Double d && d == Math.rint(d)) {
            values.add(d.longValue());
        } else if (value != null) {
            values.add(value);
        }
    }

    private static List<Listing.Value> values(List<StoredSpan> held, String qualifiedKey, String prefix, int limit) {
        record ScopedValue(Scope scope, Object value) {
        }
        Scope asked = Scope.of(qualifiedKey);
        String key = qualifiedKey.substring(asked.prefix().length());
        Map<ScopedValue, Long> counts = new HashMap<>();
        for (Scope scope : asked == Scope.ANY ? List.of(Scope.SPAN, Scope.RESOURCE) : List.of(asked)) {
            for (StoredSpan span : held) {
                valuesOf(span, scope, key).forEach(value -> counts.merge(new ScopedValue(scope, value), 1L, Long::sum));
            }
        }
        return counts.entrySet().stream()
                .filter(e -> String.valueOf(e.getKey().value()).startsWith(prefix))
                .map(e -> new Listing.Value(e.getKey().scope(), e.getKey().value(), e.getValue()))
                .sorted(Comparator.comparingLong(Listing.Value::spans).reversed()
                        .thenComparing(Listing.Value::scope)
                        .thenComparing(value -> String.valueOf(value.value()))
                        .thenComparing(value -> value.value().getClass().getSimpleName()))
                .limit(limit).toList();
    }
}
