package dev.tracestore.sample;

import org.springframework.boot.test.context.SpringBootTest;

/** The README's queries on a default Boot app: Micrometer's observation conventions. */
@SpringBootTest(classes = ReadmeQueries.DefaultConventionApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tracestore.directory=target/readme-queries/${random.uuid}")
class ReadmeQueriesMicrometerTests extends ReadmeQueries {

    @Override
    String failingServerSpan() {
        return "http get /orders/{id}/fail";
    }
}
