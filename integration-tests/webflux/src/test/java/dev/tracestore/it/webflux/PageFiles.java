package dev.tracestore.it.webflux;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads an explorer page over HTTP as a browser does, and everything it references: stylesheet, script modules, what
 * the modules import, the trace page's preloaded JSON; each must answer 200 with the content type the browser needs.
 * As a browser's cache would, each file is fetched and checked once, for the first page that references it.
 */
final class PageFiles {

    private static final Pattern REFERENCE = Pattern.compile("(?:href|src)=\"([^\"]+)\"");
    private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s*\\(?\\s*'(\\.[^']+)'");

    private final OpsHttp http;
    private final Set<URI> fetched = new LinkedHashSet<>();

    PageFiles(OpsHttp http) {
        this.http = http;
    }

    /**
     * Loads a page as a browser would, then what it references, transitively, unless already fetched; answers every
     * URI the page needs.
     */
    Set<URI> load(String path) {
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
