package dev.tracestore.autoconfigure;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/assets/{version}/{file}}: the explorer pages' script modules and stylesheet
 * ({@link TracesAssets}), so that the pages need nothing but the endpoint and their Content-Security-Policy can
 * allow script and style from {@code 'self'} only. The pages load them under the files' current version, which
 * browsers may cache for good ({@link ExplorerHeaders}); {@code /assets/{file}} answers the same files uncached. A
 * name not in the list, or another version, is a 404; it takes no query parameters.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/assets/main.js
 * }</pre>
 */
final class AssetsRoute implements TracesRoute {

    private static final String DIRECTORY = "assets";

    private final TracesAssets assets;

    AssetsRoute(TracesAssets assets) {
        this.assets = assets;
    }

    @Override
    public boolean answers(List<String> path) {
        return !path.isEmpty() && path.get(0).equals(DIRECTORY);
    }

    @Override
    public String template() {
        return "/actuator/traces/assets/{version}/{file}";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        List<String> path = call.path();
        boolean found = path.size() == 2 || (path.size() == 3 && path.get(1).equals(assets.version()));
        TracesAssets.Asset asset = found ? assets.get(path.get(path.size() - 1)) : null;
        if (asset == null) {
            return TracesErrorDescriptor.notFound("/actuator/traces/" + String.join("/", call.path())
                    + " is not a file of the explorer pages", call.accept().jsonType());
        }
        return new WebEndpointResponse<>(asset.content(), WebEndpointResponse.STATUS_OK, asset.contentType());
    }
}
