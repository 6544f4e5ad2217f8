package dev.tracestore.autoconfigure;

import java.util.Map;

/**
 * The response headers of the {@code traces} endpoint's paths, which Actuator's {@code WebEndpointResponse} cannot set,
 * so {@link ExplorerHeadersFilter} (servlet) and {@link ExplorerHeadersWebFilter} (WebFlux) set them:
 * <ul>
 * <li>every answer: the pages' Content-Security-Policy, with {@code frame-ancestors 'none'}, which only a header can
 * carry (the pages also keep it in a {@code <meta>} tag, so that a saved page keeps it too);
 * {@code X-Content-Type-Options: nosniff}; {@code Referrer-Policy: no-referrer};</li>
 * <li>the assets under their current version ({@code /assets/{version}/{file}}):
 * {@code Cache-Control: public, max-age=31536000, immutable}, as a new version is a new URL;</li>
 * <li>everything else (pages, JSON, unversioned assets): {@code Cache-Control: no-store}, as the spans change.</li>
 * </ul>
 * A path outside the endpoint gets nothing.
 *
 * <pre>{@code
 * ExplorerHeaders headers = new ExplorerHeaders("/actuator/traces", "3f2a9c0b71de");
 * headers.of("/actuator/traces/assets/3f2a9c0b71de/main.js"); // {Cache-Control=public, max-age=31536000, ...}
 * headers.of("/actuator/health");                          // {}
 * }</pre>
 */
final class ExplorerHeaders {

    static final String CONTENT_SECURITY_POLICY = TracesPage.CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'";
    static final String FOREVER = "public, max-age=31536000, immutable";
    static final String NO_STORE = "no-store";

    private final String endpointPath;
    private final String versionedAssets;

    /**
     * @param endpointPath the endpoint's path within the application (or the management server), such as
     *     {@code /actuator/traces}
     * @param assetsVersion the assets' current version ({@link TracesAssets#version()})
     */
    ExplorerHeaders(String endpointPath, String assetsVersion) {
        this.endpointPath = endpointPath;
        this.versionedAssets = endpointPath + "/assets/" + assetsVersion + "/";
    }

    /**
     * @param path the request's path within the application (without the context path)
     * @return the headers to set, empty for a path outside the endpoint
     */
    Map<String, String> of(String path) {
        if (!path.equals(endpointPath) && !path.startsWith(endpointPath + "/")) {
            return Map.of();
        }
        boolean asset = path.startsWith(versionedAssets) && path.indexOf('/', versionedAssets.length()) < 0;
        return Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY, "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer", "Cache-Control", asset ? FOREVER : NO_STORE);
    }
}
