package dev.tracestore.autoconfigure;

import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.invoke.OperationParameter;
import org.springframework.boot.actuate.endpoint.invoke.ParameterValueMapper;
import org.springframework.boot.actuate.endpoint.invoke.reflect.OperationMethod;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

    // Actuator's parameter mapper (EndpointAutoConfiguration) must use the endpoint converter.
    @Test
    void actuatorHandsTheEndpointItsQueryParametersAsSent() {
        runner().withPropertyValues(EXPOSED)
                .withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class))
                .run(context -> {
                    ParameterValueMapper mapper = context.getBean(ParameterValueMapper.class);
                    OperationParameter attr = parameter("search", "attr");
                    assertThat(mapper.mapParameterValue(attr, "url.query=a,b"))
                            .isEqualTo(ParameterValues.of("url.query=a,b"));
                    assertThat(mapper.mapParameterValue(attr, List.of("a=1,2", "b=3")))
                            .isEqualTo(ParameterValues.of("a=1,2", "b=3"));
                    assertThat(mapper.mapParameterValue(attr, null)).isNull();
                    assertThat(attr.isMandatory()).isFalse();
                    assertThat(context).hasSingleBean(UnknownParameterAdvisor.class);
                });
    }

    private static OperationParameter parameter(String operation, String name) {
        Method method = Arrays.stream(TracesEndpoint.class.getMethods())
                .filter(candidate -> candidate.getName().equals(operation)).findFirst().orElseThrow();
        return new OperationMethod(method, OperationType.READ).getParameters().stream()
                .filter(parameter -> parameter.getName().equals(name)).findFirst().orElseThrow();
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
