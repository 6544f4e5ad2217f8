package dev.tracestore.it.boot41;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/** {@link QueriesAndAnalyses} on Boot 4.1 with Micrometer's convention: {@code http get /products/{id}}, {@code uri}. */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=micrometer")
@DirtiesContext
class MicrometerQueriesAndAnalysesTests extends QueriesAndAnalyses {

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void spanFiles(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", directory::toString);
    }

    @Override
    String serverSpanName(String route) {
        return "http get " + route;
    }

    @Override
    boolean micrometer() {
        return true;
    }
}
