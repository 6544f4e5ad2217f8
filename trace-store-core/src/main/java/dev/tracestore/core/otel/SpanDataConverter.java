package dev.tracestore.core.otel;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.ArrayList;
import java.util.List;

/** Turns the SDK's {@link SpanData} into a {@link StoredSpan}, keeping every field trace-store shows. */
final class SpanDataConverter {

    private SpanDataConverter() {
    }

    static StoredSpan convert(SpanData data) {
        return new StoredSpan(
                data.getTraceId(),
                data.getSpanId(),
                data.getParentSpanContext().isValid() ? data.getParentSpanId() : "",
                data.getName(),
                data.getKind(),
                data.getStartEpochNanos(),
                data.getEndEpochNanos(),
                data.getStatus().getStatusCode(),
                data.getStatus().getDescription(),
                immutable(data.getAttributes()),
                events(data.getEvents()),
                links(data.getLinks()),
                data.getResource(),
                data.getInstrumentationScopeInfo());
    }

    /**
     * The SDK hands over its own map-backed attributes, which compare unequal to the immutable attributes read
     * back from a file; a copy makes stored spans equal however they were made.
     */
    private static Attributes immutable(Attributes attributes) {
        return attributes.isEmpty() ? Attributes.empty() : attributes.toBuilder().build();
    }

    private static List<SpanEvent> events(List<EventData> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<SpanEvent> converted = new ArrayList<>(events.size());
        for (EventData event : events) {
            converted.add(new SpanEvent(event.getName(), event.getEpochNanos(), immutable(event.getAttributes())));
        }
        return converted;
    }

    private static List<SpanLink> links(List<LinkData> links) {
        if (links.isEmpty()) {
            return List.of();
        }
        List<SpanLink> converted = new ArrayList<>(links.size());
        for (LinkData link : links) {
            converted.add(new SpanLink(link.getSpanContext().getTraceId(), link.getSpanContext().getSpanId(),
                    immutable(link.getAttributes())));
        }
        return converted;
    }
}
