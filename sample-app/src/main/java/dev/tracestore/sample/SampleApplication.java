package dev.tracestore.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small orders service whose traces trace-store keeps: call an endpoint, then read its trace at
 * {@code /actuator/traces/{traceId}}.
 *
 * <pre>{@code
 * java -jar sample-app/target/sample-app.jar
 * curl -i localhost:8080/orders/42
 * }</pre>
 */
@SpringBootApplication
public class SampleApplication {

    /**
     * @param args Spring Boot command-line arguments, such as {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
