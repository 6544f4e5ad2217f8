package dev.tracestore.autoconfigure;

import dev.tracestore.core.query.SpanQuery;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What makes {@link TraceStoreProperties} valid: each rule rejects one property with a message that says what a good
 * value looks like, so that a bad value stops the application at start-up naming the property.
 *
 * <pre>{@code
 * tracestore.max-files=0   ->  Field error on field 'maxFiles': must be at least 1
 * }</pre>
 */
final class TraceStorePropertiesRules {

    private static final DataSize MIN_FILE_SIZE = DataSize.ofKilobytes(1);

    private TraceStorePropertiesRules() {
    }

    static void check(TraceStoreProperties properties, Errors errors) {
        validateDirectory(properties.getDirectory(), errors);
        if (properties.getMaxSpans() < 1) {
            errors.rejectValue("maxSpans", "min", "must be at least 1");
        }
        if (properties.getMaxAge() != null && (properties.getMaxAge().isNegative() || properties.getMaxAge().isZero())) {
            errors.rejectValue("maxAge", "positive", "must be positive, for example 24h, or left unset");
        }
        if (properties.getQueryTimeout() == null || properties.getQueryTimeout().isNegative()
                || properties.getQueryTimeout().isZero()) {
            errors.rejectValue("queryTimeout", "positive", "must be positive, for example 5s");
        }
        if (properties.getExclude() != null && properties.getExclude().stream().anyMatch(p -> p == null || p.isBlank())) {
            errors.rejectValue("exclude", "blank", "must not contain blank patterns");
        }
        if (properties.getFlushInterval() == null || properties.getFlushInterval().isNegative()
                || properties.getFlushInterval().isZero()) {
            errors.rejectValue("flushInterval", "positive", "must be positive, for example 1s or 500ms");
        }
        if (properties.getQueueCapacity() < 1) {
            errors.rejectValue("queueCapacity", "min", "must be at least 1");
        }
        if (properties.getMaxFileSize() == null || properties.getMaxFileSize().toBytes() < MIN_FILE_SIZE.toBytes()) {
            errors.rejectValue("maxFileSize", "min", "must be at least 1KB, for example 64MB");
        }
        if (properties.getMaxFiles() < 1) {
            errors.rejectValue("maxFiles", "min", "must be at least 1");
        }
        if (properties.getMaxFileAge() != null && (properties.getMaxFileAge().isNegative() || properties.getMaxFileAge().isZero())) {
            errors.rejectValue("maxFileAge", "positive", "must be positive, for example 7d, or left unset");
        }
        try {
            properties.redaction();
        } catch (IllegalArgumentException ex) {
            errors.rejectValue("redact", "invalid", ex.getMessage());
        }
        if (properties.getMaxAttributeLength() < 1) {
            errors.rejectValue("maxAttributeLength", "min", "must be at least 1");
        }
        if (properties.getMaxAttributes() < 0) {
            errors.rejectValue("maxAttributes", "min", "must be at least 0");
        }
        if (properties.getCapture() == null) {
            errors.rejectValue("capture", "required", "must be all or sampled");
        }
        if (properties.getResponse().getMaxSpans() < 1 || properties.getResponse().getMaxSpans() > SpanQuery.MAX_LIMIT) {
            errors.rejectValue("response.maxSpans", "range", "must be from 1 to " + SpanQuery.MAX_LIMIT);
        }
        if (properties.getResponse().getMaxBytes() == null
                || properties.getResponse().getMaxBytes().toBytes() < MIN_FILE_SIZE.toBytes()) {
            errors.rejectValue("response.maxBytes", "min", "must be at least 1KB, for example 16MB");
        }
        if (properties.getTraceIdHeader().isEnabled() && !isToken(properties.getTraceIdHeader().getName())) {
            errors.rejectValue("traceIdHeader.name", "invalid", "must be an HTTP header name, such as X-Trace-Id");
        }
    }

    private static void validateDirectory(String directory, Errors errors) {
        if (directory == null || directory.isBlank()) {
            errors.rejectValue("directory", "required", "must not be empty");
            return;
        }
        try {
            Path.of(directory);
        } catch (InvalidPathException ex) {
            errors.rejectValue("directory", "invalid", "is not a valid path: " + ex.getMessage());
        }
    }

    // RFC 9110's token: the characters an HTTP field name may hold.
    private static boolean isToken(String name) {
        return name != null && name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    }
}
