package dev.tracestore.it.boot41;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import static dev.tracestore.it.boot41.ProductsClient.attributes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code management.observations.conventions=opentelemetry} alone does on Boot 4.1.2: nothing yet, the spans
 * keep Micrometer's names and tags (Boot's property arrives with spring-projects/spring-boot#49241). When a Boot
 * version honours it, this test fails: then the property alone selects OpenTelemetry's conventions, and the README
 * and {@link OpenTelemetryConventionsTests} can drop the convention bean.
 */
@SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.observations.conventions=opentelemetry")
class ConventionsPropertyTests extends ProductsAppTests {

    @Test
    void onBoot412ThePropertyAloneKeepsMicrometersConventions() {
        ProductsClient products = new ProductsClient(port);
        String traceId = products.product("7");

        JsonNode server = products.trace(traceId, 1).get(0);
        assertThat(server.get("name").asString()).isEqualTo("http get /products/{id}");
        assertThat(attributes(server)).containsKeys("uri", "status", "exception").doesNotContainKey("http.route");
    }
}
