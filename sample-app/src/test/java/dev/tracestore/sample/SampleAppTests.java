package dev.tracestore.sample;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * What the sample app's HTTP test classes share: the span files in a directory of the class's own, deleted after the
 * class, and the app's port. The application context is closed with the class ({@link DirtiesContext}): it writes to
 * that directory, so no other class can reuse it, and cached it would write on after the directory is gone.
 *
 * <pre>{@code
 * @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tracestore.exclude=")
 * class SomeTests extends SampleAppTests {
 *     @Test
 *     void someCheck() {
 *         new HttpGet(port).get("/orders/42");
 *     }
 * }
 * }</pre>
 */
@DirtiesContext
abstract class SampleAppTests {

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void traceStoreDirectory(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", () -> directory.toString());
    }

    @LocalServerPort
    int port;
}
