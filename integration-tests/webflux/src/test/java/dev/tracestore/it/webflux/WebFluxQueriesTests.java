package dev.tracestore.it.webflux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tracestore.it.webflux.OpsHttp.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The second half's queries on a WebFlux app (Netty) with Boot's default, Micrometer, naming ({@code http get
 * /names/{id}}, tags {@code uri}, {@code status}, {@code outcome}, {@code exception}), over real HTTP behind the
 * README's reactive security snippet: TraceQL ({@code q=}), the listings, RED per operation grouped by
 * {@code http.route} (read from Micrometer's {@code uri}), a trace's analyses, and the 400s of bad requests.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TracesUsers.class)
class WebFluxQueriesTests extends GreetingAppTests {

    /** The requests every test reads, made once for the class's one app. */
    private static boolean called;

    OpsHttp http;

    @BeforeEach
    void traffic() {
        http = new OpsHttp(port);
        if (called) {
            return;
        }
        for (String id : List.of("1", "2", "3")) {
            assertThat(http.anonymous("/names/" + id).statusCode()).isEqualTo(200);
        }
        assertThat(http.anonymous("/names/4/fail").statusCode()).isEqualTo(500);
        assertThat(http.anonymous("/greeting").statusCode()).isEqualTo(200);
        // Six server spans: three /names/{id}, the failure, /greeting and the /name it calls.
        await().atMost(Duration.ofSeconds(10)).until(() -> http.json("/actuator/traces?view=spans&kind=server")
                .get("spans").size() == 6);
        called = true;
    }

    @Test
    void traceQlFindsMicrometerNamedSpans() {
        JsonNode byRoute = search("{ span.uri = \"/names/{id}\" }");
        assertThat(byRoute.get("traces")).hasSize(3).allSatisfy(trace -> {
            assertThat(trace.get("rootName").asString()).isEqualTo("http get /names/{id}");
            assertThat(trace.get("spansets")).singleElement().satisfies(spanset -> assertThat(spanset.get("spans"))
                    .singleElement().satisfies(
                            matched -> assertThat(matched.get("span").get("kind").asString()).isEqualTo("SERVER")));
        });

        JsonNode failed = search("{ span.uri = \"/names/{id}/fail\" && span.status = \"500\" }");
        assertThat(failed.get("traces")).singleElement().satisfies(trace -> {
            assertThat(trace.get("errorCount").asInt()).isPositive();
            assertThat(trace.get("rootName").asString()).isEqualTo("http get /names/{id}/fail");
        });
        assertThat(search("{ status = error }").get("traces")).singleElement().satisfies(
                trace -> assertThat(trace.get("traceId")).isEqualTo(failed.get("traces").get(0).get("traceId")));

        // /greeting's server span has the WebClient span below it, which has /name's server span as its child.
        JsonNode calls = search("{ kind = server } >> { kind = client } > { kind = server }");
        assertThat(calls.get("traces")).singleElement().satisfies(trace -> {
            assertThat(trace.get("rootName").asString()).isEqualTo("http get /greeting");
            assertThat(trace.get("spansets").get(0).get("spans")).singleElement()
                    .satisfies(matched -> assertThat(matched.get("span").get("name").asString())
                            .isEqualTo("http get /name"));
        });
    }

    @Test
    void theListingsNameWhatIsStored() {
        assertThat(http.json("/actuator/traces/services").get("services").toString()).contains("\"greetings\"");
        Map<String, Integer> operations = new TreeMap<>();
        http.json("/actuator/traces/services/greetings/operations").get("operations").forEach(operation -> operations
                .put(operation.get("kind").asString() + " " + operation.get("name").asString(),
                        operation.get("spans").asInt()));
        assertThat(operations).contains(entry("server http get /names/{id}", 3),
                entry("server http get /names/{id}/fail", 1), entry("server http get /greeting", 1),
                entry("client http get", 1));

        Map<String, Integer> routes = new TreeMap<>();
        http.json("/actuator/traces/keys/uri/values?prefix=" + encode("/names")).get("values")
                .forEach(value -> routes.put(value.get("value").asString(), value.get("spans").asInt()));
        assertThat(routes).containsExactly(entry("/names/{id}", 3), entry("/names/{id}/fail", 1));
    }

    @Test
    void redGroupsByHttpRouteReadFromMicrometersUri() {
        JsonNode red = http.json("/actuator/traces/analysis/operations?lookback=1h&groupBy=http.route");
        Map<String, JsonNode> byRoute = new TreeMap<>();
        red.get("operations").forEach(operation -> byRoute.put(operation.get("group").path("http.route")
                .asString("(none)"), operation.get("total")));
        assertThat(byRoute).containsOnlyKeys("/names/{id}", "/names/{id}/fail", "/greeting", "/name");
        assertThat(byRoute.get("/names/{id}").get("count").asInt()).isEqualTo(3);
        assertThat(byRoute.get("/names/{id}").get("errors").asInt()).isZero();
        assertThat(byRoute.get("/names/{id}/fail").get("errors").asInt()).isEqualTo(1);
        assertThat(red.get("operations").get(0).get("group").get("http.route").asString()).isEqualTo("/names/{id}");
    }

    @Test
    void aTracesAnalysesCoverItsSpans() {
        String traceId = search("{ name = \"http get /greeting\" }").get("traces").get(0).get("traceId").asString();
        JsonNode trace = http.json("/actuator/traces/" + traceId);

        JsonNode statistics = http.json("/actuator/traces/" + traceId + "/statistics");
        assertThat(statistics.get("spanCount").asInt()).isEqualTo(trace.get("spans").size());
        List<String> operations = new ArrayList<>();
        statistics.get("operations").forEach(operation -> operations.add(operation.get("operation").asString()));
        assertThat(operations).contains("http get /greeting", "http get /name");

        JsonNode path = http.json("/actuator/traces/" + traceId + "/critical-path");
        long root = trace.get("spans").get(0).get("durationNanos").asLong();
        assertThat(path.get("pathNanos").asLong()).isEqualTo(root);
        assertThat(path.get("segments").get(0).get("name").asString()).isEqualTo("http get /greeting");

        assertThat(http.json("/actuator/traces/" + traceId + "/repeats").get("repeats")).isEmpty();
    }

    @Test
    void badRequestsAreFourHundredsNamingTheParameter() {
        JsonNode syntax = http.badRequest("/actuator/traces?q=" + encode("{ status = }"));
        assertThat(syntax.get("parameter").asString()).isEqualTo("q");
        assertThat(syntax.get("message").asString()).contains("column 12");

        assertThat(http.badRequest("/actuator/traces?servce=greetings").get("parameter").asString())
                .isEqualTo("servce");
        assertThat(http.badRequest("/actuator/traces?service=greetings&q=" + encode("{ status = error }"))
                .get("parameter").asString()).isEqualTo("service");
        assertThat(http.badRequest("/actuator/traces/analysis/operations?groupBy=http.route&bucket=1x")
                .get("parameter").asString()).isEqualTo("bucket");
        assertThat(http.badRequest("/actuator/traces/services?minCount=3").get("parameter").asString())
                .isEqualTo("minCount");
    }

    @Test
    void theEndpointWithATrailingSlashIsNotFound() {
        assertThat(http.get("/actuator/traces/", "application/json").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/traces/?format=json", "*/*").statusCode()).isEqualTo(404);
    }

    private JsonNode search(String traceQl) {
        return http.json("/actuator/traces?lookback=1h&q=" + encode(traceQl));
    }
}
