package dev.tracestore.it.boot41;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link QueriesAndAnalyses} on Boot 4.1 with Micrometer's convention: {@code http get /products/{id}}, {@code uri}. */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=micrometer")
class MicrometerQueriesAndAnalysesTests extends QueriesAndAnalyses {

    @Override
    String serverSpanName(String route) {
        return "http get " + route;
    }

    @Override
    boolean micrometer() {
        return true;
    }
}
