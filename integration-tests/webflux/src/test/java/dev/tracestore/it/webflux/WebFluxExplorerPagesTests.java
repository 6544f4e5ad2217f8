package dev.tracestore.it.webflux;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
class WebFluxExplorerPagesTests {

    private static final Pattern REFERENCE = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s*\\(?\\s*'(\\.[^']+)'");

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void spanFiles(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", directory::toString);
    }

    @LocalServerPort
    int port;

    OpsHttp http;

    @BeforeEach
    void client() {
        http = new OpsHttp(port);
    }

    @Test
    void everyPageAndEverythingItReferencesLoads() {
        String first = tracedGreeting();
        String second = tracedGreeting();

        // As a browser's cache would, each file is fetched and checked once, for the first page that references it.
        Set<URI> fetched = new LinkedHashSet<>();
        for (String page : new String[] {"/actuator/traces", "/actuator/traces?failed=true&lookback=1h",
                "/actuator/traces/" + first, "/actuator/traces/compare/" + first + "/" + second,
                "/actuator/traces/operations-page?lookback=1h"}) {
            Set<URI> loaded = loadWithReferences(page, fetched);
            assertThat(loaded).as(page).anyMatch(uri -> uri.getPath().equals("/actuator/traces/assets/main.js"))
                    .anyMatch(uri -> uri.getPath().equals("/actuator/traces/assets/explorer.css"))
                    .anyMatch(uri -> uri.getPath().equals("/actuator/traces/assets/api.js"));
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

    /**
     * Loads a page as a browser would, then what it references, transitively, unless already fetched; answers every
     * URI the page needs.
     */
    private Set<URI> loadWithReferences(String path, Set<URI> fetched) {
        URI page = http.uri(path);
        HttpResponse<String> html = http.get(page, OpsHttp.BROWSER_ACCEPT);
        assertThat(html.statusCode()).as(path).isEqualTo(200);
        assertThat(contentType(html)).as(path).startsWith("text/html");
        assertThat(html.body()).as(path).contains("<!DOCTYPE html>");

        Set<URI> loaded = new LinkedHashSet<>();
        Deque<URI> pending = new ArrayDeque<>();
        references(REFERENCE, html.body()).forEach(reference -> pending.add(resolve(page, reference)));
        while (!pending.isEmpty()) {
            URI uri = pending.poll();
            if (!loaded.add(uri) || !fetched.add(uri)) {
                continue;
            }
            HttpResponse<String> response = http.get(uri, "*/*");
            assertThat(response.statusCode()).as(path + " references " + uri).isEqualTo(200);
            String file = uri.getPath();
            if (file.endsWith(".js")) {
                assertThat(contentType(response)).as(uri.toString()).matches("(text|application)/javascript.*");
                references(IMPORT, response.body()).forEach(module -> pending.add(uri.resolve(module)));
            } else if (file.endsWith(".css")) {
                assertThat(contentType(response)).as(uri.toString()).startsWith("text/css");
            } else {
                assertThat(uri.getQuery()).as(path + " references " + uri).isEqualTo("format=json");
                assertThat(contentType(response)).as(uri.toString()).matches("application/(.*\\+)?json.*");
            }
        }
        return loaded;
    }

    /** As a browser resolves it (RFC 3986): a query alone keeps the page's path, which {@link URI#resolve} drops. */
    private static URI resolve(URI page, String reference) {
        return reference.startsWith("?") ? URI.create(page.toString().replaceFirst("\\?.*", "") + reference)
                : page.resolve(reference);
    }

    private static Set<String> references(Pattern pattern, String text) {
        Set<String> references = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("data:")) {
                references.add(matcher.group(1));
            }
        }
        return references;
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }
}
