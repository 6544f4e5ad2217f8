package dev.tracestore.it.webflux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The explorer pages of a WebFlux app (Netty) behind the README's reactive security snippet, over real HTTP as a
 * browser asks for them: each page is HTML to the role OPS, and everything it references (stylesheet, script
 * modules, what the modules import, the trace page's preloaded JSON) loads with the content type the browser needs,
 * with the same credentials; without them, the pages and their assets are refused.
 */
@SpringBootTest(classes = GreetingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TracesUsers.class)
class WebFluxExplorerPagesTests extends GreetingAppTests {

    OpsHttp http;

    @BeforeEach
    void client() {
        http = new OpsHttp(port);
    }

    @Test
    void everyPageAndEverythingItReferencesLoads() {
        String first = tracedGreeting();
        String second = tracedGreeting();

        PageFiles files = new PageFiles(http);
        for (String page : new String[] {"/actuator/traces", "/actuator/traces?failed=true&lookback=1h",
                "/actuator/traces/" + first, "/actuator/traces/compare/" + first + "/" + second,
                "/actuator/traces/operations-page?lookback=1h"}) {
            Set<URI> loaded = files.load(page);
            // Assets are served under a version of their content: /assets/{12 hex}/{file}.
            assertThat(loaded).as(page).extracting(URI::getPath)
                    .anyMatch(path -> path.matches("/actuator/traces/assets/[0-9a-f]{12}/main\\.js"))
                    .anyMatch(path -> path.matches("/actuator/traces/assets/[0-9a-f]{12}/explorer\\.css"))
                    .anyMatch(path -> path.matches("/actuator/traces/assets/[0-9a-f]{12}/api\\.js"));
        }
    }

    @Test
    void thePagesAndAssetsNeedTheRoleOps() {
        assertThat(http.anonymous("/actuator/traces/assets/main.js").statusCode()).isEqualTo(401);
        assertThat(http.anonymous("/actuator/traces/operations-page").statusCode()).isEqualTo(401);
        assertThat(http.anonymous("/name").statusCode()).isEqualTo(200);
    }

    /** Calls /greeting and answers its trace ID once its server span, the root, is stored. */
    private String tracedGreeting() {
        assertThat(http.anonymous("/greeting").statusCode()).isEqualTo(200);
        return await().atMost(Duration.ofSeconds(10)).until(() -> newestRootTraceId(), id -> id != null);
    }

    private String newest;

    private String newestRootTraceId() {
        String traceId = http.json("/actuator/traces?limit=1&" + OpsHttp.encode("name") + "="
                + OpsHttp.encode("http get /greeting")).get("traces").path(0).path("traceId").asString(null);
        if (traceId == null || traceId.equals(newest)) {
            return null;
        }
        newest = traceId;
        return traceId;
    }
}
