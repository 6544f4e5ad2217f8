package dev.tracestore.autoconfigure;

import dev.tracestore.core.otel.Redaction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 *   max-age: 6h
 *   flush-interval: 500ms
 *   max-file-size: 32MB
 *   max-files: 20
 *   exclude: /actuator/**, /favicon.ico
 *   redact: ssn, http.request.header.x-tenant-*
 *   max-attribute-length: 8192
 *   capture: sampled
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
     * Longest time a span is kept after it ended; older spans are evicted even while fewer than max-spans are
     * stored. Unset (the default): spans are kept until max-spans evicts them.
     */
    private Duration maxAge;

    /**
     * Longest time one search of the store runs; a search that takes longer answers what it found so far, marked
     * partial with the reason.
     */
    private Duration queryTimeout = Duration.ofSeconds(5);

    /**
     * Longest time a finished span waits in memory before it is written to the files.
     */
    private Duration flushInterval = Duration.ofSeconds(1);

    /**
     * Most finished spans waiting to be stored and written. When the queue is full, further spans are dropped
     * (neither stored nor written) and counted (tracestore.spans.dropped), as the OpenTelemetry SDK's
     * BatchSpanProcessor does.
     */
    private int queueCapacity = 8192;

    /**
     * Size at which spans.jsonl is rotated: renamed after the time of rotation (UTC), like
     * spans-2026-01-05T10-15-30.123Z.jsonl, and a new spans.jsonl started before the next batch of spans, so that a
     * line is never split. A plain number is megabytes. Together with max-files it bounds the disk used: about
     * max-files times max-file-size.
     */
    @DataSizeUnit(DataUnit.MEGABYTES)
    private DataSize maxFileSize = DataSize.ofMegabytes(64);

    /**
     * Most span files kept, spans.jsonl included. At each rotation the oldest rotated files beyond this are deleted.
     */
    private int maxFiles = 10;

    /**
     * Longest time a rotated span file is kept after its rotation; older ones are deleted. Unset (the default): they
     * are kept until max-files deletes them.
     */
    private Duration maxFileAge;

    /**
     * Whether every flush of the span files (each flush-interval and each forceFlush) also forces them to the disk
     * (fsync), so that the flushed spans survive a power loss or an operating system crash, not only a crash of the
     * application. Costs one disk sync per flush interval while spans arrive.
     */
    private boolean fsync;

    /**
     * Whether a clean shutdown writes a snapshot of the stored spans (spans.snapshot in the directory) that the next
     * start reads instead of parsing the span files, as long as the files and these settings are unchanged: a
     * restart with many spans reloads several times faster. Written only when the store holds exactly what the
     * files would reload; the span files stay the record. Writing it lengthens the shutdown: a few tenths of a
     * second at 100 000 stored spans, seconds at a million, while the reload from the files runs in the background
     * anyway; so it is off by default, for large stores whose full reload must be quick.
     */
    private boolean snapshotOnShutdown;

    /**
     * Spans not to store, by span name or URL path pattern ('*' matches within a path segment, '**' across
     * segments), e.g. /internal/**. Unset (the default): every request under the management base path,
     * /actuator/** (management.endpoints.web.base-path, and management.server.base-path on a management port of its
     * own), so that health probes, metric scrapes and your queries to the traces endpoint do not bury the
     * application's traffic. Set it to /actuator/traces/** to store the other Actuator requests again, or empty to
     * store every span.
     */
    private List<String> exclude;

    /**
     * Attribute keys whose values are masked ('****') before spans are stored or written, in addition to the
     * defaults (unless redact-defaults is false): words matched as whole words in the key, case and separators
     * ignored ('api-key' masks x-api-key, api_key, apiKey), or patterns over the whole key with '*'
     * (http.request.header.*). They also mask URL query parameters of that name in url.full and url.query. Unset
     * (the default): the defaults only.
     */
    private List<String> redact;

    /**
     * Whether to mask the usual credentials too: authorization, cookie, set-cookie, password, passwd, secret, token,
     * api-key, apikey, access-key, private-key, credential(s) keys (HTTP headers included), and the user-info and
     * credential query parameters (also sig, signature, key) of URLs.
     */
    private boolean redactDefaults = true;

    /**
     * Most characters kept of a string attribute value (or of each element of a string array); a longer value keeps
     * that many and ends in '...[truncated N chars]'.
     */
    private int maxAttributeLength = 4096;

    /**
     * Most attributes kept per span, event and link; beyond that the first in key order are kept. The OpenTelemetry
     * SDK's own span limits keep 128 by default before trace-store sees the span.
     */
    private int maxAttributes = 128;

    /**
     * Which spans to keep. 'all' (the default) keeps every span, also those the sampler
     * (management.tracing.sampling.probability) drops: it records them, while exporters still send only the sampled
     * ones. 'sampled' keeps only the spans exporters send.
     */
    private Capture capture = Capture.ALL;

    /**
     * Whether a request for a static resource that does not exist (a 404 whose only error is Spring's
     * NoResourceFoundException, such as the browser's /favicon.ico under WebFlux) counts as a failure: in failed and
     * errorType queries, /actuator/traces/failures and the error counts of traces. By default it does not.
     */
    private boolean staticNotFoundFailures;

    /**
     * The response header that carries the trace ID.
     */
    @NestedConfigurationProperty
    private final TraceIdHeaderProperties traceIdHeader = new TraceIdHeaderProperties();

    public TraceIdHeaderProperties getTraceIdHeader() {
        return traceIdHeader;
    }

    /**
     * The traceStore health indicator.
     */
    @NestedConfigurationProperty
    private final HealthProperties health = new HealthProperties();

    public HealthProperties getHealth() {
        return health;
    }

    /**
     * The limits of one answer of the traces endpoint.
     */
    @NestedConfigurationProperty
    private final ResponseProperties response = new ResponseProperties();

    public ResponseProperties getResponse() {
        return response;
    }

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

    public Duration getMaxAge() {
        return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    public Duration getQueryTimeout() {
        return queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public DataSize getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public int getMaxFiles() {
        return maxFiles;
    }

    public void setMaxFiles(int maxFiles) {
        this.maxFiles = maxFiles;
    }

    public Duration getMaxFileAge() {
        return maxFileAge;
    }

    public void setMaxFileAge(Duration maxFileAge) {
        this.maxFileAge = maxFileAge;
    }

    public boolean isFsync() {
        return fsync;
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }

    public boolean isSnapshotOnShutdown() {
        return snapshotOnShutdown;
    }

    public void setSnapshotOnShutdown(boolean snapshotOnShutdown) {
        this.snapshotOnShutdown = snapshotOnShutdown;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    /**
     * @return the patterns of spans not to store, {@code null} when not set (the auto-configuration then leaves out
     *     the requests to the traces endpoint)
     */
    public List<String> getExclude() {
        return exclude;
    }

    public void setExclude(List<String> exclude) {
        this.exclude = exclude;
    }

    public List<String> getRedact() {
        return redact;
    }

    public void setRedact(List<String> redact) {
        this.redact = redact;
    }

    public boolean isRedactDefaults() {
        return redactDefaults;
    }

    public void setRedactDefaults(boolean redactDefaults) {
        this.redactDefaults = redactDefaults;
    }

    /**
     * @return the redaction of {@link #getRedact()} and {@link #isRedactDefaults()}
     * @throws IllegalArgumentException naming a bad term
     */
    public Redaction redaction() {
        return Redaction.builder().defaults(redactDefaults).keys(redact == null ? List.of() : redact).build();
    }

    public int getMaxAttributeLength() {
        return maxAttributeLength;
    }

    public void setMaxAttributeLength(int maxAttributeLength) {
        this.maxAttributeLength = maxAttributeLength;
    }

    public int getMaxAttributes() {
        return maxAttributes;
    }

    public void setMaxAttributes(int maxAttributes) {
        this.maxAttributes = maxAttributes;
    }

    public Capture getCapture() {
        return capture;
    }

    public void setCapture(Capture capture) {
        this.capture = capture;
    }

    public boolean isStaticNotFoundFailures() {
        return staticNotFoundFailures;
    }

    public void setStaticNotFoundFailures(boolean staticNotFoundFailures) {
        this.staticNotFoundFailures = staticNotFoundFailures;
    }

    @Override
    public boolean supports(Class<?> type) {
        return TraceStoreProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        TraceStorePropertiesRules.check((TraceStoreProperties) target, errors);
    }

    /**
     * Which spans trace-store keeps, see {@link #getCapture()}.
     *
     * <pre>{@code
     * tracestore:
     *   capture: sampled
     * }</pre>
     */
    public enum Capture {
        /** Every span: the sampler's drops are recorded (not sampled) and kept too. */
        ALL,
        /** Only the sampled spans, the ones exporters send. */
        SAMPLED
    }
}
