package dev.tracestore.it.webflux;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;

/** Two users for {@link TracesSecurityConfiguration}: {@code ops} has the role OPS, {@code dev} has not. */
@TestConfiguration(proxyBeanMethods = false)
class TracesUsers {

    static final String OPS = "ops:ops-secret";
    static final String DEV = "dev:dev-secret";

    @Bean
    MapReactiveUserDetailsService users() {
        return new MapReactiveUserDetailsService(
                User.withUsername("ops").password("{noop}ops-secret").roles("OPS").build(),
                User.withUsername("dev").password("{noop}dev-secret").roles("DEV").build());
    }
}
