package dev.tracestore.autoconfigure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer's Content-Security-Policy and caching headers over real HTTP in a Spring MVC application on Tomcat:
 * on the traces endpoint's paths only, under a context path and a management base path, and on a separate management
 * server.
 */
class ExplorerHeadersServletTests {

    private static final Pattern MAIN_SCRIPT = Pattern.compile("src=\"traces/assets/([0-9a-f]{12})/main\\.js\"");

    @TempDir
    Path directory;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ConfigurableApplicationContext context;

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    private void start(String... properties) {
        context = new SpringApplicationBuilder(App.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "server.address=127.0.0.1", "tracestore.directory=" + directory,
                        "management.endpoints.web.exposure.include=health,traces")
                .properties(properties).run();
    }

    @Test
    void theEndpointsPathsGetThePolicyAndCachingHeadersUnderTheContextAndBasePath() {
        start("server.servlet.context-path=/app", "management.endpoints.web.base-path=/manage");
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/app";

        assertExplorerHeaders(base + "/manage");
        assertThat(get(base + "/hello", "*/*").headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(get(base + "/manage/health", "*/*").headers().firstValue("Content-Security-Policy")).isEmpty();
        // The default base path is not the endpoint's path here.
        assertThat(get(base + "/actuator/traces", "text/html").headers().firstValue("Content-Security-Policy"))
                .isEmpty();
    }

    @Test
    void aSeparateManagementServerSetsThemOnItsOwnPaths() {
        start("management.server.port=0", "management.server.address=127.0.0.1",
                "management.server.base-path=/admin");
        String app = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        String management = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");

        assertExplorerHeaders(management + "/admin/actuator");
        assertThat(get(app + "/hello", "*/*").headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    private void assertExplorerHeaders(String actuator) {
        HttpResponse<String> page = get(actuator + "/traces", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
                        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        Matcher script = MAIN_SCRIPT.matcher(page.body());
        assertThat(script.find()).as(page.body()).isTrue();
        String version = script.group(1);

        HttpResponse<String> asset = get(actuator + "/traces/assets/" + version + "/main.js", "*/*");
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        HttpResponse<String> unversioned = get(actuator + "/traces/assets/main.js", "*/*");
        assertThat(unversioned.body()).isEqualTo(asset.body());
        assertThat(unversioned.headers().firstValue("Cache-Control")).hasValue("no-store");
        HttpResponse<String> otherVersion = get(actuator + "/traces/assets/000000000000/main.js", "*/*");
        assertThat(otherVersion.statusCode()).isEqualTo(404);
        assertThat(otherVersion.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> json = get(actuator + "/traces?limit=1", "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private HttpResponse<String> get(String url, String accept) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Hello.class)
    static class App {
    }

    @RestController
    static class Hello {

        @GetMapping("/hello")
        String hello() {
            return "hello";
        }
    }
}
