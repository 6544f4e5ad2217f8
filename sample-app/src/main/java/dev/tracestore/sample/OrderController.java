package dev.tracestore.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The HTTP face of the orders service; the work happens in {@link OrderService}. */
@RestController
class OrderController {

    private final OrderService orders;
    private final CurrentTraceId currentTraceId;

    OrderController(OrderService orders, CurrentTraceId currentTraceId) {
        this.orders = orders;
        this.currentTraceId = currentTraceId;
    }

    @GetMapping("/orders/{id}")
    OrderResponse order(@PathVariable String id) {
        Quote quote = orders.find(id);
        return new OrderResponse(id, quote.inStock(), quote.priceCents(), currentTraceId.get());
    }

    // Fails on purpose: the server span ends with status ERROR and an exception event.
    @GetMapping("/orders/{id}/fail")
    void pay(@PathVariable String id) {
        orders.pay(id);
    }

    /** The JSON answer; {@code traceId} lets a reader fetch the request's trace from the traces endpoint. */
    record OrderResponse(String orderId, boolean inStock, long priceCents, String traceId) {
    }
}
