package dev.tracestore.it.nonweb;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The README's non-web app: a {@code CommandLineRunner} that imports three batches, the second of which fails, and
 * exits. Its spans reach the files when it exits; it prints its trace ID for the test.
 */
@SpringBootApplication
public class NightlyImport implements CommandLineRunner {

    private final ObservationRegistry observations;
    private final Tracer tracer;

    NightlyImport(ObservationRegistry observations, Tracer tracer) {
        this.observations = observations;
        this.tracer = tracer;
    }

    public static void main(String[] args) {
        SpringApplication.run(NightlyImport.class, args);
    }

    @Override
    public void run(String... args) {
        Observation.createNotStarted("nightly.import", observations).observe(() -> {
            System.out.println("trace=" + tracer.currentSpan().context().traceId());
            for (int batch = 1; batch <= 3; batch++) {
                importBatch(batch);
            }
        });
    }

    private void importBatch(int batch) {
        try {
            Observation.createNotStarted("import.batch", observations)
                    .lowCardinalityKeyValue("batch", String.valueOf(batch))
                    .observe(() -> {
                        if (batch == 2) {
                            throw new IllegalStateException("batch 2: malformed row 17");
                        }
                    });
        } catch (IllegalStateException ex) {
            System.out.println("skipped " + ex.getMessage());
        }
    }
}
