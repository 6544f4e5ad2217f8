package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.InMemorySpanStore;
import dev.tracestore.core.store.QueryDeadline;
import io.opentelemetry.api.trace.SpanKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedCallsByEndpointTest {

    private final InMemorySpanStore store = new InMemorySpanStore(10_000);

    @Test
    void ranksEndpointsByTracesWithRepeats() {
        for (int n = 0; n < 3; n++) {
            add(orders(n, 6 + n));
        }
        add(orders(3, 2));
        for (int n = 4; n < 7; n++) {
            add(Traces.trace(traceId(n)).span(1, 0, "GET /health", 0, 10, SpanKind.SERVER).spans());
        }
        add(items(7));

        RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(store, SpanQuery.builder().build(),
                RepeatedCallDetector.withDefaults(), QueryDeadline.after(Duration.ofSeconds(5)));

        assertThat(report.partial()).isFalse();
        assertThat(report.tracesExamined()).isEqualTo(8);
        assertThat(report.endpoints()).extracting(EndpointRepeats::endpoint)
                .containsExactly("GET /orders", "GET /items");
        EndpointRepeats orders = report.endpoints().get(0);
        assertThat(orders.service()).isEqualTo("shop");
        assertThat(orders.tracesExamined()).isEqualTo(4);
        assertThat(orders.tracesWithRepeats()).isEqualTo(3);
        assertThat(orders.runs()).isEqualTo(3);
        assertThat(orders.calls()).isEqualTo(6 + 7 + 8);
        assertThat(orders.totalDurationNanos()).isEqualTo((6 + 7 + 8) * 5);
        assertThat(orders.topOperation()).isEqualTo("select * from line where order_id = ?");
        assertThat(orders.exampleTraceId()).isEqualTo(traceId(2));
    }

    @Test
    void theQuerySelectsTheTraces() {
        add(orders(0, 6));
        add(items(1));

        RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(store,
                SpanQuery.builder().spanName("GET /items").build(), RepeatedCallDetector.withDefaults(),
                QueryDeadline.after(Duration.ofSeconds(5)));

        assertThat(report.tracesExamined()).isEqualTo(1);
        assertThat(report.endpoints()).extracting(EndpointRepeats::endpoint).containsExactly("GET /items");
    }

    @Test
    void aSpentTimeoutStopsReadingAndSaysSo() {
        add(orders(0, 6));

        RepeatedCallsReport report = RepeatedCallsByEndpoint.analyse(store, SpanQuery.builder().build(),
                RepeatedCallDetector.withDefaults(), QueryDeadline.after(Duration.ofNanos(1)));

        assertThat(report.partial()).isTrue();
        assertThat(report.tracesExamined()).isZero();
        assertThat(report.endpoints()).isEmpty();
    }

    private void add(List<StoredSpan> trace) {
        trace.forEach(store::add);
    }

    private static List<StoredSpan> orders(int n, int lines) {
        Traces trace = Traces.trace(traceId(n)).span(1, 0, "GET /orders", 0, 1000, SpanKind.SERVER);
        for (int line = 0; line < lines; line++) {
            trace.query(10 + line, 1, "select * from line where order_id = " + line, line * 10, line * 10 + 5);
        }
        return trace.spans();
    }

    private static List<StoredSpan> items(int n) {
        Traces trace = Traces.trace(traceId(n)).span(1, 0, "GET /items", 0, 1000, SpanKind.SERVER);
        for (int item = 0; item < 5; item++) {
            trace.query(10 + item, 1, "select price from item where id = ?", item * 10, item * 10 + 1);
        }
        return trace.spans();
    }

    private static String traceId(int n) {
        return String.format("%032x", n + 1);
    }
}
