package dev.tracestore.core.store;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Adds the attributes of one scope (span, event or link attributes) to their {@link KeyPostings}, span after span:
 * one instance per scope, reused, so indexing a span allocates nothing. It remembers which postings the key at
 * each position of the last attribute list went to: consecutive spans of one instrumentation carry the same key
 * instances in the same order, so an identity check finds a key's postings without hashing its name. Not
 * thread-safe; the store guards it.
 */
final class AttributeIndexer implements BiConsumer<AttributeKey<?>, Object> {

    /** Positions remembered; attributes beyond them are looked up by name. */
    private static final int REMEMBERED = 64;

    private final Map<String, KeyPostings> keys;
    private final AttributeKey<?>[] rememberedKeys = new AttributeKey<?>[REMEMBERED];
    private final KeyPostings[] rememberedPostings = new KeyPostings[REMEMBERED];
    private long sequence;
    private long oldest;
    private int position;

    /** @param keys the postings by key name, which this adds to */
    AttributeIndexer(Map<String, KeyPostings> keys) {
        this.keys = keys;
    }

    /** Lists the span {@code sequence} under each of {@code attributes}. */
    void index(Attributes attributes, long sequence, long oldest) {
        this.sequence = sequence;
        this.oldest = oldest;
        this.position = 0;
        attributes.forEach(this);
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
        int at = position++;
        KeyPostings postings;
        if (at < REMEMBERED && rememberedKeys[at] == key) {
            postings = rememberedPostings[at];
        } else {
            postings = keys.computeIfAbsent(key.getKey(), k -> new KeyPostings());
            if (at < REMEMBERED) {
                rememberedKeys[at] = key;
                rememberedPostings[at] = postings;
            }
        }
        postings.add(sequence, key.getType(), value, oldest);
    }

    /**
     * @return the postings the attribute at {@code position} of the list last {@linkplain #index indexed} went to,
     *     when that attribute had {@code key} and its postings are remembered; otherwise {@code null}
     */
    KeyPostings indexedAt(int position, AttributeKey<?> key) {
        return position < REMEMBERED && rememberedKeys[position] == key ? rememberedPostings[position] : null;
    }

    /** Forgets the remembered postings: one of them may have left the map. */
    void forget() {
        Arrays.fill(rememberedKeys, null);
        Arrays.fill(rememberedPostings, null);
    }
}
