package dev.tracestore.autoconfigure;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the OpenTelemetry Spring Boot starter nothing reads {@link AutoConfigurationCustomizerProvider} beans, so
 * none is declared (the starter itself is tested in integration-tests/otel-starter).
 */
class OpenTelemetryStarterAutoConfigurationTests {

    @TempDir
    Path directory;

    @Test
    void declaresNothingWithoutTheStarter() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                        OpenTelemetryStarterAutoConfiguration.class))
                .withPropertyValues("tracestore.directory=" + directory)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(AutoConfigurationCustomizerProvider.class));
    }
}
