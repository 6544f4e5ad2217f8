package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.DependencyLink;
import dev.tracestore.core.analysis.DependencyReport;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

import java.util.List;

/**
 * The answer of {@code /actuator/traces/analysis/dependencies}: caller to callee links, most calls first.
 *
 * <pre>{@code
 * {"links": [{"caller": "shop", "callee": "orders", "calls": 120, "errors": 3, "uninstrumented": false},
 *            {"caller": "orders", "callee": "postgresql", "calls": 480, "errors": 0, "uninstrumented": true}],
 *  "spans": 5000, "partial": false, "reloading": false}
 * }</pre>
 *
 * @param links the links
 * @param spans how many spans were read
 * @param partial whether spans of the window were not read
 * @param partialReason why, and how to narrow the analysis; {@code null} when complete
 * @param reloading {@code true} while the span files are read back after a start
 */
public record DependenciesDescriptor(List<DependencyLink> links, long spans, boolean partial,
        @Nullable String partialReason, boolean reloading) implements OperationResponseBody {

    static DependenciesDescriptor of(DependencyReport report, boolean reloading) {
        return new DependenciesDescriptor(report.links(), report.spans(), report.partial(), report.truncatedReason(),
                reloading);
    }
}
