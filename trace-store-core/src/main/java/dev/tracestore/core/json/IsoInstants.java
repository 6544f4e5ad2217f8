package dev.tracestore.core.json;

import java.time.Instant;

/**
 * Formats epoch nanoseconds exactly as {@link Instant#toString()} does ({@code 2025-01-01T10:00:00.123456789Z}, the
 * fraction in as many groups of three digits as it needs), without its formatter's cost: the spans of one answer
 * mostly start within a few seconds, so the date and time up to the second are formatted once per second and reused.
 * Not thread-safe: one per answer.
 *
 * <pre>{@code
 * IsoInstants instants = new IsoInstants();
 * instants.format(1_735_725_600_123_456_789L); // "2025-01-01T10:00:00.123456789Z"
 * }</pre>
 */
final class IsoInstants {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    // Instant.toString writes years outside 0000 to 9999 with a sign or more digits: those take the slow way.
    private static final long MIN_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private final StringBuilder text = new StringBuilder(32);
    private long second = Long.MIN_VALUE;
    private String secondText = "";

    String format(long epochNanos) {
        long epochSecond = Math.floorDiv(epochNanos, NANOS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochNanos, NANOS_PER_SECOND);
        if (epochSecond < MIN_SECOND || epochSecond > MAX_SECOND) {
            return Instant.ofEpochSecond(epochSecond, nanos).toString();
        }
        if (epochSecond != second) {
            String whole = Instant.ofEpochSecond(epochSecond).toString();
            secondText = whole.substring(0, whole.length() - 1);
            second = epochSecond;
        }
        if (nanos == 0) {
            return secondText + 'Z';
        }
        text.setLength(0);
        text.append(secondText).append('.');
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        int value = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
        String number = Integer.toString(value);
        text.append("000000000", 0, digits - number.length()).append(number).append('Z');
        return text.toString();
    }
}
