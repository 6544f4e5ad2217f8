package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Makes the attributes of a span, event or link fit to keep: masks what the {@link Redaction} names, cuts string
 * values longer than {@code maxLength} characters, keeps at most {@code maxCount} attributes, and counts what it
 * cut and left out. Thread-safe: the worker and, when the queue is full, application threads share it.
 */
final class AttributeSanitizer {

    private final Redaction redaction;
    private static final String CUT_START = "...[truncated ";
    private static final String CUT_END = " chars]";

    private final int maxLength;
    private final int maxCount;
    private final AtomicLong truncatedValues = new AtomicLong();
    private final AtomicLong droppedAttributes = new AtomicLong();

    AttributeSanitizer(Redaction redaction, int maxLength, int maxCount) {
        this.redaction = redaction;
        this.maxLength = maxLength;
        this.maxCount = maxCount;
    }

    /**
     * @param attributes the attributes as recorded
     * @param droppedBefore attributes the SDK already left out (its span limits), counted as dropped
     * @return immutable attributes, redacted and within the limits
     */
    Attributes sanitize(Attributes attributes, int droppedBefore) {
        countDropped(droppedBefore);
        if (attributes.isEmpty()) {
            return Attributes.empty();
        }
        Attributes source = attributes;
        if (attributes.size() > maxCount) {
            droppedAttributes.addAndGet(attributes.size() - maxCount);
            // An immutable copy iterates in key order, so the kept attributes do not depend on hashing.
            source = attributes.toBuilder().build();
        }
        Copy copy = new Copy();
        source.forEach(copy);
        return copy.builder.build();
    }

    /** Counts attributes the SDK already left out (its span limits). */
    void countDropped(int droppedBefore) {
        if (droppedBefore > 0) {
            droppedAttributes.addAndGet(droppedBefore);
        }
    }

    /** @return the most attributes kept of one span, event or link */
    int maxCount() {
        return maxCount;
    }

    /** Puts the first {@code maxCount} attributes it is shown, sanitized, into a new builder. */
    private final class Copy implements BiConsumer<AttributeKey<?>, Object> {
        private final AttributesBuilder builder = Attributes.builder();
        private int kept;

        @Override
        public void accept(AttributeKey<?> key, Object value) {
            if (kept++ < maxCount) {
                put(builder, key, value);
            }
        }
    }

    /** @return {@code true} when {@link #sanitize} would change {@code attributes} */
    boolean needsSanitizing(Attributes attributes) {
        if (attributes.size() > maxCount) {
            return true;
        }
        boolean[] needed = {false};
        attributes.forEach((key, value) -> {
            if (!needed[0]) {
                needed[0] = redaction.masksKey(key.getKey()) || changesValue(key, value);
            }
        });
        return needed[0];
    }

    private boolean changesValue(AttributeKey<?> key, Object value) {
        if (value instanceof String text) {
            return text.length() > maxLength || !redaction.redactValue(key.getKey(), text).equals(text);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(element -> element instanceof String text && text.length() > maxLength);
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private void put(AttributesBuilder builder, AttributeKey<?> key, Object value) {
        Redaction.KeyRule rule = redaction.ruleOf(key.getKey());
        builder.put((AttributeKey<Object>) keptKey(key, rule), keptValue(key, rule, value));
    }

    /** @return the rule for the values of {@code key} */
    Redaction.KeyRule ruleOf(AttributeKey<?> key) {
        return redaction.ruleOf(key.getKey());
    }

    /** @return the key a value of {@code key} is kept under: a masked value is a string (or array of strings) */
    static AttributeKey<?> keptKey(AttributeKey<?> key, Redaction.KeyRule rule) {
        if (rule != Redaction.KeyRule.MASK) {
            return key;
        }
        return key.getType() == AttributeType.STRING_ARRAY ? AttributeKey.stringArrayKey(key.getKey())
                : AttributeKey.stringKey(key.getKey());
    }

    /** @return {@code value} of {@code key} masked, redacted and cut to the maximum length, as {@code rule} says */
    @SuppressWarnings("unchecked")
    Object keptValue(AttributeKey<?> key, Redaction.KeyRule rule, Object value) {
        if (rule == Redaction.KeyRule.MASK) {
            return key.getType() == AttributeType.STRING_ARRAY
                    ? Collections.nCopies(((List<?>) value).size(), Redaction.MASK) : Redaction.MASK;
        }
        return switch (key.getType()) {
            case STRING -> truncate(redaction.redactValue(rule, (String) value));
            case STRING_ARRAY -> truncateElements((List<String>) value);
            default -> value;
        };
    }

    /** @return {@code elements} itself when none is too long (no copy per span), else a copy with each one cut */
    private List<String> truncateElements(List<String> elements) {
        int size = elements.size();
        int i = 0;
        while (i < size && elements.get(i).length() <= maxLength) {
            i++;
        }
        if (i == size) {
            return List.copyOf(elements); // no copy of the SDK's immutable list; a caller's mutable one is copied
        }
        List<String> cut = new ArrayList<>(size);
        for (String element : elements) {
            cut.add(truncate(element));
        }
        return cut;
    }

    /**
     * Keeps the first {@code maxLength} characters and says how many were cut: {@code "abc...[truncated 12 chars]"}.
     * Never splits a surrogate pair. A value that already ends in such a marker (a span read back from the files) is
     * left alone while the text before it fits, and otherwise cut with the two counts added: cut again as plain
     * text, its count would become the marker's own length.
     */
    private String truncate(String value) {
        if (value.length() <= maxLength) {
            return value;
        }
        int marker = value.lastIndexOf(CUT_START);
        long cutBefore = marker < 0 ? -1 : cutCount(value, marker);
        String text = cutBefore < 0 ? value : value.substring(0, marker);
        if (text.length() <= maxLength) {
            return value;
        }
        int keep = maxLength;
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        truncatedValues.incrementAndGet();
        return text.substring(0, keep) + CUT_START + (text.length() - keep + Math.max(cutBefore, 0)) + CUT_END;
    }

    /** @return the N of a value ending in {@code "...[truncated N chars]"} from {@code marker} on, else -1 */
    private static long cutCount(String value, int marker) {
        int from = marker + CUT_START.length();
        int to = value.length() - CUT_END.length();
        if (to <= from || to - from > 18 || !value.endsWith(CUT_END)) {
            return -1;
        }
        long count = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            count = 10 * count + (c - '0');
        }
        return count;
    }

    /** @return string values (or array elements) cut to the maximum length so far */
    long truncatedValueCount() {
        return truncatedValues.get();
    }

    /** @return attributes left out so far, by the SDK's span limits or the maximum count */
    long droppedAttributeCount() {
        return droppedAttributes.get();
    }
}
