package dev.tracestore.sample;

import dev.tracestore.core.query.AttributeFilter;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With {@code tracestore.exclude=} (empty), the requests to {@code /actuator/traces} are stored like any other. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tracestore.exclude=")
class EmptyExcludeTests extends SampleAppTests {

    @Autowired
    SpanStore store;

    @Test
    void storesTheRequestsToTheTracesEndpoint() {
        HttpGet http = new HttpGet(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/actuator/traces").statusCode()).isEqualTo(200);
        }
        SpanQuery tracesRequests = SpanQuery.builder()
                .attribute(AttributeFilter.parse("url.path=~/actuator/traces.*")).build();

        await().atMost(Duration.ofSeconds(10)).until(() -> store.findSpans(tracesRequests).size() == 3);
    }
}
