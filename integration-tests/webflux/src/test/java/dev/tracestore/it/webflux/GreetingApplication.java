package dev.tracestore.it.webflux;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * A WebFlux app whose /greeting calls the app's own /name with WebClient: a server span with a client child. Its
 * /names/{id} route has a template (Micrometer tags it {@code uri}), and /names/{id}/fail fails as an unhandled bug.
 */
@SpringBootApplication
class GreetingApplication {

    @RestController
    static class GreetingController {

        private final WebClient client;

        /** Boot's builder: it carries the observation registry, so WebClient's requests become client spans. */
        GreetingController(WebClient.Builder builder) {
            this.client = builder.build();
        }

        @GetMapping("/greeting")
        Mono<String> greeting(ServerHttpRequest request) {
            return client.get().uri(UriComponentsBuilder.fromUri(request.getURI()).replacePath("/name").build().toUri())
                    .retrieve().bodyToMono(String.class).map(name -> "hello " + name);
        }

        @GetMapping("/name")
        Mono<String> name() {
            return Mono.just("world");
        }

        @GetMapping("/names/{id}")
        Mono<String> named(@PathVariable String id) {
            return Mono.just("name " + id);
        }

        @GetMapping("/names/{id}/fail")
        Mono<String> fail(@PathVariable String id) {
            return Mono.error(new IllegalStateException("name " + id + " is broken"));
        }
    }
}
