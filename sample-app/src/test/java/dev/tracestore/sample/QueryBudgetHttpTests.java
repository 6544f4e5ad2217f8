package dev.tracestore.sample;

import dev.tracestore.core.store.SpanStore;
import dev.tracestore.core.testing.TestSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search that runs out of its budget answers what it found over HTTP with {@code "partial": true} and the
 * reason, instead of running on: the query timeout ({@code tracestore.query-timeout}) and the characters all
 * regular expressions of one query may read together.
 */
class QueryBudgetHttpTests {

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A GET that waits as long as a search may take on a busy machine (HttpGet gives up after 10 s). */
    private static JsonNode slowGet(int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofMinutes(2)).GET().build();
        return HttpGet.json(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "tracestore.query-timeout=1ns")
    class PastTheQueryTimeout extends SampleAppTests {

        @Autowired
        SpanStore store;

        @Test
        void everySearchAnswersPartialNamingTheProperty() {
            store.add(TestSpans.span(1, 1, System.currentTimeMillis() * 1_000_000L).build());
            HttpGet http = new HttpGet(port);
            for (String path : new String[] {"/actuator/traces", "/actuator/traces?view=spans",
                    "/actuator/traces/failures"}) {
                HttpResponse<String> response = http.get(path);

                assertThat(response.statusCode()).as(path).isEqualTo(200);
                JsonNode body = HttpGet.json(response);
                assertThat(body.get("partial").asBoolean()).as(path).isTrue();
                assertThat(body.get("partialReason").asString()).as(path).contains("tracestore.query-timeout");
            }
        }
    }

    // a query timeout long enough for the regular-expression budget to run out first, on a busy machine too
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = "tracestore.query-timeout=10m")
    class OverTheRegexBudget extends SampleAppTests {

        @Autowired
        SpanStore store;

        @Test
        void anExpensiveRegexAnswersPartialAndACheapOneComplete() throws Exception {
            // .*.*z reads about 200 000 characters of each 650-character value that does not end in z
            long now = System.currentTimeMillis() * 1_000_000L;
            for (int i = 0; i < 1_000; i++) {
                store.add(TestSpans.span(i, i, now + i).attributes(Attributes.of(
                        AttributeKey.stringKey("payload"), "x".repeat(649) + (i % 4 == 0 ? "z" : "y"))).build());
            }
            JsonNode slow = slowGet(port, "/actuator/traces?view=spans&limit=10000&attr=" + encoded("payload=~.*.*z"));
            JsonNode cheap = slowGet(port, "/actuator/traces?view=spans&limit=10000&attr=" + encoded("payload=~x+z"));

            assertThat(slow.get("partial").asBoolean()).isTrue();
            assertThat(slow.get("partialReason").asString()).contains("regular expressions");
            assertThat(slow.get("spans").size()).isBetween(1, 249);
            assertThat(cheap.get("partial").asBoolean()).isFalse();
            assertThat(cheap.has("truncatedReason")).as("no reason when complete").isFalse();
            assertThat(cheap.get("spans").size()).isEqualTo(250);
        }
    }
}
