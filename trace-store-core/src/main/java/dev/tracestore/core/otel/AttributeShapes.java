package dev.tracestore.core.otel;

import dev.tracestore.core.internal.SortedAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Copies the attributes of ended spans, sanitized, straight into the key-sorted array that {@link SortedAttributes}
 * keeps as it is. The general path ({@link AttributeSanitizer#sanitize}) fills a builder, which grows a list, copies
 * it, merge-sorts it and copies it again: a fifth of the conversion's CPU and half the ingest thread's allocation
 * per span. Spans of one instrumentation repeat one set of keys, and the SDK's hash map of a span's attributes hands
 * out the same keys in the same order every time; so the key order, the sorted order and each key's redaction rule
 * are worked out once per such "shape" and remembered, and a span of a known shape costs one array and one equality
 * check per key. The kept keys are the first instances seen of the shape: instrumentations that make a new
 * {@link AttributeKey} per span (Micrometer's bridge does) then hand the store and the writer the same instances
 * again, which their identity checks find.
 *
 * <p>Anything unusual (more attributes than kept, two keys of one name, an empty key) takes the general path, whose
 * result equals the copy's. Used by the ingest worker only: not thread-safe.
 *
 * <pre>{@code
 * AttributeShapes shapes = new AttributeShapes(sanitizer);
 * Attributes kept = shapes.sanitize(spanData.getAttributes(), droppedBySdk);
 * }</pre>
 */
final class AttributeShapes implements BiConsumer<AttributeKey<?>, Object> {

    /** Shapes remembered: a service's instrumentations make a few dozen. A power of two. */
    static final int SLOTS = 256;

    /** The keys of one shape in the order the source hands them out, and what the sorted copy takes from each. */
    private static final class Shape {
        final AttributeKey<?>[] sourceKeys;
        /** For each sorted position, the source position. */
        final int[] sourceIndex;
        /** For each sorted position, the key kept and its rule. */
        final AttributeKey<?>[] keptKeys;
        final Redaction.KeyRule[] rules;

        Shape(AttributeKey<?>[] sourceKeys, int[] sourceIndex, AttributeKey<?>[] keptKeys, Redaction.KeyRule[] rules) {
            this.sourceKeys = sourceKeys;
            this.sourceIndex = sourceIndex;
            this.keptKeys = keptKeys;
            this.rules = rules;
        }
    }

    private final AttributeSanitizer sanitizer;
    private final Shape[] shapes = new Shape[SLOTS];
    // the attributes being copied, in the source's order
    private AttributeKey<?>[] keys = new AttributeKey<?>[16];
    private Object[] values = new Object[16];
    private int size;

    AttributeShapes(AttributeSanitizer sanitizer) {
        this.sanitizer = sanitizer;
    }

    /**
     * @param attributes the attributes as recorded
     * @param droppedBefore attributes the SDK already left out, counted as dropped
     * @return immutable attributes, redacted and within the limits: equal to {@link AttributeSanitizer#sanitize}'s
     */
    Attributes sanitize(Attributes attributes, int droppedBefore) {
        int count = attributes.size();
        if (count == 0 || count > sanitizer.maxCount()) {
            return sanitizer.sanitize(attributes, droppedBefore);
        }
        sanitizer.countDropped(droppedBefore);
        if (keys.length < count) {
            keys = new AttributeKey<?>[Math.max(count, 2 * keys.length)];
            values = new Object[keys.length];
        }
        size = 0;
        attributes.forEach(this);
        try {
            Shape shape = size == count ? shapeOfCopied() : null;
            return shape == null ? sanitizer.sanitize(attributes, 0) : copy(shape);
        } finally {
            Arrays.fill(values, 0, size, null); // hold no value of a stored span
        }
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
        if (size < keys.length) {
            keys[size] = key;
            values[size] = value;
        }
        size++;
    }

    private Attributes copy(Shape shape) {
        Object[] keysAndValues = new Object[2 * size];
        for (int i = 0; i < size; i++) {
            int from = shape.sourceIndex[i];
            keysAndValues[2 * i] = shape.keptKeys[i];
            keysAndValues[2 * i + 1] = sanitizer.keptValue(keys[from], shape.rules[i], values[from]);
        }
        return SortedAttributes.ofAscending(keysAndValues);
    }

    /** @return the shape of the copied keys, remembered now if it was not; {@code null} for the general path */
    private Shape shapeOfCopied() {
        int slot = slotOfCopied();
        Shape known = shapes[slot];
        if (known != null && matches(known)) {
            return known;
        }
        Shape learned = learn();
        if (learned != null) {
            shapes[slot] = learned;
        }
        return learned;
    }

    private int slotOfCopied() {
        int hash = size;
        hash = 31 * hash + keys[0].getKey().hashCode();
        hash = 31 * hash + keys[size - 1].getKey().hashCode();
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }

    private boolean matches(Shape shape) {
        AttributeKey<?>[] known = shape.sourceKeys;
        if (known.length != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] != known[i] && !keys[i].equals(known[i])) {
                return false;
            }
        }
        return true;
    }

    /** Sorts the copied keys by name, as the SDK's attributes are; {@code null} when two share a name or one is empty. */
    private Shape learn() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            String name = keys[i].getKey();
            if (name.isEmpty()) {
                return null;
            }
            int at = i;
            while (at > 0) {
                int compared = keys[order[at - 1]].getKey().compareTo(name);
                if (compared == 0) {
                    return null;
                }
                if (compared < 0) {
                    break;
                }
                order[at] = order[at - 1];
                at--;
            }
            order[at] = i;
        }
        AttributeKey<?>[] keptKeys = new AttributeKey<?>[size];
        Redaction.KeyRule[] rules = new Redaction.KeyRule[size];
        for (int i = 0; i < size; i++) {
            AttributeKey<?> key = keys[order[i]];
            rules[i] = sanitizer.ruleOf(key);
            keptKeys[i] = AttributeSanitizer.keptKey(key, rules[i]);
        }
        return new Shape(Arrays.copyOf(keys, size), order, keptKeys, rules);
    }
}
