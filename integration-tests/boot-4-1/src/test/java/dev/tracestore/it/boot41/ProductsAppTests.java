package dev.tracestore.it.boot41;

import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;

/**
 * What every test class of the products app shares: its span files in a directory of its own, deleted after the
 * class, and the app's port. The application context is closed with the class ({@link DirtiesContext}): it writes
 * to that directory, so no other class can reuse it, and cached it would write on after the directory is gone.
 *
 * <pre>{@code
 * @SpringBootTest(classes = ProductsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
 * class SomeTests extends ProductsAppTests {
 *     @Test
 *     void someCheck() {
 *         new ProductsClient(port).product("7");
 *     }
 * }
 * }</pre>
 */
@DirtiesContext
abstract class ProductsAppTests {

    @TempDir
    static Path directory;

    @DynamicPropertySource
    static void spanFiles(DynamicPropertyRegistry registry) {
        registry.add("tracestore.directory", directory::toString);
    }

    @LocalServerPort
    int port;
}
