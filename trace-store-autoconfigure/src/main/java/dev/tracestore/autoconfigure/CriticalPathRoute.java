package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.CriticalPath;
import dev.tracestore.core.analysis.CriticalPathSegment;
import dev.tracestore.core.model.StoredSpan;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /actuator/traces/{traceId}/critical-path}: the segments of one trace's critical path in time order
 * ({@link CriticalPath}), each with its span's service and name; no parameters.
 *
 * <pre>{@code
 * curl localhost:8080/actuator/traces/4bf92f3577b34da6a3ce929d0e0e4736/critical-path
 * }</pre>
 */
final class CriticalPathRoute implements TracesRoute {

    private final TracesSource source;

    CriticalPathRoute(TracesSource source) {
        this.source = source;
    }

    @Override
    public boolean answers(List<String> path) {
        return StoredTrace.isAnalysis(path, "critical-path");
    }

    @Override
    public String template() {
        return "/actuator/traces/{traceId}/critical-path";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    @Override
    public WebEndpointResponse<?> answer(TracesCall call) {
        return StoredTrace.answer(source, call, Path::of);
    }

    /**
     * The answer.
     *
     * @param traceId the trace
     * @param pathNanos the segments' durations added up
     * @param segments the path, in time order
     */
    record Path(String traceId, long pathNanos, List<Segment> segments) implements OperationResponseBody {

        static Path of(String traceId, List<StoredSpan> spans) {
            Map<String, StoredSpan> byId = new HashMap<>();
            spans.forEach(span -> byId.putIfAbsent(span.spanId(), span));
            List<Segment> segments = CriticalPath.of(spans).stream()
                    .map(segment -> Segment.of(segment, byId.get(segment.spanId()))).toList();
            return new Path(traceId, segments.stream().mapToLong(Segment::durationNanos).sum(), segments);
        }
    }

    /**
     * One stretch of the path.
     *
     * @param spanId the span on the path
     * @param service its {@code service.name}
     * @param name its name
     * @param startEpochNanos the start of the stretch
     * @param endEpochNanos its end
     * @param durationNanos its length
     */
    record Segment(String spanId, String service, String name, long startEpochNanos, long endEpochNanos,
            long durationNanos) {

        static Segment of(CriticalPathSegment segment, StoredSpan span) {
            return new Segment(segment.spanId(), span.serviceName(), span.name(), segment.startEpochNanos(),
                    segment.endEpochNanos(), segment.durationNanos());
        }
    }
}
