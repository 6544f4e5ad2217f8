package dev.tracestore.core.analysis;

import dev.tracestore.core.query.AttributeLookup;
import dev.tracestore.core.store.ScannedSpan;
import io.opentelemetry.api.trace.SpanKind;

import java.util.HashMap;
import java.util.Map;

/**
 * The spans of a window as parent-linked nodes: what the dependency rules need of each span (service, kind, parent,
 * failed, and for client and producer spans the name of the peer they call), keyed by trace and span ID.
 */
final class CallGraph {

    /** Where the name of a callee that stores no spans is read from, in order. */
    private static final AttributeLookup[] PEER_NAMES = {AttributeLookup.of("peer.service"),
            AttributeLookup.of("server.address"), AttributeLookup.of("db.system")};

    /** A span's identity: its trace and its own ID. */
    record Key(long traceHigh, long traceLow, long spanId) {
    }

    /** What the rules need of one span. */
    static final class Node {
        final Key key;
        final String service;
        final SpanKind kind;
        final long parentSpanId;
        final boolean failed;
        final String peer;
        /** Whether the span is among those read, not looked up for a parent outside them. */
        final boolean read;
        /** Whether a callee's span named this client or producer span as its caller. */
        boolean answered;

        Node(Key key, String service, SpanKind kind, long parentSpanId, boolean failed, String peer, boolean read) {
            this.read = read;
            this.key = key;
            this.service = service;
            this.kind = kind;
            this.parentSpanId = parentSpanId;
            this.failed = failed;
            this.peer = peer;
        }

        boolean isCallee() {
            return kind == SpanKind.SERVER || kind == SpanKind.CONSUMER;
        }

        boolean isCaller() {
            return kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER;
        }

        Key parentKey() {
            return parentSpanId == 0 ? null : new Key(key.traceHigh(), key.traceLow(), parentSpanId);
        }
    }

    private final Map<Key, Node> nodes = new HashMap<>();

    /**
     * Adds a span; a span seen twice keeps its first node.
     *
     * @param read {@code true} for a span of the window, {@code false} for one looked up as a parent
     */
    Node add(ScannedSpan span, boolean read) {
        Key key = new Key(span.traceIdHigh(), span.traceIdLow(), span.spanId());
        Node existing = nodes.get(key);
        if (existing != null) {
            return existing;
        }
        SpanKind kind = span.kind();
        String peer = read && (kind == SpanKind.CLIENT || kind == SpanKind.PRODUCER) ? peerName(span) : null;
        Node node = new Node(key, span.service(), kind, span.parentSpanId(), span.failed(), peer, read);
        nodes.put(key, node);
        return node;
    }

    Node get(Key key) {
        return key == null ? null : nodes.get(key);
    }

    Iterable<Node> nodes() {
        return nodes.values();
    }

    private static String peerName(ScannedSpan span) {
        for (AttributeLookup lookup : PEER_NAMES) {
            Object value = lookup.valueIn(span.attributes(), span.resourceAttributes());
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return null;
    }
}
