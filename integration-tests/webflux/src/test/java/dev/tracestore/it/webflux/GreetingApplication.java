package dev.tracestore.it.webflux;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/** A WebFlux app whose /greeting calls the app's own /name with WebClient: a server span with a client child. */
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
    }
}
