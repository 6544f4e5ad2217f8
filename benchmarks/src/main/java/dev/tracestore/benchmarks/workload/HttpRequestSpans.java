package dev.tracestore.benchmarks.workload;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The spans of one request to the sample app's {@code GET /orders/{id}}, as Micrometer Tracing hands them to the
 * OpenTelemetry SDK: a SERVER span tagged by {@code OpenTelemetryServerRequestObservationConvention} (every value a
 * string, as Micrometer tags are) and four children ({@code order.find}, {@code inventory.check},
 * {@code pricing.quote}, a JDBC query). Values that come from the request (path, order ID, client port) are fresh
 * strings per request; the rest are shared constants, as in the application. Seeded and deterministic per request.
 *
 * <pre>{@code
 * List<StoredSpan> spans = new HttpRequestSpans(42).request(0);   // 5 spans, the server span first
 * }</pre>
 */
public final class HttpRequestSpans {

    private static final Resource RESOURCE = Resource.create(Attributes.builder()
            .put("service.name", "sample-app").put("service.version", "1.0.0")
            .put("telemetry.sdk.language", "java").put("telemetry.sdk.name", "opentelemetry").build());
    private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("org.springframework.boot");

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<String> STATUS = AttributeKey.stringKey("http.response.status_code");
    private static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    private static final AttributeKey<String> CLIENT_PORT = AttributeKey.stringKey("network.peer.port");
    private static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.version");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<String> SERVER_PORT = AttributeKey.stringKey("server.port");
    private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    private static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    private static final AttributeKey<String> USER_AGENT = AttributeKey.stringKey("user_agent.original");
    private static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("order.id");
    private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error");
    private static final AttributeKey<String> WAREHOUSE = AttributeKey.stringKey("inventory.warehouse");
    private static final AttributeKey<String> CURRENCY = AttributeKey.stringKey("pricing.currency");
    private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
    private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation");

    private static final List<String> USER_AGENTS = List.of("wrk/4.2.0", "curl/8.5.0", "okhttp/4.12.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36");

    private final long seed;

    /** @param seed the same seed gives the same requests */
    public HttpRequestSpans(long seed) {
        this.seed = seed;
    }

    /**
     * @param request the request number: its spans start 2 ms after the previous request's
     * @return its 5 spans, the server span first
     */
    public List<StoredSpan> request(int request) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + request);
        String traceId = hex(random.nextLong()) + hex(request + 1L);
        String serverId = hex(((long) request << 4) | 1);
        String findId = hex(((long) request << 4) | 2);
        long start = 1_748_822_400_000_000_000L + request * 2_000_000L;
        long duration = 300_000 + random.nextLong(2_000_000);
        String orderId = Integer.toString(random.nextInt(10_000));
        Attributes server = Attributes.builder()
                .put(CLIENT_ADDRESS, "127.0.0.1")
                .put(ERROR, "none")
                .put(METHOD, "GET")
                .put(STATUS, "200")
                .put(ROUTE, "/orders/{id}")
                .put(CLIENT_PORT, Integer.toString(40_000 + random.nextInt(20_000)))
                .put(PROTOCOL, "1.1")
                .put(SERVER_ADDRESS, "localhost")
                .put(SERVER_PORT, "8080")
                .put(URL_PATH, "/orders/" + orderId)
                .put(URL_SCHEME, "http")
                .put(USER_AGENT, USER_AGENTS.get(random.nextInt(USER_AGENTS.size())))
                .build();
        return List.of(
                span(traceId, serverId, "", "GET /orders/{id}", SpanKind.SERVER, start, duration, server),
                span(traceId, findId, serverId, "order.find", SpanKind.INTERNAL, start + 50_000, duration / 2,
                        Attributes.of(ERROR, "none", ORDER_ID, orderId)),
                span(traceId, hex(((long) request << 4) | 3), findId, "inventory.check", SpanKind.INTERNAL,
                        start + 60_000, duration / 8, Attributes.of(ERROR, "none", WAREHOUSE, "main", ORDER_ID,
                                orderId)),
                span(traceId, hex(((long) request << 4) | 4), findId, "pricing.quote", SpanKind.INTERNAL,
                        start + 100_000, duration / 8, Attributes.of(CURRENCY, "EUR")),
                span(traceId, hex(((long) request << 4) | 5), findId, "SELECT orders", SpanKind.CLIENT,
                        start + 70_000, duration / 16, Attributes.of(DB_OPERATION, "SELECT", DB_STATEMENT,
                                "select price from orders where id = ?", DB_SYSTEM, "h2")));
    }

    private static StoredSpan span(String traceId, String spanId, String parentId, String name, SpanKind kind,
            long start, long duration, Attributes attributes) {
        return StoredSpan.builder()
                .traceId(traceId)
                .spanId(spanId)
                .parentSpanId(parentId)
                .name(name)
                .kind(kind)
                .startEpochNanos(start)
                .endEpochNanos(start + duration)
                .status(StatusCode.UNSET, "")
                .attributes(attributes)
                .resource(RESOURCE)
                .scope(SCOPE)
                .build();
    }

    private static String hex(long value) {
        String text = Long.toHexString(value);
        return "0".repeat(16 - text.length()) + text;
    }
}
