package dev.tracestore.benchmarks.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peer an application would export its spans to instead of keeping them: an OTLP/HTTP receiver on
 * {@code 127.0.0.1} that accepts protobuf {@code ExportTraceServiceRequest}s at {@code POST /v1/traces}, parses them
 * (as a collector would), counts the spans and throws them away. It answers with an empty
 * {@code ExportTraceServiceResponse} (zero bytes), a body that does not parse with 400. On exit it prints
 * {@code requests=N spans=N bytes=N rejected=N}.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.http.OtlpSink 4318
 * }</pre>
 */
public final class OtlpSink implements AutoCloseable {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong spans = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    private OtlpSink(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(executor);
        server.createContext("/v1/traces", this::handle);
        server.start();
    }

    /**
     * @param args the port to listen on
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        OtlpSink sink = start(Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            System.out.println(sink.summary());
        }));
        System.out.println("OTLP sink listening on 127.0.0.1:" + sink.port());
    }

    static OtlpSink start(int port) throws IOException {
        return new OtlpSink(port);
    }

    int port() {
        return server.getAddress().getPort();
    }

    long spanCount() {
        return spans.get();
    }

    long rejectedCount() {
        return rejected.get();
    }

    String summary() {
        return "requests=" + requests.get() + " spans=" + spans.get() + " bytes=" + bytes.get()
                + " rejected=" + rejected.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.incrementAndGet();
            bytes.addAndGet(body.length);
            try {
                spans.addAndGet(countSpans(ExportTraceServiceRequest.parseFrom(body)));
            } catch (InvalidProtocolBufferException e) {
                rejected.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static long countSpans(ExportTraceServiceRequest request) {
        long count = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                count += scopeSpans.getSpansCount();
            }
        }
        return count;
    }
}
