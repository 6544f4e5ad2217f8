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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code tracestore.trace-id-header} in a real Spring MVC application on Tomcat: every response, errors included,
 * carries the trace ID of the request's stored server span.
 */
class TraceIdHeaderServletTests {

    @TempDir
    Path directory;

    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private LocalHttp start(String... properties) {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory,
                        "management.endpoints.web.exposure.include=health,traces")
                .properties(properties).run();
        return new LocalHttp(context);
    }

    @Test
    void everyResponseCarriesTheTraceIdOfItsStoredServerSpan() {
        LocalHttp http = start("tracestore.trace-id-header.enabled=true");
        for (String path : List.of("/hello/ada", "/boom", "/missing")) {
            HttpResponse<String> response = http.get(path);
            String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow(
                    () -> new AssertionError("no X-Trace-Id on " + path + " (" + response.statusCode() + ")"));
            assertThat(traceId).matches("[0-9a-f]{32}");
            // The server span ends once the answer is sent, which may be after the client has it.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedTrace(traceId)).as(path)
                    .isNotEmpty());
        }
        assertThat(http.get("/boom").statusCode()).isEqualTo(500);
        assertThat(http.get("/missing").statusCode()).isEqualTo(404);
    }

    @Test
    void takesTheHeaderNameFromTheProperty() {
        LocalHttp http = start("tracestore.trace-id-header.enabled=true", "tracestore.trace-id-header.name=Trace");
        HttpResponse<String> response = http.get("/hello/ada");
        assertThat(response.headers().firstValue("Trace")).hasValueSatisfying(id -> assertThat(id).hasSize(32));
        assertThat(response.headers().firstValue("X-Trace-Id")).isEmpty();
    }

    @Test
    void isOffByDefault() {
        LocalHttp http = start();
        assertThat(http.get("/hello/ada").headers().firstValue("X-Trace-Id")).isEmpty();
        assertThat(context.getBeansOfType(org.springframework.boot.web.servlet.FilterRegistrationBean.class))
                .doesNotContainKey("traceStoreTraceIdHeaderFilter");
    }

    // The default tracestore.exclude leaves out every request under /actuator, health probes included. The probe's
    // span ended before the later request's did, which is awaited.
    @Test
    void healthProbesAreNotStoredByDefault() {
        LocalHttp http = start("tracestore.trace-id-header.enabled=true");
        String probe = http.get("/actuator/health").headers().firstValue("X-Trace-Id").orElseThrow();
        String hello = http.get("/hello/ada").headers().firstValue("X-Trace-Id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> !storedTrace(hello).isEmpty());
        assertThat(storedTrace(probe)).isEmpty();
    }

    @Test
    void healthProbesAreStoredWhenOnlyTheTracesEndpointIsExcluded() {
        LocalHttp http = start("tracestore.trace-id-header.enabled=true", "tracestore.exclude=/actuator/traces/**");
        String probe = http.get("/actuator/health").headers().firstValue("X-Trace-Id").orElseThrow();
        String query = http.get("/actuator/traces").headers().firstValue("X-Trace-Id").orElseThrow();
        String hello = http.get("/hello/ada").headers().firstValue("X-Trace-Id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> !storedTrace(probe).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !storedTrace(hello).isEmpty());
        assertThat(storedTrace(query)).isEmpty();
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
        String hello(@PathVariable String name) {
            return "hello " + name;
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("boom");
        }
    }
}
