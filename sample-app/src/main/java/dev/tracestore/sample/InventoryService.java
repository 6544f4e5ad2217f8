package dev.tracestore.sample;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.stereotype.Service;

/** Checks stock in an {@code inventory.check} observation, which becomes a child span of the caller's. */
@Service
class InventoryService {

    private final ObservationRegistry registry;

    InventoryService(ObservationRegistry registry) {
        this.registry = registry;
    }

    boolean inStock(String orderId) {
        return Observation.createNotStarted("inventory.check", registry)
                .lowCardinalityKeyValue("inventory.warehouse", "main")
                .highCardinalityKeyValue("order.id", orderId)
                .observe(() -> Math.floorMod(orderId.hashCode(), 10) != 0);
    }
}
