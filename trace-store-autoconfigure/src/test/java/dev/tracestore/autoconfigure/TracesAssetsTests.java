package dev.tracestore.autoconfigure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The explorer's script and style files as served: complete, self-contained, and never writing markup. */
class TracesAssetsTests {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

    private final TracesAssets assets = TracesAssets.load();

    @Test
    void everyFileInTheAssetsDirectoryIsServedAndNothingElse() throws IOException, URISyntaxException {
        Path directory = Path.of(TracesAssets.class.getResource("assets").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(TracesAssets.FILES);
        }
        assertThat(assets.get("../traces.html")).isNull();
        assertThat(assets.get("TracesAssets.class")).isNull();
        assertThat(assets.get("main.js").contentType()).hasToString("text/javascript;charset=UTF-8");
        assertThat(assets.get("explorer.css").contentType()).hasToString("text/css;charset=UTF-8");
    }

    @Test
    void everyModuleImportsOnlyServedModules() {
        for (String file : TracesAssets.FILES) {
            Matcher imports = IMPORT.matcher(text(file));
            while (imports.find()) {
                assertThat(TracesAssets.FILES).as(file + " imports " + imports.group(1)).contains(imports.group(1));
            }
        }
    }

    @Test
    void noModuleWritesMarkupRunsTextAsCodeOrReachesAnotherOrigin() {
        for (String file : TracesAssets.FILES) {
            String text = text(file);
            assertThat(text).as(file).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                    "eval(", "new Function", "setAttribute('style'", "import(");
            // The SVG namespace is a name, not an address the page connects to.
            assertThat(text.replace("'http://www.w3.org/2000/svg'", "")).as(file)
                    .doesNotContain("http://", "https://", "//cdn", "@import");
        }
    }

    private String text(String file) {
        return new String(assets.get(file).content(), StandardCharsets.UTF_8);
    }

    @Test
    void theListNamesEachFileOnce() {
        assertThat(TracesAssets.FILES).doesNotHaveDuplicates().allMatch(name -> List.of("js", "css")
                .contains(name.substring(name.lastIndexOf('.') + 1)));
    }
}
