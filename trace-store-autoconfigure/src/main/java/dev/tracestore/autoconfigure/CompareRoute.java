package dev.tracestore.autoconfigure;

import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.query.InvalidParameterException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /actuator/traces/compare/{traceIdA}/{traceIdB}}: the page comparing two traces by operation (added,
 * removed, slower, faster). A page only: the data are the two traces' own JSON, which the page fetches. Either ID
 * may be left out, {@code /actuator/traces/compare/{traceIdA}}, and the page asks for it.
 *
 * <pre>{@code
 * open http://localhost:8080/actuator/traces/compare/4bf92f3577b34da6a3ce929d0e0e4736/0af7651916cd43dd8448eb211c80319c
 * }</pre>
 */
final class CompareRoute implements TracesRoute {

    private static final MimeType HTML = new MimeType(MimeTypeUtils.TEXT_HTML, StandardCharsets.UTF_8);
    private static final String COMPARE = "compare";

    private final TracesPage page;

    CompareRoute(TracesPage page) {
        this.page = page;
    }

    @Override
    public boolean answers(List<String> path) {
        return !path.isEmpty() && path.get(0).equals(COMPARE) && path.size() <= 3;
    }

    @Override
    public String template() {
        return "/actuator/traces/compare/{traceIdA}/{traceIdB}";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public Set<TracesFormat> formats() {
        return Set.of(TracesFormat.HTML);
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        if (call.format() != TracesFormat.HTML) {
            throw new InvalidParameterException("format", template() + " is a page: ask with Accept: text/html or "
                    + "format=html; the traces' data are at /actuator/traces/{traceId}");
        }
        List<String> ids = call.path().subList(1, call.path().size());
        for (String id : ids) {
            try {
                HexIds.requireTraceId(id, "traceId");
            } catch (IllegalArgumentException ex) {
                throw new InvalidParameterException("traceId", ex.getMessage());
            }
        }
        return new WebEndpointResponse<>(page.compare(ids.size()), WebEndpointResponse.STATUS_OK, HTML);
    }
}
