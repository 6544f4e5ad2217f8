package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explorer's script and style files, {@code assets/} beside this class, read once: only the files named here are
 * served, whatever a request asks for, so no path can reach anything else on the class path. Their
 * {@linkplain #version() version}, a hash of them all, goes into the URLs the pages load them from, so that a browser
 * may keep them for good ({@link ExplorerHeaders}) and still gets the new files after an upgrade.
 * <pre>{@code
 * TracesAssets assets = TracesAssets.load();
 * TracesAssets.Asset script = assets.get("main.js"); // null for a name not in the list
 * assets.version(); // "3f2a9c0b71de", the same for the same files
 * }</pre>
 */
final class TracesAssets {

    private static final String DIRECTORY = "assets/";

    // One job per module; main.js imports the rest. A new file must be added here to be served.
    static final List<String> FILES = List.of("explorer.css", "main.js", "api.js", "dom.js", "format.js", "model.js",
            "waterfall.js", "find.js", "details.js", "tracepage.js", "startpage.js", "scatter.js", "compare.js",
            "comparepage.js", "sorttable.js", "traceanalysis.js",
            "filters.js", "operationspage.js", "charts.js", "dependencies.js", "pagedrows.js",
            "flamegraph.js", "selftime.js", "groupstats.js");

    private static final MimeType JAVASCRIPT = new MimeType("text", "javascript", StandardCharsets.UTF_8);
    private static final MimeType CSS = new MimeType("text", "css", StandardCharsets.UTF_8);

    /** One file: its bytes and content type. */
    record Asset(byte[] content, MimeType contentType) {
    }

    private final Map<String, Asset> assets;
    private final String version;

    private TracesAssets(Map<String, Asset> assets) {
        this.assets = assets;
        MessageDigest digest = sha256();
        for (String file : FILES) {
            digest.update(file.getBytes(StandardCharsets.UTF_8));
            digest.update(assets.get(file).content());
        }
        this.version = HexFormat.of().formatHex(digest.digest(), 0, 6);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java platform has SHA-256", ex);
        }
    }

    /** @return every file of {@link #FILES}, read from the class path */
    static TracesAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = TracesAssets.class.getResourceAsStream(DIRECTORY + file)) {
                if (in == null) {
                    throw new IllegalStateException(DIRECTORY + file + " is missing beside "
                            + TracesAssets.class.getName());
                }
                assets.put(file, new Asset(in.readAllBytes(), file.endsWith(".css") ? CSS : JAVASCRIPT));
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot read " + DIRECTORY + file, ex);
            }
        }
        return new TracesAssets(Map.copyOf(assets));
    }

    /** @return 12 hex characters that change whenever a file does */
    String version() {
        return version;
    }

    /** @return the file of that name, or {@code null} if it is not one of {@link #FILES} */
    @Nullable Asset get(String file) {
        return assets.get(file);
    }
}
