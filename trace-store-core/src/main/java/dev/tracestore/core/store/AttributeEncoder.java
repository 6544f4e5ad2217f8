package dev.tracestore.core.store;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes attribute lists into span records in {@link SpanRecordCodec}'s format: one instance per scope, reused, so
 * writing allocates nothing. The span attributes' instance remembers the dictionary numbers of the key and of the
 * numbered value at each position of the last list: consecutive spans of one instrumentation carry the same key
 * instances in the same order, and few-valued keys the same value constants, so an identity check and a count
 * replace a look-up of the string, for as long as the dictionary has freed no number (a freed number may come back
 * for another string). Not thread-safe; the store guards it.
 */
final class AttributeEncoder implements BiConsumer<AttributeKey<?>, Object> {

    /** Says whether the string value of the attribute at a position of the list being written is numbered. */
    interface NumberedValues {
        /** Numbers no value: event and link attributes keep theirs inline. */
        NumberedValues NONE = (position, key) -> false;

        boolean numbers(int position, AttributeKey<?> key);
    }

    /** Positions remembered; attributes beyond them are looked up by name. */
    private static final int REMEMBERED = 64;

    private final Dictionary dictionary;
    private final AttributeKey<?>[] rememberedKeys;
    private final int[] rememberedIds;
    /**
     * The numbered string value at each position and its number: few-valued keys carry the same constant instances
     * span after span ({@code "GET"}, a route template), so an identity check replaces a look-up of the value.
     */
    private final String[] rememberedValues;
    private final int[] rememberedValueIds;
    /** What {@link Dictionary#freed()} was when the remembered numbers were taken. */
    private long rememberedWhileFreed = -1;
    private RecordWriter out;
    private NumberedValues numbered;
    private int position;

    /**
     * @param dictionary numbers keys and values
     * @param remember whether to remember key numbers by position (for span attributes, whose key lists repeat)
     */
    AttributeEncoder(Dictionary dictionary, boolean remember) {
        this.dictionary = dictionary;
        this.rememberedKeys = remember ? new AttributeKey<?>[REMEMBERED] : null;
        this.rememberedIds = remember ? new int[REMEMBERED] : null;
        this.rememberedValues = remember ? new String[REMEMBERED] : null;
        this.rememberedValueIds = remember ? new int[REMEMBERED] : null;
    }

    /** Writes the count, then each attribute: key, type code, value. */
    void write(RecordWriter out, Attributes attributes, NumberedValues numbered) {
        out.writeVarint(attributes.size());
        this.out = out;
        this.numbered = numbered;
        this.position = 0;
        if (rememberedKeys != null && rememberedWhileFreed != dictionary.freed()) {
            Arrays.fill(rememberedKeys, null);
            Arrays.fill(rememberedValues, null);
            rememberedWhileFreed = dictionary.freed();
        }
        attributes.forEach(this);
        this.out = null;
    }

    @Override
    public void accept(AttributeKey<?> key, Object value) {
        int at = position++;
        out.writeString(key.getKey(), keyId(at, key));
        switch (key.getType()) {
            case STRING -> {
                out.writeByte(SpanRecordCodec.STRING);
                String text = (String) value;
                out.writeString(text, numbered.numbers(at, key) ? valueId(at, text) : Dictionary.ABSENT);
            }
            case BOOLEAN -> {
                out.writeByte(SpanRecordCodec.BOOLEAN);
                out.writeByte((Boolean) value ? 1 : 0);
            }
            case LONG -> {
                out.writeByte(SpanRecordCodec.LONG);
                out.writeZigZag((Long) value);
            }
            case DOUBLE -> {
                out.writeByte(SpanRecordCodec.DOUBLE);
                out.writeDouble((Double) value);
            }
            case STRING_ARRAY -> {
                out.writeByte(SpanRecordCodec.STRING_ARRAY);
                List<?> items = (List<?>) value;
                out.writeVarint(items.size());
                for (Object item : items) {
                    out.writeString((String) item, Dictionary.ABSENT);
                }
            }
            case BOOLEAN_ARRAY -> {
                out.writeByte(SpanRecordCodec.BOOLEAN_ARRAY);
                List<?> items = (List<?>) value;
                out.writeVarint(items.size());
                for (Object item : items) {
                    out.writeByte((Boolean) item ? 1 : 0);
                }
            }
            case LONG_ARRAY -> {
                out.writeByte(SpanRecordCodec.LONG_ARRAY);
                List<?> items = (List<?>) value;
                out.writeVarint(items.size());
                for (Object item : items) {
                    out.writeZigZag((Long) item);
                }
            }
            case DOUBLE_ARRAY -> {
                out.writeByte(SpanRecordCodec.DOUBLE_ARRAY);
                List<?> items = (List<?>) value;
                out.writeVarint(items.size());
                for (Object item : items) {
                    out.writeDouble((Double) item);
                }
            }
        }
    }

    /** @return the number of a string value, one use more counted; {@link Dictionary#ABSENT} when the dictionary is full */
    private int valueId(int at, String text) {
        if (rememberedValues == null || at >= REMEMBERED) {
            return dictionary.acquire(text);
        }
        if (rememberedValues[at] == text) {
            int id = rememberedValueIds[at];
            dictionary.acquireAgain(id);
            return id;
        }
        int id = dictionary.acquire(text);
        rememberedValues[at] = id == Dictionary.ABSENT ? null : text;
        rememberedValueIds[at] = id;
        return id;
    }

    /** @return the key's dictionary number, one use more counted; {@link Dictionary#ABSENT} when the dictionary is full */
    private int keyId(int at, AttributeKey<?> key) {
        if (rememberedKeys == null || at >= REMEMBERED) {
            return dictionary.acquireKey(key);
        }
        if (rememberedKeys[at] == key) {
            int id = rememberedIds[at];
            dictionary.acquireAgain(id);
            return id;
        }
        int id = dictionary.acquireKey(key);
        // a full dictionary may have room for the key later: only numbers are remembered
        rememberedKeys[at] = id == Dictionary.ABSENT ? null : key;
        rememberedIds[at] = id;
        return id;
    }
}
