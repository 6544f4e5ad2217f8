package dev.tracestore.autoconfigure;

import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TracesEndpointAutoConfigurationTests {

    private static final String EXPOSED = "management.endpoints.web.exposure.include=health,traces";

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TraceStoreAutoConfiguration.class,
                        TracesEndpointAutoConfiguration.class))
                .withPropertyValues("tracestore.directory=" + directory);
    }

    @Test
    void endpointIsCreatedWhenExposedOnTheWeb() {
        runner().withPropertyValues(EXPOSED).run(context -> assertThat(context).hasSingleBean(TracesEndpoint.class));
    }

    @Test
    void endpointIsNotCreatedWhenNotExposed() {
        runner().run(context -> assertThat(context).doesNotHaveBean(TracesEndpoint.class));
    }

    @Test
    void endpointIsNotCreatedWhenItsAccessIsNone() {
        runner().withPropertyValues(EXPOSED, "management.endpoint.traces.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(TracesEndpoint.class));
    }

    @Test
    void endpointIsNotCreatedWhenTraceStoreIsDisabled() {
        runner().withPropertyValues(EXPOSED, "tracestore.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TracesEndpoint.class));
    }

    @Test
    void endpointIsNotCreatedWithoutActuator() {
        runner().withPropertyValues(EXPOSED).withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).doesNotHaveBean(TracesEndpoint.class));
    }

    @Test
    void userEndpointWins() {
        runner().withPropertyValues(EXPOSED).withUserConfiguration(UserEndpointConfiguration.class)
                .run(context -> assertThat(context).hasSingleBean(TracesEndpoint.class).hasBean("userEndpoint"));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpointConfiguration {

        @Bean
        TracesEndpoint userEndpoint() {
            return new TracesEndpoint(new InMemorySpanStore(1));
        }
    }
}
