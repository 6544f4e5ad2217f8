package dev.tracestore.core.otel;

import dev.tracestore.core.log.ReadResult;
import dev.tracestore.core.log.SpanLog;
import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.store.InMemorySpanStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Masked values reach neither the store nor the file: both are read back. */
class RedactedSpansTest {

    private static final List<String> SECRETS = List.of("Bearer eyJhbGciOi", "JSESSIONID=5f2a", "hunter2",
            "s3cr3t-client", "AKIA-access", "pr1vate", "sig-value-123", "user-info-pass");

    @TempDir
    Path directory;

    private final List<SdkTracerProvider> providers = new ArrayList<>();

    @AfterEach
    void closeProviders() {
        providers.forEach(provider -> provider.shutdown().join(10, TimeUnit.SECONDS));
    }

    private Tracer tracer(FileBasedSpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
        providers.add(provider);
        return provider.get("test");
    }

    /** A server span carrying every secret in span, event and link attributes. */
    private static String recordSecrets(Tracer tracer) {
        SpanContext linked = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        Span span = tracer.spanBuilder("POST /login")
                .addLink(linked, Attributes.of(AttributeKey.stringKey("api_key"), "AKIA-access"))
                .startSpan();
        span.setAttribute(AttributeKey.stringArrayKey("http.request.header.authorization"),
                List.of("Bearer eyJhbGciOi"));
        span.setAttribute(AttributeKey.stringArrayKey("http.response.header.set-cookie"),
                List.of("JSESSIONID=5f2a; Path=/"));
        span.setAttribute("url.full", "https://alice:user-info-pass@shop.example/login?user=alice&password=hunter2"
                + "&sig=sig-value-123");
        span.setAttribute("client_secret", "s3cr3t-client");
        span.setAttribute("http.route", "/login");
        span.addEvent("retry", Attributes.of(AttributeKey.stringKey("private_key"), "pr1vate"));
        String traceId = span.getSpanContext().getTraceId();
        span.end();
        return traceId;
    }

    @Test
    void secretsReachNeitherTheStoreNorTheFileButTheirKeysDo() throws IOException {
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store).directory(directory).build();
        String traceId = recordSecrets(tracer(processor));
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        StoredSpan stored = store.getTrace(traceId).get(0);
        assertThat(stored.attributes().get(AttributeKey.stringArrayKey("http.request.header.authorization")))
                .containsExactly("****");
        assertThat(stored.attributes().get(AttributeKey.stringArrayKey("http.response.header.set-cookie")))
                .containsExactly("****");
        assertThat(stored.attributes().get(AttributeKey.stringKey("url.full")))
                .isEqualTo("https://****@shop.example/login?user=alice&password=****&sig=****");
        assertThat(stored.attributes().get(AttributeKey.stringKey("client_secret"))).isEqualTo("****");
        assertThat(stored.attributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/login");
        assertThat(stored.events().get(0).attributes().get(AttributeKey.stringKey("private_key"))).isEqualTo("****");
        assertThat(stored.links().get(0).attributes().get(AttributeKey.stringKey("api_key"))).isEqualTo("****");
        assertThat(stored.toString()).doesNotContain(SECRETS);

        String file = Files.readString(directory.resolve("spans.jsonl"));
        assertThat(file).contains("http.request.header.authorization", "client_secret", "****")
                .doesNotContain(SECRETS);
        List<StoredSpan> fromFile = new ArrayList<>();
        assertThat(SpanLog.read(directory, fromFile::add).linesSkipped()).isZero();
        assertThat(fromFile).containsExactly(stored);
    }

    @Test
    void spansReloadedFromAnOlderFileAreRedactedInMemory() throws IOException {
        FileBasedSpanProcessor unredacted = FileBasedSpanProcessor.builder(new InMemorySpanStore(100))
                .directory(directory).redact(Redaction.none()).build();
        String traceId = recordSecrets(tracer(unredacted));
        assertThat(unredacted.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(Files.readString(directory.resolve("spans.jsonl"))).contains("hunter2", "s3cr3t-client");

        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor redacting = FileBasedSpanProcessor.builder(store).directory(directory).build();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !redacting.isReloading());
            ReadResult reloaded = redacting.reloaded();
            assertThat(reloaded.spansRead()).isEqualTo(1);
            StoredSpan span = store.getTrace(traceId).get(0);
            assertThat(span.toString()).doesNotContain(SECRETS);
            assertThat(span.attributes().get(AttributeKey.stringKey("client_secret"))).isEqualTo("****");
        } finally {
            redacting.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void addedKeysAreMaskedAndNoneKeepsEveryValue() {
        InMemorySpanStore store = new InMemorySpanStore(100);
        FileBasedSpanProcessor processor = FileBasedSpanProcessor.builder(store)
                .redact(Redaction.builder().keys(List.of("ssn", "user.*")).build()).build();
        Span span = tracer(processor).spanBuilder("signup").startSpan();
        span.setAttribute("customer.ssn", "078-05-1120");
        span.setAttribute("user.email", "alice@example.com");
        span.setAttribute("password", "hunter2");
        span.setAttribute("plan", "gold");
        String traceId = span.getSpanContext().getTraceId();
        span.end();
        assertThat(processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

        Attributes attributes = store.getTrace(traceId).get(0).attributes();
        assertThat(attributes.get(AttributeKey.stringKey("customer.ssn"))).isEqualTo("****");
        assertThat(attributes.get(AttributeKey.stringKey("user.email"))).isEqualTo("****");
        assertThat(attributes.get(AttributeKey.stringKey("password"))).isEqualTo("****");
        assertThat(attributes.get(AttributeKey.stringKey("plan"))).isEqualTo("gold");
    }
}
