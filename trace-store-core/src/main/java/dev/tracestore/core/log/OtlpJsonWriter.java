package dev.tracestore.core.log;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.tracestore.core.model.StoredSpan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a batch of spans as one OTLP/JSON {@code ExportTraceServiceRequest}
 * ({@code {"resourceSpans":[...]}}), following the JSON Protobuf Encoding of the OTLP
 * specification, so that the Collector's {@code otlpjsonfile} receiver and other OpenTelemetry
 * tools can read what trace-store writes.
 *
 * <p>Spans are grouped by resource, then by instrumentation scope; inside a group they keep their
 * batch order. IDs are lowercase hex, 64-bit integers are decimal strings, enums are integers,
 * fields holding proto3 default values (empty strings, empty lists) are omitted, and non-finite
 * doubles are written as the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 * Instances are thread-safe; the attribute keys and span names they have escaped, and the encoded attributes
 * whose values repeat, are kept (a few thousand of each at most).
 *
 * <pre>{@code
 * OtlpJsonWriter writer = new OtlpJsonWriter();
 * writer.write(batch, out);                 // {"resourceSpans":[...]}, no trailing newline
 * byte[] json = writer.toBytes(List.of(span));
 * }</pre>
 */
public final class OtlpJsonWriter {

    private final JsonFactory factory;
    private final EncodedKeyValues keyValues;
    private final EscapedStrings spanNames = new EscapedStrings();

    /** Creates a writer; create one and reuse it, the {@link JsonFactory} inside is costly. */
    public OtlpJsonWriter() {
        this.factory = JsonFactory.builder()
                // The caller owns the stream: closing the generator must neither close nor flush it,
                // or every batch would cost a system call.
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .build();
        this.keyValues = new EncodedKeyValues(factory);
    }

    /**
     * Writes {@code spans} to {@code out} as one JSON object, without a trailing newline. The
     * stream is neither flushed nor closed.
     *
     * @param spans the batch, possibly empty
     * @param out where the UTF-8 JSON goes
     * @throws IOException when {@code out} fails or a string cannot be encoded
     */
    public void write(List<StoredSpan> spans, OutputStream out) throws IOException {
        Objects.requireNonNull(spans, "spans");
        Objects.requireNonNull(out, "out");
        try (JsonGenerator generator = factory.createGenerator(out, JsonEncoding.UTF8)) {
            new SpanJsonEncoder(generator, keyValues, spanNames).writeRequest(spans);
        }
    }

    /**
     * Encodes {@code spans} into a new array.
     *
     * @param spans the batch, possibly empty
     * @return the UTF-8 JSON object
     */
    public byte[] toBytes(List<StoredSpan> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 512 * spans.size());
        try {
            write(spans, out);
        } catch (IOException e) {
            // A ByteArrayOutputStream never fails: only an unencodable string gets here.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
