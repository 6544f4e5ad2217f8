package dev.tracestore.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one HTML page of the {@code traces} endpoint, {@code traces.html} beside this class: HTML, CSS and JavaScript
 * in one file, no network but the endpoint's own JSON. It is the same for every request: the script reads the
 * trace ID or the query from the page's URL and fetches the data, so no request data is ever written into HTML.
 * <p>
 * The page carries a Content-Security-Policy that lets only its own script and style run (by their SHA-256, computed
 * here) and lets it connect only to its own origin: were span data ever to reach the DOM as markup, it could
 * neither run nor send anything anywhere.
 */
final class TracesPage {

    private static final String TEMPLATE = "traces.html";

    private final byte[] searchPage;
    private final byte[] tracePage;

    private TracesPage(String template) {
        String policy = "default-src 'none'; script-src '" + hash(template, "script") + "'; style-src '"
                + hash(template, "style") + "'; connect-src 'self'; img-src 'self' data:; form-action 'self'; "
                + "base-uri 'none'";
        String page = template.replace("{{content-security-policy}}", policy);
        this.searchPage = page.replace("{{page}}", "search").getBytes(StandardCharsets.UTF_8);
        this.tracePage = page.replace("{{page}}", "trace").getBytes(StandardCharsets.UTF_8);
    }

    /** @return the page, read from the class path */
    static TracesPage load() {
        try (InputStream in = TracesPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing beside " + TracesPage.class.getName());
            }
            return new TracesPage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + TEMPLATE, ex);
        }
    }

    /** @return the search page: a form over {@code /actuator/traces} and the matching traces */
    byte[] search() {
        return searchPage.clone();
    }

    /** @return the waterfall page of the trace named by the last segment of its URL */
    byte[] trace() {
        return tracePage.clone();
    }

    /** The CSP source of the one {@code <tag>} element of the template: {@code sha256-<base64>}. */
    private static String hash(String template, String tag) {
        int open = template.indexOf("<" + tag + ">");
        int close = template.indexOf("</" + tag + ">");
        if (open < 0 || close < open || template.indexOf("<" + tag + ">", open + 1) >= 0) {
            throw new IllegalStateException(TEMPLATE + " must hold exactly one <" + tag + "> element");
        }
        String content = template.substring(open + tag.length() + 2, close);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
        }
    }
}
