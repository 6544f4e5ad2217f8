package dev.tracestore.core.otel;

import io.opentelemetry.api.common.AttributeKey;
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
        if (droppedBefore > 0) {
            droppedAttributes.addAndGet(droppedBefore);
        }
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
        String name = key.getKey();
        Redaction.KeyRule rule = redaction.ruleOf(name);
        if (rule == Redaction.KeyRule.MASK) {
            switch (key.getType()) {
                case STRING_ARRAY -> builder.put(AttributeKey.stringArrayKey(name),
                        Collections.nCopies(((List<?>) value).size(), Redaction.MASK));
                default -> builder.put(AttributeKey.stringKey(name), Redaction.MASK);
            }
            return;
        }
        switch (key.getType()) {
            case STRING -> builder.put((AttributeKey<String>) key, truncate(redaction.redactValue(rule, (String) value)));
            case STRING_ARRAY -> {
                List<String> elements = (List<String>) value;
                List<String> cut = new ArrayList<>(elements.size());
                for (String element : elements) {
                    cut.add(truncate(element));
                }
                builder.put(AttributeKey.stringArrayKey(name), cut);
            }
            default -> builder.put((AttributeKey<Object>) key, value);
        }
    }

    /**
     * Keeps the first {@code maxLength} characters and says how many were cut: {@code "abc...[truncated 12 chars]"}.
     * Never splits a surrogate pair.
     */
    private String truncate(String value) {
        if (value.length() <= maxLength) {
            return value;
        }
        int keep = maxLength;
        if (keep > 0 && Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        truncatedValues.incrementAndGet();
        return value.substring(0, keep) + "...[truncated " + (value.length() - keep) + " chars]";
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
