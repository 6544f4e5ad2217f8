package dev.tracestore.benchmarks.http;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpSinkTest {

    @Test
    void countsTheSpansTheOpenTelemetryOtlpExporterSends() throws Exception {
        try (OtlpSink sink = OtlpSink.start(0)) {
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                    .setEndpoint("http://127.0.0.1:" + sink.port() + "/v1/traces")
                    .build();
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build();
            Tracer tracer = provider.get("test");
            for (int i = 0; i < 3; i++) {
                tracer.spanBuilder("span-" + i).startSpan().end();
            }

            assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(sink.spanCount()).isEqualTo(3);
            assertThat(sink.rejectedCount()).isZero();
        }
    }

    @Test
    void answersABodyThatIsNotOtlpWith400AndCountsIt() throws Exception {
        try (OtlpSink sink = OtlpSink.start(0)) {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sink.port() + "/v1/traces"))
                            .header("Content-Type", "application/x-protobuf")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0x01}))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(sink.rejectedCount()).isEqualTo(1);
            assertThat(sink.spanCount()).isZero();
        }
    }
}
