package dev.tracestore.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /orders/{id}/lines}: an order's lines, loaded with one query per line (see {@link OrderLines}). */
@RestController
class OrderLinesController {

    private final OrderLines orderLines;
    private final CurrentTraceId currentTraceId;

    OrderLinesController(OrderLines orderLines, CurrentTraceId currentTraceId) {
        this.orderLines = orderLines;
        this.currentTraceId = currentTraceId;
    }

    @GetMapping("/orders/{id}/lines")
    LinesResponse lines(@PathVariable String id) {
        return new LinesResponse(id, orderLines.of(id), currentTraceId.get());
    }

    /** The JSON answer; {@code traceId} names the request's trace, for {@code /actuator/traces/{traceId}/repeats}. */
    record LinesResponse(String orderId, List<OrderLines.Line> lines, String traceId) {
    }
}
