package dev.tracestore.it.boot41;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import static dev.tracestore.it.boot41.ProductsClient.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Boot 4.1 with {@code management.observations.conventions=micrometer}: server spans are named and tagged the
 * Micrometer way ({@code http get /products/{id}}, {@code uri}, {@code status}, {@code exception}), every value a
 * string, and trace-store stores them, finds them by trace ID and finds the failure.
 */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=micrometer")
class MicrometerConventionsTests extends ProductsAppTests {

    @Test
    void aRequestIsStoredWithMicrometersNameAndTags() {
        ProductsClient products = new ProductsClient(port);
        String traceId = products.product("7");

        JsonNode server = products.trace(traceId, 1).get(0);
        assertThat(server.get("name").asString()).isEqualTo("http get /products/{id}");
        assertThat(server.get("kind").asString()).isEqualTo("SERVER");
        assertThat(server.get("service").asString()).isEqualTo("products");
        assertThat(server.get("status").get("code").asString()).isEqualTo("UNSET");
        assertThat(attributes(server)).containsExactly(entry("exception", "none"), entry("http.url", "/products/7"),
                entry("method", "GET"), entry("outcome", "SUCCESS"), entry("status", "200"),
                entry("uri", "/products/{id}"));
        assertThat(server.get("scope").get("version").asString()).startsWith("4.1.");
    }

    @Test
    void aFailedRequestIsFoundByConventionIndependentQueries() {
        ProductsClient products = new ProductsClient(port);
        products.failingProduct("8");

        JsonNode server = FailedRequest.find(products);
        assertThat(server.get("name").asString()).isEqualTo("http get /products/{id}/fail");
        assertThat(attributes(server)).contains(entry("exception", "IllegalStateException"),
                entry("outcome", "SERVER_ERROR"), entry("status", "500"), entry("uri", "/products/{id}/fail"))
                .doesNotContainKeys("error.type", "http.response.status_code", "http.route");
        FailedRequest.assertFoundByStatusAndErrorType(products, server);
    }
}
