package dev.tracestore.sample;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.otel.FileBasedSpanProcessor;
import dev.tracestore.core.query.SpanQuery;
import dev.tracestore.core.store.SpanStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's way to protect the {@code traces} endpoint with Spring Security works: without credentials 401, with
 * a user lacking the role 403, with the role 200; the rest of the app is left as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.autoconfigure.exclude=")
@Import(TracesSecurityTests.SecuredTraces.class)
class TracesSecurityTests extends SampleAppTests {

    @Autowired
    SpanStore store;

    @Autowired
    FileBasedSpanProcessor processor;

    /** The snippet of the README, plus two users to try it with. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SecuredTraces {

        @Bean
        SecurityFilterChain tracesSecurity(HttpSecurity http) throws Exception {
            return http.securityMatcher(EndpointRequest.to("traces"))
                    .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("OPS"))
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("ops").password("{noop}ops-password").roles("OPS").build(),
                    User.withUsername("dev").password("{noop}dev-password").roles("DEV").build());
        }
    }

    @Test
    void theTracesEndpointNeedsTheRole() {
        HttpGet http = new HttpGet(port);
        String traceId = http.get("/orders/42").headers().firstValue("X-Trace-Id").orElseThrow();

        for (String path : new String[] {"/actuator/traces", "/actuator/traces/failures", "/actuator/traces/" + traceId}) {
            assertThat(http.get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(http.get(path, "ops", "wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(http.get(path, "dev", "dev-password").statusCode()).as(path).isEqualTo(403);
        }
        assertThat(http.get("/actuator/traces", "ops", "ops-password").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/traces/failures", "ops", "ops-password").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.getTrace(traceId).isEmpty());
        assertThat(http.get("/actuator/traces/" + traceId, "ops", "ops-password").statusCode()).isEqualTo(200);
        assertThat(http.get("/orders/7").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);

        // Spring Security's spans inside the excluded /actuator requests are left out with them: no span is stored
        // whose trace's root is not
        assertThat(processor.awaitIngest(Duration.ofSeconds(10))).isTrue();
        List<StoredSpan> spans = store.findSpans(SpanQuery.builder().limit(10_000).build());
        Set<String> withRoot = spans.stream().filter(span -> span.parentSpanId().isEmpty())
                .map(StoredSpan::traceId).collect(Collectors.toSet());
        assertThat(spans).isNotEmpty().allSatisfy(span -> assertThat(withRoot).as(span.name()).contains(span.traceId()));
    }
}
