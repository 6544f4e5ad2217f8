package dev.tracestore.core.analysis;

import dev.tracestore.core.query.AttributeLookup;
import dev.tracestore.core.store.ScannedSpan;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Reads the group-by values of a span: the service, span name and kind from its fixed fields, any other key from
 * its attributes (unpacking them). An absent attribute is {@code null}; a list reads as its text.
 */
final class GroupValues {

    private static final int SERVICE = 0;
    private static final int SPAN_NAME = 1;
    private static final int SPAN_KIND = 2;
    private static final int ATTRIBUTE = 3;

    private final String[] keys;
    /** What each key reads: the service, the span name, the kind, or an attribute; decided once, not per span. */
    private final int[] kinds;
    private final AttributeLookup[] lookups;

    GroupValues(List<String> groupBy) {
        keys = groupBy.toArray(String[]::new);
        lookups = new AttributeLookup[keys.length];
        kinds = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            kinds[i] = switch (keys[i]) {
                case RedQuery.SERVICE -> SERVICE;
                case RedQuery.SPAN_NAME -> SPAN_NAME;
                case RedQuery.SPAN_KIND -> SPAN_KIND;
                default -> ATTRIBUTE;
            };
            if (kinds[i] == ATTRIBUTE) {
                lookups[i] = AttributeLookup.of(keys[i]);
            }
        }
    }

    /** @return a group to read spans into with {@link #read}, and to copy when kept */
    Group probe() {
        return new Group(new String[keys.length]);
    }

    /** Reads the span's values (one per key, in order) into {@code group}, which must not be a key of a map. */
    void read(ScannedSpan span, Group group) {
        String[] values = group.values;
        for (int i = 0; i < keys.length; i++) {
            values[i] = switch (kinds[i]) {
                case SERVICE -> span.service();
                case SPAN_NAME -> span.name();
                case SPAN_KIND -> span.kind().name();
                default -> text(lookups[i].valueIn(span.attributes(), span.resourceAttributes()));
            };
        }
        group.rehash();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The values of one group; equal when every value is. */
    static final class Group {
        /** By the values in order, absent values first. */
        static final Comparator<Group> ORDER = (a, b) -> Arrays.compare(a.values, b.values,
                Comparator.nullsFirst(Comparator.<String>naturalOrder()));

        private final String[] values;
        private int hash;

        Group(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        private void rehash() {
            hash = Arrays.hashCode(values);
        }

        /** @return a copy to keep as a map key while this one reads the next span */
        Group copy() {
            return new Group(values.clone());
        }

        List<String> values() {
            return Collections.unmodifiableList(Arrays.asList(values.clone()));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Group that && hash == that.hash && Arrays.equals(values, that.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
