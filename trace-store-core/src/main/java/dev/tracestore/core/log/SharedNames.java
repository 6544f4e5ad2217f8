package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * One {@code String} per distinct short name read (attribute keys, span and event names), looked up by the parser's
 * characters, so that reading a name that repeats from span to span makes no string at all: a million spans of ten
 * attributes each read eleven million names but only a few hundred distinct ones. The shared instances also carry
 * their hash, so the key cache, the index and the store's dictionaries find them by an identity check. A fixed table:
 * a name that lands on a taken slot replaces it, so the table never grows whatever the data. Thread-safe: slots are
 * written without locking; a {@code String} is immutable, so a reader sees either name whole, and checks it.
 */
final class SharedNames {

    /** Slots of the table: a power of two. */
    static final int SLOTS = 4096;

    /** Longer names are made afresh: they are rarely names that repeat, and comparing them costs more. */
    static final int MAX_LENGTH = 128;

    private final String[] slots = new String[SLOTS];

    /**
     * Reads a string value like {@link Proto3Json#readString}, sharing it when it is a short one.
     *
     * @param field the field's name, for messages
     */
    String read(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() > MAX_LENGTH) {
            return Proto3Json.readString(p, field);
        }
        return name(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    }

    /** @return the shared string of the characters, made and kept when none is */
    String name(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];   // String.hashCode of the same characters
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String known = slots[slot];
        if (known != null && known.hashCode() == hash && sameCharacters(known, chars, offset, length)) {
            return known;
        }
        String made = new String(chars, offset, length);
        slots[slot] = made;
        return made;
    }

    private static boolean sameCharacters(String known, char[] chars, int offset, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
