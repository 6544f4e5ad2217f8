package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tracestore.trace-id-header} in a real WebFlux application: every response, errors included and answers
 * completed on another thread, carries the trace ID of the request's stored server span.
 */
class TraceIdHeaderWebFluxTests {

    @TempDir
    Path directory;

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void everyResponseCarriesTheTraceIdOfItsStoredServerSpan() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory,
                        "tracestore.trace-id-header.enabled=true")
                .run();
        assertThat(context.getBeansOfType(TraceIdHeaderWebFilter.class)).hasSize(1);
        LocalHttp http = new LocalHttp(context);
        for (String path : List.of("/hello/ada", "/later/ada", "/boom", "/missing")) {
            HttpResponse<String> response = http.get(path);
            String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow(
                    () -> new AssertionError("no X-Trace-Id on " + path + " (" + response.statusCode() + ")"));
            assertThat(traceId).matches("[0-9a-f]{32}");
            // The server span ends once the answer is sent, which may be after the client has it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedTrace(traceId)).as(path)
                    .isNotEmpty());
        }
        assertThat(http.get("/later/ada").body()).isEqualTo("later ada");
        assertThat(http.get("/boom").statusCode()).isEqualTo(500);
        assertThat(http.get("/missing").statusCode()).isEqualTo(404);
    }

    @Test
    void isOffByDefault() {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory)
                .run();
        assertThat(context.getBeansOfType(TraceIdHeaderWebFilter.class)).isEmpty();
        assertThat(new LocalHttp(context).get("/hello/ada").headers().firstValue("X-Trace-Id")).isEmpty();
    }

    private List<StoredSpan> storedTrace(String traceId) {
        assertThat(context.getBean(FileBasedSpanProcessor.class).forceFlush().join(10, TimeUnit.SECONDS)
                .isSuccess()).isTrue();
        return context.getBean(SpanStore.class).getTrace(traceId);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Hello.class)
    static class App {
    }

    @RestController
    static class Hello {

        @GetMapping("/hello/{name}")
        Mono<String> hello(@PathVariable String name) {
            return Mono.just("hello " + name);
        }

        // Completes on a timer thread, where no span is current.
        @GetMapping("/later/{name}")
        Mono<String> later(@PathVariable String name) {
            return Mono.delay(Duration.ofMillis(20)).map(tick -> "later " + name);
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("boom"));
        }
    }
}
