package dev.tracestore.sample;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.stereotype.Service;

import java.util.List;

/**
 * The lines of an order with their items, loaded the slow way on purpose: one query for the lines, then one query
 * per line for its item (an N+1 pattern), all under an {@code order.lines} span. One join would do; trace-store's
 * repeated-call detection ({@code /actuator/traces/{traceId}/repeats}) is what finds it.
 */
@Service
class OrderLines {

    private final ObservedJdbc jdbc;
    private final ObservationRegistry registry;

    OrderLines(ObservedJdbc jdbc, ObservationRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    List<Line> of(String orderId) {
        return Observation.createNotStarted("order.lines", registry)
                .highCardinalityKeyValue("order.id", orderId)
                .observe(() -> load(orderId));
    }

    private List<Line> load(String orderId) {
        List<Line> lines = jdbc.query("select sku, quantity from order_line where order_id = ? order by line_no",
                (row, n) -> new Line(row.getString("sku"), "", row.getInt("quantity"), 0), orderId);
        return lines.stream().map(line -> jdbc.query("select name, price_cents from item where sku = ?",
                (row, n) -> new Line(line.sku(), row.getString("name"), line.quantity(), row.getLong("price_cents")),
                line.sku()).get(0)).toList();
    }

    /** One line of an order. */
    record Line(String sku, String name, int quantity, long priceCents) {
    }
}
