package dev.tracestore.core.store;

import java.nio.charset.StandardCharsets;

/** Reads what {@link RecordWriter} wrote, from a position in an arena chunk. */
final class RecordReader {

    private byte[] buffer;
    private final Dictionary dictionary;
    private int position;
    private int lastDictionaryId = Dictionary.ABSENT;

    RecordReader(byte[] buffer, int position, Dictionary dictionary) {
        this.buffer = buffer;
        this.position = position;
        this.dictionary = dictionary;
    }

    /** Reads on from another record: the store's eviction reuses one reader for every span it evicts. */
    void moveTo(byte[] buffer, int position) {
        this.buffer = buffer;
        this.position = position;
        this.lastDictionaryId = Dictionary.ABSENT;
    }

    int readByte() {
        return buffer[position++];
    }

    long readVarint() {
        long result = 0;
        int shift = 0;
        byte b;
        do {
            b = buffer[position++];
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return result;
    }

    int readInt() {
        return (int) readVarint();
    }

    long readZigZag() {
        long raw = readVarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    double readDouble() {
        return Double.longBitsToDouble(readFixedLong());
    }

    long readFixedLong() {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (buffer[position++] & 0xFFL) << (8 * i);
        }
        return bits;
    }

    String readString() {
        long reference = readVarint();
        if ((reference & 1) == 0) {
            lastDictionaryId = (int) (reference >>> 1);
            return dictionary.get(lastDictionaryId);
        }
        lastDictionaryId = Dictionary.ABSENT;
        int length = (int) (reference >>> 1);
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    /** @return the dictionary number of the string {@link #readString()} read last, or {@link Dictionary#ABSENT} */
    int lastDictionaryId() {
        return lastDictionaryId;
    }

    /** Skips a string. @return its dictionary number, or {@link Dictionary#ABSENT} when it was inline */
    int skipString() {
        long reference = readVarint();
        if ((reference & 1) == 0) {
            return (int) (reference >>> 1);
        }
        position += (int) (reference >>> 1);
        return Dictionary.ABSENT;
    }

    void skip(int bytes) {
        position += bytes;
    }
}
