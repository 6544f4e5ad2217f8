package dev.tracestore.sample;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * One {@link Chromium} for every browser test class of a test run, given to a {@code @BeforeAll} method that takes a
 * {@code Chromium} parameter: started by the first class that asks (a second or two, which each class used to spend
 * again), kept in the root context's store and quit when the run ends (JUnit closes what that store holds). A class
 * is skipped when Chromium is not installed.
 *
 * <pre>{@code
 * @ExtendWith(SharedChromium.class)
 * class SomeBrowserTests {
 *     @BeforeAll
 *     static void useChromium(Chromium shared) { ... }
 * }
 * }</pre>
 */
final class SharedChromium implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedChromium.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Chromium.assumeInstalled();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Chromium.class;
    }

    @Override
    public Chromium resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Chromium.class,
                key -> Chromium.start(Path.of("target", "chromium-profile-" + System.nanoTime()).toAbsolutePath()),
                Chromium.class);
    }
}
