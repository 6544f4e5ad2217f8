package dev.tracestore.it.webflux;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WebFlux app under a base path ({@code spring.webflux.base-path=/app}) with Actuator moved
 * ({@code management.endpoints.web.base-path=/manage}): the explorer pages and every file they reference load from
 * {@code /app/manage/traces}, and the server spans of the pages' own requests are not stored among the app's.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.webflux.base-path=/app", "management.endpoints.web.base-path=/manage"})
@Import(TracesUsers.class)
class WebFluxBasePathTests extends GreetingAppTests {

    private static final String TRACES = "/app/manage/traces";

    @Test
    void thePagesLoadUnderTheBasePathAndAreNotStored() {
        OpsHttp http = new OpsHttp(port);
        String traceId = stored(http, 1);

        PageFiles files = new PageFiles(http);
        for (String page : List.of(TRACES, TRACES + "/" + traceId, TRACES + "/operations-page",
                TRACES + "/compare/" + traceId + "/" + traceId)) {
            // Assets are served under a version of their content: /assets/{12 hex}/{file}.
            assertThat(files.load(page)).as(page).extracting(URI::getPath)
                    .anyMatch(path -> path.matches(TRACES + "/assets/[0-9a-f]{12}/main\\.js"))
                    .anyMatch(path -> path.matches(TRACES + "/assets/[0-9a-f]{12}/explorer\\.css"));
        }
        assertThat(http.json(TRACES + "/analysis/operations?lookback=1h").get("operations")).isNotEmpty();

        // Spans are stored in the order they end: once this request's span is in, the pages' would be too.
        stored(http, 2);
        // Only the server spans: Spring Security's spans of the endpoint's requests are still stored (see README).
        List<String> names = new ArrayList<>();
        http.json(TRACES + "?view=spans&kind=server&limit=1000").get("spans")
                .forEach(span -> names.add(span.get("name").asString()));
        assertThat(names).containsExactly("http get /names/{id}", "http get /names/{id}");
    }

    /** GET /app/names/{id}, the id-th such request; answers its trace ID once its span is stored. */
    private static String stored(OpsHttp http, int id) {
        assertThat(http.anonymous("/app/names/" + id).statusCode()).isEqualTo(200);
        JsonNode spans = await().atMost(Duration.ofSeconds(10)).until(() -> http.json(TRACES + "?view=spans&name="
                + OpsHttp.encode("http get /names/{id}")).get("spans"), found -> found.size() == id);
        return spans.get(0).get("traceId").asString();
    }
}
