package dev.tracestore.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TracesExposureHintAutoConfigurationTests {

    private static final String HINT = "the 'traces' endpoint is not exposed over HTTP";

    @TempDir
    Path directory;

    private final AutoConfigurations configurations = AutoConfigurations.of(EndpointAutoConfiguration.class,
            WebEndpointAutoConfiguration.class, TraceStoreAutoConfiguration.class,
            TracesEndpointAutoConfiguration.class, TracesExposureHintAutoConfiguration.class);

    private WebApplicationContextRunner web() {
        return new WebApplicationContextRunner().withConfiguration(configurations)
                .withPropertyValues("tracestore.directory=" + directory);
    }

    @Test
    void logsOnceHowToExposeAndSecureWhenNotExposed(CapturedOutput output) {
        web().run(context -> {
            assertThat(context).hasSingleBean(TracesExposureHint.class).doesNotHaveBean(TracesEndpoint.class);
            assertThat(output.getOut()).containsOnlyOnce(HINT)
                    .contains("management.endpoints.web.exposure.include=health,traces")
                    .contains("EndpointRequest.to(\"traces\")")
                    .contains(directory.toAbsolutePath().toString());
            assertThat(output.getOut().lines().filter(line -> line.contains(HINT))).allMatch(l -> l.contains("INFO"));
        });
    }

    @Test
    void staysQuietWhenExposed(CapturedOutput output) {
        web().withPropertyValues("management.endpoints.web.exposure.include=health,traces").run(context -> {
            assertThat(context).hasSingleBean(TracesEndpoint.class);
            assertThat(context.getBean(TracesExposureHint.class).isExposed()).isTrue();
            assertThat(output.getOut()).doesNotContain(HINT);
        });
        web().withPropertyValues("management.endpoints.web.exposure.include=*")
                .run(context -> assertThat(output.getOut()).doesNotContain(HINT));
    }

    @Test
    void logsWhenExposedButExcluded(CapturedOutput output) {
        web().withPropertyValues("management.endpoints.web.exposure.include=*",
                "management.endpoints.web.exposure.exclude=traces")
                .run(context -> assertThat(output.getOut()).containsOnlyOnce(HINT));
    }

    @Test
    void staysQuietInANonWebApplication(CapturedOutput output) {
        new ApplicationContextRunner().withConfiguration(configurations)
                .withPropertyValues("tracestore.directory=" + directory)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(TracesExposureHint.class);
                    assertThat(output.getOut()).doesNotContain(HINT);
                });
    }
}
