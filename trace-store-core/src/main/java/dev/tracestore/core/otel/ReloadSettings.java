package dev.tracestore.core.otel;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Describes, as one string, everything besides the span files that decides what a reload stores: the redaction and
 * the attribute limits the reloaded spans go through, and the code that decodes, sanitizes and stores them. A
 * snapshot written at shutdown records it and is used at the next start only when it is the same, so a changed
 * setting or an upgrade of trace-store makes the start read the files again. (The store's capacity is recorded on
 * its own.)
 */
final class ReloadSettings {

    /**
     * The classes whose code shapes what a reload stores, or what the snapshot holds: reading the files, sanitizing,
     * the store's packing (the snapshot is unpacked from it) and the snapshot itself. Named, not referenced: most are
     * internal to their packages.
     */
    private static final List<String> CODE = List.of(
            "log/OtlpJsonReader", "log/SpanPartsReader", "log/AnyValueReader", "log/KnownKeys", "log/SharedNames",
            "log/SharedValues", "log/Proto3Json", "log/DecodeAhead", "log/FileLines", "log/LineBuffer",
            "log/SpanCounter", "log/SpanDirectory", "log/OpenedSpanFiles", "log/SpanFileReader", "log/SpanSnapshot",
            "log/SnapshotHeader", "log/SnapshotInput", "log/SnapshotOutput", "log/SnapshotSpanEncoder",
            "log/SnapshotSpanDecoder", "log/SnapshotDecodeAhead", "log/ReloadWindow", "log/SnapshotSpanSink",
            "otel/AttributeSanitizer", "otel/AttributeShapes", "otel/Redaction", "otel/SpanDataConverter",
            "otel/SpanReloader", "otel/ShutdownSnapshot", "otel/ReloadSettings",
            "model/StoredSpan", "model/SpanEvent", "model/SpanLink", "model/HexIds", "internal/SortedAttributes",
            "store/InMemorySpanStore", "store/SpanRing", "store/SpanColumns", "store/SpanRecordCodec",
            "store/RecordWriter", "store/RecordReader", "store/AttributeEncoder", "store/Dictionary",
            "store/ByteArena");

    /** A URL with user-info and a signature parameter: how it comes out tells the redaction's URL rules apart. */
    private static final String PROBE_URL = "https://user:pass@example.com/?sig=s&key=k&token=t";

    private static volatile String codeFingerprint;

    private ReloadSettings() {
    }

    /** @return the description of these settings, with the fingerprint of this version's code */
    static String describe(Redaction redaction, int maxAttributeLength, int maxAttributes) {
        // terms() lists the key terms; whether the defaults are kept (user-info and the default query terms
        // masked) shows only in what the rules do with a URL
        return "redaction=" + redaction.terms() + " url=" + redaction.redactValue("url.full", PROBE_URL)
                + " max-attribute-length=" + maxAttributeLength + " max-attributes=" + maxAttributes
                + " code=" + codeFingerprint();
    }

    private static String codeFingerprint() {
        String known = codeFingerprint;
        if (known == null) {
            CRC32C crc = new CRC32C();
            ClassLoader loader = ReloadSettings.class.getClassLoader();
            for (String name : CODE) {
                try (InputStream code = loader.getResourceAsStream("dev/tracestore/core/" + name + ".class")) {
                    crc.update(code == null ? new byte[] {0} : code.readAllBytes());
                } catch (IOException e) {
                    // matches no snapshot, written or found: the files are read, as without snapshots
                    return "unreadable-" + System.nanoTime();
                }
            }
            known = Long.toHexString(crc.getValue());
            codeFingerprint = known;
        }
        return known;
    }
}
