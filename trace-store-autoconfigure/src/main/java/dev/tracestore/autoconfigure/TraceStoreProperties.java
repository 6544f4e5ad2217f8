package dev.tracestore.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code tracestore.*} settings. Every default works without any configuration.
 * <p>
 * The class validates itself (Boot applies a {@link Validator} that is the bound object), so a bad value stops
 * the application at startup with a message naming the property, without needing a Bean Validation provider.
 *
 * <pre>{@code
 * tracestore:
 *   directory: /var/lib/orders/trace-store
 *   max-spans: 200000
 *   flush-interval: 500ms
 * }</pre>
 */
@ConfigurationProperties("tracestore")
public class TraceStoreProperties implements Validator {

    /**
     * Whether to keep the application's spans in the span store and its files.
     */
    private boolean enabled = true;

    /**
     * Directory of the span files (the newest is spans.jsonl). A relative path resolves against the working
     * directory. The files are reloaded at startup, so traces survive a restart.
     */
    // A String, not a Path: Spring's Path conversion resolves names that exist on the classpath (and the empty
    // string) to classpath locations, and span files belong in the working directory.
    private String directory = "trace-store";

    /**
     * Most spans kept in memory (and reloaded from the files at startup). When full, the oldest span is evicted.
     */
    private int maxSpans = 100_000;

    /**
     * Longest time a finished span waits in memory before it is written to the files.
     */
    private Duration flushInterval = Duration.ofSeconds(1);

    /**
     * Most finished spans waiting to be written to the files. When the queue is full, further spans are still
     * stored in memory but are not written, and are counted as dropped.
     */
    private int queueCapacity = 8192;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    /**
     * @return {@link #getDirectory()} as a path, relative to the working directory unless absolute
     */
    public Path directoryPath() {
        return Path.of(directory);
    }

    public int getMaxSpans() {
        return maxSpans;
    }

    public void setMaxSpans(int maxSpans) {
        this.maxSpans = maxSpans;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    @Override
    public boolean supports(Class<?> type) {
        return TraceStoreProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        TraceStoreProperties properties = (TraceStoreProperties) target;
        validateDirectory(properties.directory, errors);
        if (properties.maxSpans < 1) {
            errors.rejectValue("maxSpans", "min", "must be at least 1");
        }
        if (properties.flushInterval == null || properties.flushInterval.isNegative()
                || properties.flushInterval.isZero()) {
            errors.rejectValue("flushInterval", "positive", "must be positive, for example 1s or 500ms");
        }
        if (properties.queueCapacity < 1) {
            errors.rejectValue("queueCapacity", "min", "must be at least 1");
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
}
