package dev.tracestore.autoconfigure;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.transport.RequestReplyReceiverContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the HTTP requests the application served (Spring's server request observations, servlet and WebFlux) and
 * runs {@link SpanFeedCheck#afterRequests()} once at {@link SpanFeedCheck#REQUESTS_BEFORE_CHECK}; after that it
 * costs one read per request.
 */
final class ServedRequestsObserver implements ObservationHandler<RequestReplyReceiverContext<?, ?>> {

    private final SpanFeedCheck check;
    private final AtomicInteger served = new AtomicInteger();

    ServedRequestsObserver(SpanFeedCheck check) {
        this.check = check;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof RequestReplyReceiverContext<?, ?>;
    }

    @Override
    public void onStop(RequestReplyReceiverContext<?, ?> context) {
        if (served.get() < SpanFeedCheck.REQUESTS_BEFORE_CHECK
                && served.incrementAndGet() == SpanFeedCheck.REQUESTS_BEFORE_CHECK) {
            check.afterRequests();
        }
    }
}
