package dev.tracestore.autoconfigure;

import dev.tracestore.core.analysis.RepeatedCallDetector;
import dev.tracestore.core.query.InvalidParameterException;
import dev.tracestore.core.query.QueryParameters;

import java.time.Duration;
import java.util.Set;

/**
 * The parameters of repeated-call detection: {@code minCount} (at least 2, default
 * {@value RepeatedCallDetector#DEFAULT_MIN_COUNT}) and {@code minTotalDuration} (a duration such as {@code 5ms} or
 * {@code PT0.005S}, default 0), each at most once.
 *
 * <pre>{@code
 * RepeatedCallDetector detector = RepeatParameters.detector(call.request());
 * }</pre>
 */
final class RepeatParameters {

    static final Set<String> NAMES = Set.of("minCount", "minTotalDuration");

    private RepeatParameters() {
    }

    static RepeatedCallDetector detector(TracesRequest request) {
        String count = request.single("minCount");
        String total = request.single("minTotalDuration");
        int minCount = RepeatedCallDetector.DEFAULT_MIN_COUNT;
        if (count != null) {
            try {
                minCount = Integer.parseInt(count.strip());
            } catch (NumberFormatException ex) {
                minCount = -1;
            }
            if (minCount < 2) {
                throw new InvalidParameterException("minCount", "minCount must be a whole number of at least 2, "
                        + "but was '" + TracesRequest.abbreviate(count) + "'");
            }
        }
        Duration minTotal = total == null ? Duration.ZERO : QueryParameters.duration(total, "minTotalDuration");
        return new RepeatedCallDetector(minCount, minTotal);
    }
}
