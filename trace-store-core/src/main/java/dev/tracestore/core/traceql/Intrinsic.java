package dev.tracestore.core.traceql;

import java.util.HashMap;
import java.util.Map;

/** The intrinsic fields of spans and traces trace-store answers, with the spellings TraceQL accepts. */
enum Intrinsic {
    NAME("span:name", "name", ValueType.STRING),
    STATUS("span:status", "status", ValueType.STATUS),
    STATUS_MESSAGE("span:statusMessage", "statusMessage", ValueType.STRING),
    KIND("span:kind", "kind", ValueType.KIND),
    DURATION("span:duration", "duration", ValueType.DURATION),
    SPAN_ID("span:id", null, ValueType.STRING),
    PARENT_ID("span:parentID", null, ValueType.STRING),
    CHILD_COUNT("span:childCount", null, ValueType.INT),
    TRACE_DURATION("trace:duration", "traceDuration", ValueType.DURATION),
    ROOT_NAME("trace:rootName", "rootName", ValueType.STRING),
    ROOT_SERVICE("trace:rootService", "rootServiceName", ValueType.STRING),
    TRACE_ID("trace:id", null, ValueType.STRING),
    EVENT_NAME("event:name", null, ValueType.STRING),
    EVENT_TIME_SINCE_START("event:timeSinceStart", null, ValueType.DURATION),
    LINK_TRACE_ID("link:traceID", null, ValueType.STRING),
    LINK_SPAN_ID("link:spanID", null, ValueType.STRING),
    SCOPE_NAME("instrumentation:name", null, ValueType.STRING),
    SCOPE_VERSION("instrumentation:version", null, ValueType.STRING);

    private static final Map<String, Intrinsic> BY_SPELLING = new HashMap<>();

    static {
        for (Intrinsic intrinsic : values()) {
            BY_SPELLING.put(intrinsic.scoped, intrinsic);
            if (intrinsic.legacy != null) {
                BY_SPELLING.put(intrinsic.legacy, intrinsic);
            }
        }
    }

    private final String scoped;
    private final String legacy;
    private final ValueType type;

    Intrinsic(String scoped, String legacy, ValueType type) {
        this.scoped = scoped;
        this.legacy = legacy;
        this.type = type;
    }

    /** @return the intrinsic spelled so ({@code trace:duration} or {@code traceDuration}), or {@code null} */
    static Intrinsic bySpelling(String spelling) {
        return BY_SPELLING.get(spelling);
    }

    ValueType type() {
        return type;
    }

    /** @return whether a span may have several values (one per event or link) */
    boolean isMultiValued() {
        return this == EVENT_NAME || this == EVENT_TIME_SINCE_START || this == LINK_TRACE_ID
                || this == LINK_SPAN_ID;
    }
}
