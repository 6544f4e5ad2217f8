package dev.tracestore.cli;

import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Writes the span files of a made-up shop (services shop, inventory, payments; some payments declined, some
 * inventory lookups timing out) for trying the command by hand and for the memory check: the same seed gives
 * the same files. Files are rotated every {@value #ROTATE_BYTES} bytes the way a long-running app leaves them.
 *
 * <pre>
 * java -cp trace-store-cli/target/test-classes:trace-store-cli/target/trace-store-cli.jar \
 *     dev.tracestore.cli.DemoSpans /tmp/shop-spans 200 2026-01-05T10:00:00Z
 * </pre>
 */
public final class DemoSpans {

    private static final long ROTATE_BYTES = 100L << 20;
    private static final long MS = 1_000_000L;
    private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.builder("org.springframework.boot")
            .setVersion("4.0.7").build();

    private final Random random = new Random(42);
    private final HexFormat hex = HexFormat.of();
    private final Resource shop = service("shop");
    private final Resource inventory = service("inventory");
    private final Resource payments = service("payments");

    /**
     * @param args the directory, the number of traces (default 200), the first trace's start (default
     *     2026-01-05T10:00:00Z); traces are spread over one hour
     * @throws IOException when the files cannot be written
     */
    public static void main(String... args) throws IOException {
        Path directory = Path.of(args[0]);
        int traces = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Instant start = args.length > 2 ? Instant.parse(args[2]) : Instant.parse("2026-01-05T10:00:00Z");
        new DemoSpans().write(directory, traces, start);
    }

    void write(Path directory, int traces, Instant start) throws IOException {
        long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        long every = 3_600_000_000_000L / Math.max(1, traces);
        int rotated = 0;
        SpanLog log = SpanLog.open(directory);
        List<StoredSpan> batch = new ArrayList<>();
        for (int i = 0; i < traces; i++) {
            batch.addAll(trace(startNanos + i * every));
            if (batch.size() >= 500 || i == traces - 1) {
                log.append(batch);
                batch.clear();
            }
            if (log.bytesWritten() >= ROTATE_BYTES) {
                log.close();
                Files.move(log.currentFile(), directory.resolve("spans-" + ++rotated + ".jsonl"));
                log = SpanLog.open(directory);
            }
        }
        log.close();
    }

    /** One request to the shop, as the spans end: children before their parents. */
    private List<StoredSpan> trace(long start) {
        String traceId = hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
        List<StoredSpan> spans = new ArrayList<>();
        if (random.nextInt(10) == 0) {
            spans.add(span(traceId, "", newId(), "GET /actuator/health", SpanKind.SERVER, shop, start,
                    start + 2 * MS + random.nextInt(3) * MS, http("GET", "/actuator/health", 200)).build());
            return spans;
        }
        boolean declined = random.nextInt(12) == 0;
        boolean timeout = !declined && random.nextInt(40) == 0;
        String orderId = Integer.toString(1000 + random.nextInt(9000));
        String root = newId();
        long t = start + MS;
        // SELECT orders
        long dbEnd = t + (2 + random.nextInt(8)) * MS;
        spans.add(span(traceId, root, newId(), "SELECT shop.orders", SpanKind.CLIENT, shop, t, dbEnd,
                Attributes.of(AttributeKey.stringKey("db.system"), "postgresql",
                        AttributeKey.stringKey("db.query.text"), "select * from orders where id = ?")).build());
        // inventory call
        t = dbEnd + MS;
        String inventoryClient = newId();
        String inventoryServer = newId();
        long redisEnd = t + 2 * MS + (timeout ? 2000 * MS : random.nextInt(5) * MS);
        StoredSpan.Builder redis = span(traceId, inventoryServer, newId(), "GET", SpanKind.CLIENT, inventory,
                t + MS, redisEnd, Attributes.of(AttributeKey.stringKey("db.system"), "redis"));
        if (timeout) {
            redis.status(StatusCode.ERROR, "Read timed out")
                    .events(List.of(exception(redisEnd, "java.net.SocketTimeoutException", "Read timed out")));
        }
        spans.add(redis.build());
        long inventoryEnd = redisEnd + MS;
        StoredSpan.Builder inventoryHandler = span(traceId, inventoryClient, inventoryServer, "GET /inventory/{sku}",
                SpanKind.SERVER, inventory, t + MS / 2, inventoryEnd, http("GET", "/inventory/{sku}", timeout ? 504 : 200));
        StoredSpan.Builder inventoryCall = span(traceId, root, inventoryClient, "GET /inventory/{sku}", SpanKind.CLIENT,
                shop, t, inventoryEnd + MS / 2, http("GET", "/inventory/{sku}", timeout ? 504 : 200));
        if (timeout) {
            inventoryHandler.status(StatusCode.ERROR, "").attributes(withErrorType(http("GET", "/inventory/{sku}", 504),
                    "java.net.SocketTimeoutException"));
            inventoryCall.attributes(withErrorType(http("GET", "/inventory/{sku}", 504), "504"));
        }
        spans.add(inventoryHandler.build());
        spans.add(inventoryCall.build());
        t = inventoryEnd + MS;
        long paymentsEnd = t;
        if (!timeout) {
            // payments call
            String paymentsClient = newId();
            String paymentsServer = newId();
            long chargeStart = t + 2 * MS;
            long chargeEnd = chargeStart + (20 + random.nextInt(120)) * MS;
            StoredSpan.Builder charge = span(traceId, paymentsServer, newId(), "charge card", SpanKind.INTERNAL, payments,
                    chargeStart, chargeEnd, Attributes.of(AttributeKey.stringKey("payment.provider"), "acme-pay",
                            AttributeKey.longKey("order.id"), Long.parseLong(orderId)));
            StoredSpan.Builder handler = span(traceId, paymentsClient, paymentsServer, "POST /payments", SpanKind.SERVER,
                    payments, t + MS, chargeEnd + MS, http("POST", "/payments", declined ? 402 : 201));
            StoredSpan.Builder call = span(traceId, root, paymentsClient, "POST /payments", SpanKind.CLIENT, shop, t,
                    chargeEnd + 2 * MS, http("POST", "/payments", declined ? 402 : 201));
            if (declined) {
                charge.status(StatusCode.ERROR, "card declined")
                        .events(List.of(exception(chargeEnd, "dev.shop.PaymentDeclinedException", "card declined")));
                handler.status(StatusCode.ERROR, "").attributes(withErrorType(http("POST", "/payments", 402),
                        "dev.shop.PaymentDeclinedException"));
                call.attributes(withErrorType(http("POST", "/payments", 402), "402"));
            }
            spans.add(charge.build());
            spans.add(handler.build());
            spans.add(call.build());
            paymentsEnd = chargeEnd + 2 * MS;
        }
        int status = declined ? 402 : timeout ? 500 : 200;
        StoredSpan.Builder request = span(traceId, "", root, "GET /orders/{id}", SpanKind.SERVER, shop, start,
                paymentsEnd + MS, Attributes.builder().putAll(http("GET", "/orders/{id}", status))
                        .put("url.path", "/orders/" + orderId).put("order.id", Long.parseLong(orderId)).build());
        if (declined || timeout) {
            String type = declined ? "dev.shop.PaymentDeclinedException" : "java.net.SocketTimeoutException";
            request.status(StatusCode.ERROR, "")
                    .attributes(withErrorType(Attributes.builder().putAll(http("GET", "/orders/{id}", status))
                            .put("url.path", "/orders/" + orderId).put("order.id", Long.parseLong(orderId)).build(), type));
        }
        spans.add(request.build());
        return spans;
    }

    private StoredSpan.Builder span(String traceId, String parent, String id, String name, SpanKind kind,
            Resource resource, long start, long end, Attributes attributes) {
        return StoredSpan.builder().traceId(traceId).parentSpanId(parent).spanId(id).name(name).kind(kind)
                .resource(resource).scope(SCOPE).startEpochNanos(start).endEpochNanos(end).attributes(attributes);
    }

    private String newId() {
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        return hex.toHexDigits(id);
    }

    private static Attributes http(String method, String route, int status) {
        return Attributes.of(AttributeKey.stringKey("http.request.method"), method,
                AttributeKey.stringKey("http.route"), route,
                AttributeKey.longKey("http.response.status_code"), (long) status);
    }

    private static Attributes withErrorType(Attributes attributes, String type) {
        return attributes.toBuilder().put("error.type", type).build();
    }

    private static SpanEvent exception(long time, String type, String message) {
        return new SpanEvent("exception", time, Attributes.of(AttributeKey.stringKey("exception.type"), type,
                AttributeKey.stringKey("exception.message"), message,
                AttributeKey.stringKey("exception.stacktrace"), type + ": " + message + "\n\tat dev.shop.Checkout.pay(Checkout.java:42)\n"));
    }

    private static Resource service(String name) {
        return Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), name,
                AttributeKey.stringKey("telemetry.sdk.language"), "java"));
    }
}
