package dev.tracestore.sample;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.stereotype.Service;

/**
 * Looks up an order across inventory and pricing, each in a child span of {@code order.find}, and fails a payment
 * on purpose. Observations are created by hand, so the sample needs no AOP.
 */
@Service
class OrderService {

    private final ObservationRegistry registry;
    private final InventoryService inventory;
    private final PricingService pricing;

    OrderService(ObservationRegistry registry, InventoryService inventory, PricingService pricing) {
        this.registry = registry;
        this.inventory = inventory;
        this.pricing = pricing;
    }

    Quote find(String orderId) {
        return Observation.createNotStarted("order.find", registry)
                .highCardinalityKeyValue("order.id", orderId)
                .observe(() -> new Quote(inventory.inStock(orderId), pricing.priceCents(orderId)));
    }

    void pay(String orderId) {
        inventory.inStock(orderId);
        Observation.createNotStarted("payment.charge", registry)
                .highCardinalityKeyValue("order.id", orderId)
                .observe(() -> charge(orderId));
    }

    // The sample's payment provider declines every card.
    private static void charge(String orderId) {
        throw new PaymentDeclinedException("card declined for order " + orderId);
    }
}
