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

    private final String[] keys;
    private final AttributeLookup[] lookups;
    private final boolean needsAttributes;

    GroupValues(List<String> groupBy) {
        keys = groupBy.toArray(String[]::new);
        lookups = new AttributeLookup[keys.length];
        boolean attributes = false;
        for (int i = 0; i < keys.length; i++) {
            if (!isIntrinsic(keys[i])) {
                lookups[i] = AttributeLookup.of(keys[i]);
                attributes = true;
            }
        }
        needsAttributes = attributes;
    }

    private static boolean isIntrinsic(String key) {
        return key.equals(RedQuery.SERVICE) || key.equals(RedQuery.SPAN_NAME) || key.equals(RedQuery.SPAN_KIND);
    }

    /** @return the group of the span: one value per key, in order */
    Group of(ScannedSpan span) {
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = switch (keys[i]) {
                case RedQuery.SERVICE -> span.service();
                case RedQuery.SPAN_NAME -> span.name();
                case RedQuery.SPAN_KIND -> span.kind().name();
                default -> text(lookups[i].valueIn(span.attributes(), span.resourceAttributes()));
            };
        }
        return new Group(values);
    }

    /** @return whether reading a group unpacks the span's attributes */
    boolean needsAttributes() {
        return needsAttributes;
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
        private final int hash;

        Group(String[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
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
