package dev.tracestore.core.store;

import dev.tracestore.core.internal.SortedAttributes;
import dev.tracestore.core.model.HexIds;
import dev.tracestore.core.model.SpanEvent;
import dev.tracestore.core.model.SpanLink;
import dev.tracestore.core.query.AttributeFilter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;

import java.util.List;
import java.util.function.Function;

/**
 * Packs the parts of a span that have no column of their own (status message, attributes, events, links) into a
 * record, and unpacks them. Attribute keys and event names are dictionary numbers; a span attribute's string value
 * is one too when its key has few distinct values, otherwise it is stored inline. Every number a record uses is
 * counted in the {@link Dictionary} when the record is written and released by {@link #release} when its span is
 * evicted, so the dictionary holds only what live spans use.
 */
final class SpanRecordCodec {

    static final int STRING = 0;
    static final int BOOLEAN = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;
    static final int STRING_ARRAY = 4;
    static final int BOOLEAN_ARRAY = 5;
    static final int LONG_ARRAY = 6;
    static final int DOUBLE_ARRAY = 7;
    /** The attribute type of each type code. */
    private static final AttributeType[] TYPES = {AttributeType.STRING, AttributeType.BOOLEAN, AttributeType.LONG,
        AttributeType.DOUBLE, AttributeType.STRING_ARRAY, AttributeType.BOOLEAN_ARRAY, AttributeType.LONG_ARRAY,
        AttributeType.DOUBLE_ARRAY};

    private final Dictionary dictionary;
    private final AttributeEncoder spanAttributes;
    private final AttributeEncoder otherAttributes;
    /** The number of "", the status message of almost every span, and {@link Dictionary#freed()} when it was taken. */
    private int emptyId = Dictionary.ABSENT;
    private long emptyIdWhileFreed = -1;

    SpanRecordCodec(Dictionary dictionary) {
        this.dictionary = dictionary;
        this.spanAttributes = new AttributeEncoder(dictionary, true);
        this.otherAttributes = new AttributeEncoder(dictionary, false);
    }

    /** The unpacked record. */
    record Fields(String statusMessage, Attributes attributes, List<SpanEvent> events, List<SpanLink> links) {
    }

    void encode(RecordWriter out, String statusMessage, Attributes attributes, List<SpanEvent> events,
            List<SpanLink> links, long startEpochNanos, AttributeEncoder.NumberedValues numberedValues) {
        out.writeString(statusMessage, statusMessage.isEmpty() ? emptyId() : Dictionary.ABSENT);
        spanAttributes.write(out, attributes, numberedValues);
        out.writeVarint(events.size());
        // indexed loops, as in SpanIndex.add: no iterator per span
        for (int i = 0; i < events.size(); i++) {
            SpanEvent event = events.get(i);
            out.writeString(event.name(), dictionary.acquire(event.name()));
            out.writeZigZag(event.epochNanos() - startEpochNanos);
            otherAttributes.write(out, event.attributes(), AttributeEncoder.NumberedValues.NONE);
        }
        out.writeVarint(links.size());
        for (int i = 0; i < links.size(); i++) {
            SpanLink link = links.get(i);
            out.writeFixedLong(HexIds.parseLong(link.traceId(), 0));
            out.writeFixedLong(HexIds.parseLong(link.traceId(), 16));
            out.writeFixedLong(HexIds.parseLong(link.spanId(), 0));
            otherAttributes.write(out, link.attributes(), AttributeEncoder.NumberedValues.NONE);
        }
    }

    /** @return the number of "", one use more counted, without a look-up while no number was freed since the last */
    private int emptyId() {
        if (emptyId != Dictionary.ABSENT && emptyIdWhileFreed == dictionary.freed()) {
            dictionary.acquireAgain(emptyId);
            return emptyId;
        }
        emptyId = dictionary.acquire("");
        emptyIdWhileFreed = dictionary.freed();
        return emptyId;
    }

    Fields decode(RecordReader in, long startEpochNanos) {
        String statusMessage = in.readString();
        Attributes attributes = readAttributes(in);
        // immutable lists from arrays: StoredSpan's List.copyOf keeps them instead of copying again
        int eventCount = in.readInt();
        List<SpanEvent> events = List.of();
        if (eventCount > 0) {
            SpanEvent[] read = new SpanEvent[eventCount];
            for (int i = 0; i < eventCount; i++) {
                String name = in.readString();
                long epochNanos = startEpochNanos + in.readZigZag();
                read[i] = new SpanEvent(name, epochNanos, readAttributes(in));
            }
            events = List.of(read);
        }
        int linkCount = in.readInt();
        List<SpanLink> links = List.of();
        if (linkCount > 0) {
            SpanLink[] read = new SpanLink[linkCount];
            for (int i = 0; i < linkCount; i++) {
                String traceId = HexIds.toHex(in.readFixedLong()) + HexIds.toHex(in.readFixedLong());
                String spanId = HexIds.toHex(in.readFixedLong());
                read[i] = new SpanLink(traceId, spanId, readAttributes(in));
            }
            links = List.of(read);
        }
        return new Fields(statusMessage, attributes, events, links);
    }

    /** Receives each attribute key (and event name) of a record being released, with where it was. */
    interface ReleasedKeys {
        /** @param position the attribute's position in its list (0 for an event name) */
        void release(AttributeFilter.Scope scope, int position, String key, AttributeType type);
    }

    /**
     * Walks a record of a span being evicted, releasing every dictionary number it uses and handing each of its
     * attribute keys, and each event name as the event key {@code name}, to {@code keys} (the index counts the
     * spans per key).
     */
    void release(RecordReader in, ReleasedKeys keys) {
        releaseString(in.skipString());
        releaseAttributes(in, AttributeFilter.Scope.SPAN, keys);
        int eventCount = in.readInt();
        for (int i = 0; i < eventCount; i++) {
            keys.release(AttributeFilter.Scope.EVENT, 0, SpanIndex.EVENT_NAME, AttributeType.STRING);
            releaseString(in.skipString());
            in.readZigZag();
            releaseAttributes(in, AttributeFilter.Scope.EVENT, keys);
        }
        int linkCount = in.readInt();
        for (int i = 0; i < linkCount; i++) {
            in.skip(3 * Long.BYTES);
            releaseAttributes(in, AttributeFilter.Scope.LINK, keys);
        }
    }

    private void releaseAttributes(RecordReader in, AttributeFilter.Scope scope, ReleasedKeys keys) {
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            releaseString(in.lastDictionaryId());
            int type = in.readByte();
            if (type == STRING) {
                releaseString(in.skipString());
            } else {
                skipValue(in, type);
            }
            keys.release(scope, i, key, TYPES[type]);
        }
    }

    private void releaseString(int dictionaryId) {
        if (dictionaryId != Dictionary.ABSENT) {
            dictionary.release(dictionaryId);
        }
    }

    /** Reads only the attributes, for matching attribute filters without building the whole span. */
    Attributes decodeAttributes(RecordReader in) {
        in.readString();
        return readAttributes(in);
    }

    /** Reads only the status message, the record's first field. */
    String decodeStatusMessage(RecordReader in) {
        return in.readString();
    }

    /**
     * Reads one span attribute by name without unpacking the others, for evaluating a query on the record.
     *
     * @return the value of that name, of the first type by {@link AttributeTypeRank} when the name comes with
     *     several; arrays as lists; {@code null} when the span lacks it
     */
    Object decodeAttribute(RecordReader in, String name) {
        in.skipString();
        int count = in.readInt();
        Object found = null;
        int foundRank = Integer.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            String key = in.readString();
            int type = in.readByte();
            int rank = type >= 0 && type < TYPES.length ? AttributeTypeRank.of(TYPES[type]) : Integer.MAX_VALUE;
            if (rank < foundRank && key.equals(name)) {
                found = readValue(in, type);
                foundRank = rank;
            } else {
                skipValue(in, type);
            }
        }
        return found;
    }

    private static Object readValue(RecordReader in, int type) {
        return switch (type) {
            case STRING -> in.readString();
            case BOOLEAN -> in.readByte() != 0;
            case LONG -> in.readZigZag();
            case DOUBLE -> in.readDouble();
            case STRING_ARRAY -> {
                String[] items = new String[in.readInt()];
                for (int j = 0; j < items.length; j++) {
                    items[j] = in.readString();
                }
                yield List.of(items);
            }
            case BOOLEAN_ARRAY -> {
                Boolean[] items = new Boolean[in.readInt()];
                for (int j = 0; j < items.length; j++) {
                    items[j] = in.readByte() != 0;
                }
                yield List.of(items);
            }
            case LONG_ARRAY -> {
                Long[] items = new Long[in.readInt()];
                for (int j = 0; j < items.length; j++) {
                    items[j] = in.readZigZag();
                }
                yield List.of(items);
            }
            case DOUBLE_ARRAY -> {
                Double[] items = new Double[in.readInt()];
                for (int j = 0; j < items.length; j++) {
                    items[j] = in.readDouble();
                }
                yield List.of(items);
            }
            default -> throw new IllegalStateException("corrupt span record: attribute type " + type);
        };
    }

    private static void skipValue(RecordReader in, int type) {
        switch (type) {
            case STRING -> in.skipString();
            case BOOLEAN -> in.skip(1);
            case LONG -> in.readVarint();
            case DOUBLE -> in.skip(Long.BYTES);
            case STRING_ARRAY -> {
                int n = in.readInt();
                for (int j = 0; j < n; j++) {
                    in.skipString();
                }
            }
            case BOOLEAN_ARRAY -> in.skip(in.readInt());
            case LONG_ARRAY -> {
                int n = in.readInt();
                for (int j = 0; j < n; j++) {
                    in.readVarint();
                }
            }
            case DOUBLE_ARRAY -> in.skip(in.readInt() * Long.BYTES);
            default -> throw new IllegalStateException("corrupt span record: attribute type " + type);
        }
    }

    /** @return the key the dictionary kept for the key just read, or a new one when it kept none of that type */
    @SuppressWarnings("unchecked")
    private <T> AttributeKey<T> key(int id, String name, AttributeType type,
            Function<String, AttributeKey<T>> factory) {
        AttributeKey<?> kept = id == Dictionary.ABSENT ? null : dictionary.key(id, type);
        return kept != null ? (AttributeKey<T>) kept : factory.apply(name);
    }

    private Attributes readAttributes(RecordReader in) {
        int count = in.readInt();
        if (count == 0) {
            return Attributes.empty();
        }
        Object[] keysAndValues = new Object[2 * count];
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = in.readString();
            int keyId = in.lastDictionaryId();
            int type = in.readByte();
            switch (type) {
                case STRING -> {
                    keysAndValues[i] = key(keyId, key, AttributeType.STRING, AttributeKey::stringKey);
                    keysAndValues[i + 1] = in.readString();
                }
                case BOOLEAN -> {
                    keysAndValues[i] = key(keyId, key, AttributeType.BOOLEAN, AttributeKey::booleanKey);
                    keysAndValues[i + 1] = in.readByte() != 0;
                }
                case LONG -> {
                    keysAndValues[i] = key(keyId, key, AttributeType.LONG, AttributeKey::longKey);
                    keysAndValues[i + 1] = in.readZigZag();
                }
                case DOUBLE -> {
                    keysAndValues[i] = key(keyId, key, AttributeType.DOUBLE, AttributeKey::doubleKey);
                    keysAndValues[i + 1] = in.readDouble();
                }
                case STRING_ARRAY -> {
                    int n = in.readInt();
                    String[] items = new String[n];
                    for (int j = 0; j < n; j++) {
                        items[j] = in.readString();
                    }
                    keysAndValues[i] = key(keyId, key, AttributeType.STRING_ARRAY, AttributeKey::stringArrayKey);
                    keysAndValues[i + 1] = List.of(items);
                }
                case BOOLEAN_ARRAY -> {
                    int n = in.readInt();
                    Boolean[] items = new Boolean[n];
                    for (int j = 0; j < n; j++) {
                        items[j] = in.readByte() != 0;
                    }
                    keysAndValues[i] = key(keyId, key, AttributeType.BOOLEAN_ARRAY, AttributeKey::booleanArrayKey);
                    keysAndValues[i + 1] = List.of(items);
                }
                case LONG_ARRAY -> {
                    int n = in.readInt();
                    Long[] items = new Long[n];
                    for (int j = 0; j < n; j++) {
                        items[j] = in.readZigZag();
                    }
                    keysAndValues[i] = key(keyId, key, AttributeType.LONG_ARRAY, AttributeKey::longArrayKey);
                    keysAndValues[i + 1] = List.of(items);
                }
                case DOUBLE_ARRAY -> {
                    int n = in.readInt();
                    Double[] items = new Double[n];
                    for (int j = 0; j < n; j++) {
                        items[j] = in.readDouble();
                    }
                    keysAndValues[i] = key(keyId, key, AttributeType.DOUBLE_ARRAY, AttributeKey::doubleArrayKey);
                    keysAndValues[i + 1] = List.of(items);
                }
                default -> throw new IllegalStateException("corrupt span record: attribute type " + type);
            }
        }
        return SortedAttributes.of(keysAndValues);
    }
}
