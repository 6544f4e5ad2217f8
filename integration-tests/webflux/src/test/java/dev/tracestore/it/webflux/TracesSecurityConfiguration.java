package dev.tracestore.it.webflux;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** The README's reactive security snippet, as written there: the traces endpoint requires the role OPS. */
@Configuration(proxyBeanMethods = false)
class TracesSecurityConfiguration {

    @Bean
    SecurityWebFilterChain tracesSecurity(ServerHttpSecurity http) {
        return http.securityMatcher(EndpointRequest.to("traces"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().hasRole("OPS"))
                .httpBasic(Customizer.withDefaults())
                .build();
    }
}
