package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.InvalidParameterException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/operations-page}: the explorer's operations page, RED per operation with charts over
 * time, the service dependencies and the problems summary. A page only: its data are the answers of
 * {@code /actuator/traces/analysis/operations}, {@code .../dependencies} and {@code .../problems}, which the page
 * fetches; the look-back it shows is in its own URL ({@code ?lookback=1h}), read by its script, as are the window a
 * chart was zoomed to ({@code from}, {@code to}) and the operation whose charts it shows ({@code service},
 * {@code name}).
 *
 * <pre>{@code
 * open 'http://localhost:8080/actuator/traces/operations-page?lookback=1h'
 * open 'http://localhost:8080/actuator/traces/operations-page?from=2026-11-30T10:05:00Z&to=2026-11-30T10:20:00Z'
 * }</pre>
 */
final class OperationsPageRoute implements TracesRoute {

    static final String PATH = "operations-page";

    private static final MimeType HTML = new MimeType(MimeTypeUtils.TEXT_HTML, StandardCharsets.UTF_8);

    private final TracesPage page;

    OperationsPageRoute(TracesPage page) {
        this.page = page;
    }

    @Override
    public boolean answers(List<String> path) {
        return path.size() == 1 && path.get(0).equals(PATH);
    }

    @Override
    public String template() {
        return "/actuator/traces/" + PATH;
    }

    @Override
    public Set<String> parameters() {
        // The page's own settings, read by its script, not by the server.
        return Set.of("lookback", "from", "to", "service", "name");
    }

    @Override
    public Set<TracesFormat> formats() {
        return Set.of(TracesFormat.HTML);
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        if (call.format() != TracesFormat.HTML) {
            throw new InvalidParameterException("format", template() + " is a page: ask with Accept: text/html or "
                    + "format=html; its data are at /actuator/traces/analysis/operations, .../dependencies and "
                    + ".../problems");
        }
        return new WebEndpointResponse<>(page.operations(), WebEndpointResponse.STATUS_OK, HTML);
    }
}
