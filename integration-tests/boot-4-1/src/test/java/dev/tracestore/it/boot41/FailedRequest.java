package dev.tracestore.it.boot41;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The queries that find GET /products/{id}/fail's server span whichever convention named it: {@code failed},
 * {@code status} and the exception event's {@code exception.type}.
 */
final class FailedRequest {

    private FailedRequest() {
    }

    /** The one failed span, with its status and exception event as both conventions record them. */
    static JsonNode find(ProductsClient products) {
        List<JsonNode> failed = await().atMost(Duration.ofSeconds(10))
                .until(() -> products.search("failed=true"), spans -> !spans.isEmpty());
        assertThat(failed).hasSize(1);
        JsonNode server = failed.get(0);
        assertThat(server.get("kind").asString()).isEqualTo("SERVER");
        assertThat(server.get("status").get("code").asString()).isEqualTo("ERROR");
        assertThat(server.get("status").get("message").asString()).isEqualTo("product 8 is broken");
        assertThat(server.get("events")).singleElement().satisfies(event -> {
            assertThat(event.get("name").asString()).isEqualTo("exception");
            assertThat(event.get("attributes").get("exception.type").asString())
                    .isEqualTo("java.lang.IllegalStateException");
        });
        return server;
    }

    /** Status, error type and trace ID each find that span and only it. */
    static void assertFoundByStatusAndErrorType(ProductsClient products, JsonNode server) {
        String spanId = server.get("spanId").asString();
        assertThat(products.search("status=error")).extracting(span -> span.get("spanId").asString())
                .containsExactly(spanId);
        assertThat(products.search("errorType=java.lang.IllegalStateException"))
                .extracting(span -> span.get("spanId").asString()).containsExactly(spanId);
        assertThat(products.search("traceId=" + server.get("traceId").asString()))
                .extracting(span -> span.get("spanId").asString()).containsExactly(spanId);
    }
}
