package dev.tracestore.core.traceql;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random traces over a small vocabulary, so that random queries over the same vocabulary find matches. */
final class RandomTraces {

    static final String[] SERVICES = {"frontend", "orders", "db"};
    static final String[] NAMES = {"http get /orders/{id}", "select orders", "GET /a", "process"};
    static final String[] URIS = {"/orders/{id}", "/a", "/b"};
    static final long START = 1_700_000_000_000_000_000L;

    private RandomTraces() {
    }

    static List<List<StoredSpan>> traces(Random random, int count) {
        return traces(random, count, 0, 0);
    }

    /** Like {@link #traces(Random, int)}, with {@code large} more traces of {@code largeSize} to {@code largeSize + 31} spans. */
    static List<List<StoredSpan>> traces(Random random, int count, int large, int largeSize) {
        List<List<StoredSpan>> traces = new ArrayList<>();
        long spanCounter = 0;
        for (int t = 0; t < count + large; t++) {
            int size = t < count ? 1 + random.nextInt(7) : largeSize + random.nextInt(32);
            List<StoredSpan> trace = new ArrayList<>();
            boolean rootMissing = random.nextInt(10) == 0;
            long traceStart = START + t * 1_000_000L + random.nextInt(1000);
            for (int s = 0; s < size; s++) {
                String parent = s == 0 ? (rootMissing ? String.format("%016x", 0xabcdefL) : "")
                        : trace.get(random.nextInt(s)).spanId();
                long start = traceStart + s * 1000L + random.nextInt(3) * 1000L;
                trace.add(span(random, t, ++spanCounter, parent, start));
            }
            traces.add(trace);
        }
        return traces;
    }

    private static StoredSpan span(Random random, long trace, long spanId, String parent, long start) {
        AttributesBuilder attributes = Attributes.builder();
        if (random.nextInt(4) != 0) {
            attributes.put("uri", pick(random, URIS));
        }
        if (random.nextBoolean()) {
            attributes.put("status", random.nextBoolean() ? "200" : "500");
        }
        if (random.nextBoolean()) {
            attributes.put("n", (long) random.nextInt(5));
        }
        if (random.nextInt(3) == 0) {
            attributes.put("f", random.nextInt(5) + 0.5);
        }
        if (random.nextInt(3) == 0) {
            attributes.put("flag", random.nextBoolean());
        }
        if (random.nextInt(5) == 0) {
            attributes.put(AttributeKey.stringArrayKey("tags"), List.of(pick(random, URIS), pick(random, URIS)));
        }
        if (random.nextInt(6) == 0) {
            attributes.put("env", "span-env");
        }
        List<SpanEvent> events = random.nextInt(4) == 0 ? List.of(new SpanEvent("exception", start + 10,
                Attributes.of(AttributeKey.stringKey("exception.type"), random.nextBoolean() ? "IOException"
                        : "TimeoutException"))) : List.of();
        List<SpanLink> links = random.nextInt(8) == 0 ? List.of(new SpanLink(String.format("%032x", 77),
                String.format("%016x", 78), Attributes.of(AttributeKey.stringKey("n"), "linked"))) : List.of();
        String service = pick(random, SERVICES);
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("env"), random.nextBoolean() ? "prod" : "dev"));
        StatusCode status = StatusCode.values()[random.nextInt(3)];
        return StoredSpan.builder()
                .traceId(String.format("%032x", trace + 1))
                .spanId(String.format("%016x", spanId))
                .parentSpanId(parent)
                .name(pick(random, NAMES))
                .kind(SpanKind.values()[random.nextInt(SpanKind.values().length)])
                .startEpochNanos(start)
                .endEpochNanos(start + (1 + random.nextInt(500)) * 1_000_000L)
                .status(status, status == StatusCode.ERROR && random.nextBoolean() ? "boom" : "")
                .attributes(attributes.build())
                .events(events)
                .links(links)
                .resource(resource)
                .scope(InstrumentationScopeInfo.builder(random.nextBoolean() ? "jdbc" : "http").setVersion("1.0")
                        .build())
                .build();
    }

    static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
