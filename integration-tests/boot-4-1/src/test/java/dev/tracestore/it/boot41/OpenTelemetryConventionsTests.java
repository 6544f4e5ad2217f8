package dev.tracestore.it.boot41;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.observation.OpenTelemetryServerRequestObservationConvention;
import tools.jackson.databind.JsonNode;

import static dev.tracestore.it.boot41.ProductsClient.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Boot 4.1 with OpenTelemetry's semantic conventions: server spans are named {@code GET /products/{id}} and carry
 * {@code http.route}, {@code http.response.status_code} (a string) and {@code error.type}. Boot 4.1.2 has no
 * {@code management.observations.conventions} property yet (see {@link ConventionsPropertyTests}), so the app
 * selects them as on Boot 4.0, with Spring Framework's convention bean; the property is set too, for the Boot
 * version that reads it.
 */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=opentelemetry")
@Import(OpenTelemetryConventionsTests.Conventions.class)
class OpenTelemetryConventionsTests extends ProductsAppTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Conventions {

        @Bean
        OpenTelemetryServerRequestObservationConvention openTelemetryServerRequestObservationConvention() {
            return new OpenTelemetryServerRequestObservationConvention();
        }
    }

    @Test
    void aRequestIsStoredWithOpenTelemetrysNameAndAttributes() {
        ProductsClient products = new ProductsClient(port);
        String traceId = products.product("7");

        JsonNode server = products.trace(traceId, 1).get(0);
        assertThat(server.get("name").asString()).isEqualTo("GET /products/{id}");
        assertThat(server.get("kind").asString()).isEqualTo("SERVER");
        assertThat(server.get("service").asString()).isEqualTo("products");
        assertThat(attributes(server)).containsExactly(entry("error.type", "none"),
                entry("http.request.method", "GET"), entry("http.request.method_original", "GET"),
                entry("http.response.status_code", "200"), entry("http.route", "/products/{id}"),
                entry("outcome", "SUCCESS"), entry("url.path", "/products/7"), entry("url.scheme", "http"));
        assertThat(server.get("attributes").get("http.response.status_code").isString()).isTrue();
    }

    @Test
    void aFailedRequestIsFoundByConventionIndependentQueries() {
        ProductsClient products = new ProductsClient(port);
        products.failingProduct("8");

        JsonNode server = FailedRequest.find(products);
        assertThat(server.get("name").asString()).isEqualTo("GET /products/{id}/fail");
        assertThat(attributes(server)).contains(entry("error.type", "java.lang.IllegalStateException"),
                entry("http.response.status_code", "500"), entry("http.route", "/products/{id}/fail"))
                .doesNotContainKeys("exception", "status", "uri");
        FailedRequest.assertFoundByStatusAndErrorType(products, server);
    }
}
