package dev.tracestore.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MimeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The explorer's script and style files, {@code assets/} beside this class, read once: only the files named here are
 * served, whatever a request asks for, so no path can reach anything else on the class path.
 * <pre>{@code
 * TracesAssets assets = TracesAssets.load();
 * TracesAssets.Asset script = assets.get("main.js"); // null for a name not in the list
 * }</pre>
 */
final class TracesAssets {

    private static final String DIRECTORY = "assets/";

    // One job per module; main.js imports the rest. A new file must be added here to be served.
    static final List<String> FILES = List.of("explorer.css", "main.js", "api.js", "dom.js", "format.js", "model.js",
            "waterfall.js", "find.js", "details.js", "tracepage.js", "startpage.js", "scatter.js", "compare.js",
            "comparepage.js", "sorttable.js", "traceanalysis.js",
            "filters.js", "operationspage.js", "charts.js", "dependencies.js");

    private static final MimeType JAVASCRIPT = new MimeType("text", "javascript", StandardCharsets.UTF_8);
    private static final MimeType CSS = new MimeType("text", "css", StandardCharsets.UTF_8);

    /** One file: its bytes and content type. */
    record Asset(byte[] content, MimeType contentType) {
    }

    private final Map<String, Asset> assets;

    private TracesAssets(Map<String, Asset> assets) {
        this.assets = assets;
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

    /** @return the file of that name, or {@code null} if it is not one of {@link #FILES} */
    @Nullable Asset get(String file) {
        return assets.get(file);
    }
}
