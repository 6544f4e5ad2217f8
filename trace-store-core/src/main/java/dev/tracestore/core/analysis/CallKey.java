package dev.tracestore.core.analysis;

import dev.tracestore.core.model.StoredSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;

/**
 * What a span calls, for repeated-call detection: the normalized database statement of a database span, or the
 * name and route template of a client span. Spans that call nothing (server, consumer, internal and producer spans
 * without a statement) have no key.
 *
 * @param kind {@code "db"} or {@code "client"}
 * @param operation the normalized statement, or the client span's name with its route template
 */
record CallKey(String kind, String operation) {

    private static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
    private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
    private static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    private static final AttributeKey<String> MICROMETER_URI = AttributeKey.stringKey("uri");

    /** @return the key, or {@code null} when the span is not a call */
    static CallKey of(StoredSpan span, StatementCache statements) {
        String statement = span.attributes().get(DB_QUERY_TEXT);
        if (statement == null) {
            statement = span.attributes().get(DB_STATEMENT);
        }
        if (statement != null && !statement.isBlank()) {
            return new CallKey("db", statements.normalize(statement));
        }
        if (span.kind() != SpanKind.CLIENT) {
            return null;
        }
        String template = span.attributes().get(URL_TEMPLATE);
        if (template == null) {
            template = span.attributes().get(MICROMETER_URI);
        }
        boolean named = template == null || template.isEmpty() || span.name().contains(template);
        return new CallKey("client", named ? span.name() : span.name() + " " + template);
    }
}
