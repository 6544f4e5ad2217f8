package dev.tracestore.sample;

/** What {@link OrderService} found out about an order. */
record Quote(boolean inStock, long priceCents) {
}
