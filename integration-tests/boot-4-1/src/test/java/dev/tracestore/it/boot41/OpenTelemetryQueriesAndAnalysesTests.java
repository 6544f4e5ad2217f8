package dev.tracestore.it.boot41;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@link QueriesAndAnalyses} on Boot 4.1 with OpenTelemetry's convention ({@code GET /products/{id}},
 * {@code http.route}), selected as {@link OpenTelemetryConventionsTests} does.
 */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=opentelemetry")
@Import(OpenTelemetryConventionsTests.Conventions.class)
class OpenTelemetryQueriesAndAnalysesTests extends QueriesAndAnalyses {

    @Override
    String serverSpanName(String route) {
        return "GET " + route;
    }

    @Override
    boolean micrometer() {
        return false;
    }
}
