package dev.tracestore.sample;

import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code traces} endpoint follows Actuator's exposure rules: unless {@code management.endpoints.web.exposure.include}
 * names it, it is not on the web at all (Boot's default exposes {@code health} only), while spans are still kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=health")
class TracesNotExposedTests extends SampleAppTests {

    @Autowired
    SpanStore store;

    @Test
    void withoutExposureTheTracesEndpointIsNotFoundButSpansAreStillKept() {
        HttpGet http = new HttpGet(port);
        String traceId = http.get("/orders/42").headers().firstValue("X-Trace-Id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.getTrace(traceId).isEmpty());

        assertThat(http.get("/actuator/traces").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/traces/failures").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/traces/" + traceId).statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/traces?view=spans&limit=1").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator").body()).contains("health").doesNotContain("traces");
    }
}
