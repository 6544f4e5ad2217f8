package dev.tracestore.sample;

import org.springframework.boot.test.context.SpringBootTest;

/** The README's queries on the sample app as it ships: OpenTelemetry's semantic conventions. */
@SpringBootTest(classes = ReadmeQueries.OpenTelemetryConventionApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tracestore.directory=target/readme-queries/${random.uuid}")
class ReadmeQueriesOpenTelemetryTests extends ReadmeQueries {

    @Override
    String failingServerSpan() {
        return "GET /orders/{id}/fail";
    }
}
