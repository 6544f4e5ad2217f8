package dev.tracestore.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The HTML of the explorer's pages, {@code traces.html} beside this class: markup only. Style and script are the
 * files under {@code assets/} (see {@link TracesAssets}), served by the endpoint itself; no network but the
 * endpoint. The HTML is the same for every request of a page: the script reads the trace ID or the query from the
 * page's URL and fetches the data, so no request data is ever written into HTML.
 * <p>
 * The page carries a Content-Security-Policy that lets only the endpoint's own script and style files run (no inline
 * script or style) and lets it connect only to its own origin: were span data ever to reach the DOM as markup, it
 * could neither run nor send anything anywhere.
 */
final class TracesPage {

    private static final String TEMPLATE = "traces.html";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'";

    private final String template;
    private final byte[] searchPage;
    private final byte[] tracePage;
    private final byte[] operationsPage;
    private final String assetsVersion;

    private TracesPage(String template, String assetsVersion) {
        this.template = template.replace("{{content-security-policy}}", CONTENT_SECURITY_POLICY);
        this.assetsVersion = assetsVersion;
        // The asset links are relative, so that the pages work under any base path and context path.
        this.searchPage = page("search", "traces/");
        this.tracePage = page("trace", "");
        this.operationsPage = page("operations", "");
    }

    private byte[] page(String name, String toEndpoint) {
        return template.replace("{{preloads}}", preloads(name)).replace("{{page}}", name)
                .replace("{{assets}}", toEndpoint + "assets/" + assetsVersion + "/").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Lets the browser fetch every module at once instead of one level of imports after the other, and the trace page
     * its trace's JSON while the modules load: {@code ?format=json} is relative to the page's own URL, the trace's, so
     * no request data is written into the page.
     */
    private static String preloads(String page) {
        String modules = TracesAssets.FILES.stream().filter(file -> file.endsWith(".js"))
                .map(file -> "<link rel=\"modulepreload\" href=\"{{assets}}" + file + "\">")
                .collect(Collectors.joining("\n"));
        return page.equals("trace")
                ? modules + "\n<link rel=\"preload\" as=\"fetch\" href=\"?format=json\" crossorigin=\"anonymous\">"
                : modules;
    }

    /**
     * @param assetsVersion the version of the assets ({@link TracesAssets#version()}), in the URLs the page loads
     * @return the page, read from the class path
     */
    static TracesPage load(String assetsVersion) {
        try (InputStream in = TracesPage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing beside " + TracesPage.class.getName());
            }
            return new TracesPage(new String(in.readAllBytes(), StandardCharsets.UTF_8), assetsVersion);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + TEMPLATE, ex);
        }
    }

    /** @return the start page: filters, scatter plot and the matching traces of {@code /actuator/traces} */
    byte[] search() {
        return searchPage.clone();
    }

    /** @return the waterfall page of the trace named by the last segment of its URL */
    byte[] trace() {
        return tracePage.clone();
    }

    /** @return the operations page: RED per operation over time, service dependencies, problems */
    byte[] operations() {
        return operationsPage.clone();
    }

    /**
     * @param idsInPath how many trace IDs follow {@code /compare} in the page's path, 0 to 2
     * @return the page comparing the two traces named after {@code /compare/} in its URL
     */
    byte[] compare(int idsInPath) {
        return page("compare", "../".repeat(idsInPath));
    }
}
