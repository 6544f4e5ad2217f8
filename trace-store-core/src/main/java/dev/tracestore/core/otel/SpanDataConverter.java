package dev.tracestore.core.otel;

import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.List;

/**
 * Turns the SDK's {@link SpanData} into a {@link StoredSpan}, keeping every field trace-store shows, with the
 * attributes of the span, its events and its links made fit to keep by an {@link AttributeSanitizer}: redaction
 * happens here, before a value reaches the store or the files.
 */
final class SpanDataConverter {

    private final AttributeSanitizer sanitizer;
    /** The copy of the span's own attributes, events' and links': converting is the ingest worker's alone. */
    private final AttributeShapes shapes;

    SpanDataConverter(AttributeSanitizer sanitizer) {
        this.sanitizer = sanitizer;
        this.shapes = new AttributeShapes(sanitizer);
    }

    StoredSpan convert(SpanData data) {
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
                shapes.sanitize(data.getAttributes(), data.getTotalAttributeCount() - data.getAttributes().size()),
                events(data.getEvents()),
                links(data.getLinks()),
                data.getResource(),
                data.getInstrumentationScopeInfo());
    }

    /**
     * Applies the redaction and limits to a span read back from a file, which may predate them or come from
     * another writer.
     *
     * @return {@code span} itself when nothing changes
     */
    StoredSpan sanitize(StoredSpan span) {
        boolean needed = sanitizer.needsSanitizing(span.attributes())
                || span.events().stream().anyMatch(event -> sanitizer.needsSanitizing(event.attributes()))
                || span.links().stream().anyMatch(link -> sanitizer.needsSanitizing(link.attributes()));
        if (!needed) {
            return span;
        }
        return new StoredSpan(span.traceId(), span.spanId(), span.parentSpanId(), span.name(), span.kind(),
                span.startEpochNanos(), span.endEpochNanos(), span.statusCode(), span.statusMessage(),
                sanitizer.sanitize(span.attributes(), 0),
                span.events().stream().map(event -> new SpanEvent(event.name(), event.epochNanos(),
                        sanitizer.sanitize(event.attributes(), 0))).toList(),
                span.links().stream().map(link -> new SpanLink(link.traceId(), link.spanId(),
                        sanitizer.sanitize(link.attributes(), 0))).toList(),
                span.resource(), span.scope());
    }

    // The sanitized attributes are immutable copies: the SDK's own map-backed attributes compare unequal to the
    // attributes read back from a file, and a copy makes stored spans equal however they were made.
    private List<SpanEvent> events(List<EventData> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        SpanEvent[] converted = new SpanEvent[events.size()];
        for (int i = 0; i < converted.length; i++) {
            EventData event = events.get(i);
            converted[i] = new SpanEvent(event.getName(), event.getEpochNanos(), shapes.sanitize(
                    event.getAttributes(), event.getTotalAttributeCount() - event.getAttributes().size()));
        }
        return List.of(converted); // immutable already: StoredSpan keeps it without a copy
    }

    private List<SpanLink> links(List<LinkData> links) {
        if (links.isEmpty()) {
            return List.of();
        }
        SpanLink[] converted = new SpanLink[links.size()];
        for (int i = 0; i < converted.length; i++) {
            LinkData link = links.get(i);
            converted[i] = new SpanLink(link.getSpanContext().getTraceId(), link.getSpanContext().getSpanId(),
                    shapes.sanitize(link.getAttributes(), link.getTotalAttributeCount() - link.getAttributes().size()));
        }
        return List.of(converted);
    }
}
