package dev.tracestore.it.boot41;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * {@link QueriesAndAnalyses} on Boot 4.1 with OpenTelemetry's convention ({@code GET /products/{id}},
 * {@code http.route}), selected as {@link OpenTelemetryConventionsTests} does.
 */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=opentelemetry")
@Import(OpenTelemetryConventionsTests.Conventions.class)
@DirtiesContext
class OpenTelemetryQueriesAndAnalysesTests extends QueriesAndAnalyses {

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void spanFiles(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", directory::toString);
    }

    @Override
    String serverSpanName(String route) {
        return "GET " + route;
    }

    @Override
    boolean micrometer() {
        return false;
    }
}
