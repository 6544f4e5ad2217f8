package dev.tracestore.core.query;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@link SpanQuery} from text parameters, the same way over HTTP and on the command line. Every bad value
 * is an {@link InvalidParameterException} naming the parameter and what it accepts.
 *
 * <p>Parameters: {@code traceId}, {@code service}, {@code name} (in double quotes: that name only, see
 * {@link SpanQuery#spanNames()}), {@code kind} (server, client, internal, producer, consumer), {@code status}
 * (error, ok, unset), {@code errorType}, {@code failed} (true/false),
 * {@code attr} (repeatable, see {@link AttributeFilter#parse(String)}), {@code from} and {@code to} (ISO-8601,
 * e.g. {@code 2026-11-25T10:00:00Z} or with an offset), {@code lookback}, {@code minDuration},
 * {@code maxDuration}, {@code minTraceDuration}, {@code maxTraceDuration} (durations: {@code 250ms},
 * {@code 2s}, {@code 15m}, {@code 2h}, {@code 1d}, also {@code 500us}, {@code 100ns} and ISO-8601 {@code PT2H}),
 * {@code limit} (1 to {@value SpanQuery#MAX_LIMIT}), {@code order} (newest, oldest, longest).
 *
 * <pre>{@code
 * SpanQuery query = QueryParameters.parse(Map.of(
 *         "service", List.of("shop"),
 *         "attr", List.of("http.response.status_code>=500", "tenant.id=42"),
 *         "lookback", List.of("2h")));
 * }</pre>
 */
public final class QueryParameters {

    /** Every parameter name {@link #parse} accepts. */
    public static final Set<String> NAMES = Set.of("traceId", "service", "name", "kind", "status", "errorType",
            "failed", "attr", "from", "to", "lookback", "minDuration", "maxDuration", "minTraceDuration",
            "maxTraceDuration", "limit", "order");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})(ns|us|µs|ms|s|m|h|d)");

    private QueryParameters() {
    }

    /**
     * @param parameters parameter name to its values; a {@code null} or empty list means absent
     * @return the validated query
     * @throws InvalidParameterException naming the first bad parameter
     */
    public static SpanQuery parse(Map<String, ? extends List<String>> parameters) {
        for (Map.Entry<String, ? extends List<String>> entry : parameters.entrySet()) {
            if (!NAMES.contains(entry.getKey()) && entry.getValue() != null && !entry.getValue().isEmpty()) {
                throw new InvalidParameterException(entry.getKey(), entry.getKey() + " is not a query parameter; "
                        + "the parameters are " + NAMES.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        SpanQuery.Builder query = SpanQuery.builder();
        Values values = new Values(parameters);
        values.single("traceId").ifPresent(query::traceId);
        values.single("service").ifPresent(query::service);
        values.single("name").ifPresent(name -> {
            // a name in double quotes is that name only, without the other HTTP convention's name for it
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                query.exactSpanName(name.substring(1, name.length() - 1));
            } else {
                query.spanName(name);
            }
        });
        values.single("kind").ifPresent(text -> query.kind(kind(text)));
        values.single("status").ifPresent(text -> query.status(status(text)));
        values.single("errorType").ifPresent(query::errorType);
        values.single("failed").ifPresent(text -> query.failedOnly(bool(text, "failed")));
        for (String attr : values.all("attr")) {
            try {
                query.attribute(AttributeFilter.parse(attr));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("attr", e.getMessage());
            }
        }
        values.single("from").ifPresent(text -> query.from(instant(text, "from")));
        values.single("to").ifPresent(text -> query.to(instant(text, "to")));
        values.single("lookback").ifPresent(text -> query.lookback(duration(text, "lookback")));
        values.single("minDuration").ifPresent(text -> query.minDuration(duration(text, "minDuration")));
        values.single("maxDuration").ifPresent(text -> query.maxDuration(duration(text, "maxDuration")));
        values.single("minTraceDuration").ifPresent(text -> query.minTraceDuration(duration(text, "minTraceDuration")));
        values.single("maxTraceDuration").ifPresent(text -> query.maxTraceDuration(duration(text, "maxTraceDuration")));
        values.single("limit").ifPresent(text -> query.limit(limit(text)));
        values.single("order").ifPresent(text -> query.order(order(text)));
        try {
            return query.build();
        } catch (InvalidParameterException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(leadingName(e.getMessage()), e.getMessage());
        }
    }

    /**
     * Reads a duration: a whole number with a unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
     * {@code h}, {@code d}) or ISO-8601 ({@code PT2H}, {@code P1D}). Negative durations are refused.
     *
     * @param text the text
     * @param parameter the parameter name for the error message
     * @return the duration
     * @throws InvalidParameterException naming {@code parameter}
     */
    public static Duration duration(String text, String parameter) {
        String value = text.strip();
        Matcher matcher = SHORT_DURATION.matcher(value);
        try {
            Duration duration;
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                duration = switch (matcher.group(2)) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } else {
                duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            duration.toNanos(); // refuse what cannot be compared with span nanoseconds
            if (!duration.isNegative()) {
                return duration;
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw new InvalidParameterException(parameter, parameter + " must be a duration such as 250ms, 2s, 15m, "
                + "2h, 1d or PT2H, but was '" + abbreviate(text) + "'");
    }

    /**
     * Reads an ISO-8601 instant, {@code 2026-11-25T10:00:00Z}, or a date-time with an offset,
     * {@code 2026-11-25T11:00:00+01:00}.
     *
     * @param text the text
     * @param parameter the parameter name for the error message
     * @return the instant
     * @throws InvalidParameterException naming {@code parameter}
     */
    public static Instant instant(String text, String parameter) {
        String value = text.strip();
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException(parameter, parameter + " must be an ISO-8601 time such as "
                        + "2026-11-25T10:00:00Z, but was '" + abbreviate(text) + "'");
            }
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= SpanQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + SpanQuery.MAX_LIMIT
                + ", but was '" + abbreviate(text) + "'");
    }

    private static SpanKind kind(String text) {
        return enumValue(SpanKind.class, text, "kind", "SPAN_KIND_");
    }

    private static StatusCode status(String text) {
        return enumValue(StatusCode.class, text, "status", "STATUS_CODE_");
    }

    private static SpanOrder order(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "newest", "newest_first" -> SpanOrder.NEWEST_FIRST;
            case "oldest", "oldest_first" -> SpanOrder.OLDEST_FIRST;
            case "longest", "longest_first" -> SpanOrder.LONGEST_FIRST;
            default -> throw new InvalidParameterException("order", "order must be one of newest, oldest, longest, "
                    + "but was '" + abbreviate(text) + "'");
        };
    }

    private static boolean bool(String text, String parameter) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidParameterException(parameter, parameter + " must be true or false, but was '"
                + abbreviate(text) + "'");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String parameter, String otlpPrefix) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (value.startsWith(otlpPrefix)) {
            value = value.substring(otlpPrefix.length());
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new InvalidParameterException(parameter, parameter + " must be one of " + accepted + ", but was '"
                + abbreviate(text) + "'");
    }

    /** SpanQuery's messages start with the field name, which is the parameter name. */
    private static String leadingName(String message) {
        int end = 0;
        while (end < message.length() && Character.isLetter(message.charAt(end))) {
            end++;
        }
        String name = message.substring(0, end);
        return name.equals("spanName") ? "name" : name;
    }

    static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    /** Parameter values with the rule that only {@code attr} may repeat. */
    private record Values(Map<String, ? extends List<String>> parameters) {

        java.util.Optional<String> single(String name) {
            List<String> values = all(name);
            if (values.size() > 1) {
                throw new InvalidParameterException(name, name + " may be given once, but was given "
                        + values.size() + " times");
            }
            return values.stream().findFirst().filter(value -> !value.isBlank() || name.equals("name"));
        }

        List<String> all(String name) {
            List<String> values = parameters.get(name);
            return values == null ? List.of() : values;
        }
    }
}
