package dev.tracestore.it.nonweb;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The README's non-web app, as written there: a {@code CommandLineRunner} that imports three batches and exits;
 * loading the second one fails.
 */
@SpringBootApplication
public class NightlyImport implements CommandLineRunner {

    private final ObservationRegistry observations;

    NightlyImport(ObservationRegistry observations) {
        this.observations = observations;
    }

    public static void main(String[] args) {
        SpringApplication.run(NightlyImport.class, args);
    }

    @Override
    public void run(String... args) {
        Observation.createNotStarted("nightly.import", observations).observe(() -> {
            for (int batch = 1; batch <= 3; batch++) {
                importBatch(batch);
            }
        });
    }

    private void importBatch(int batch) {
        try {
            Observation.createNotStarted("import.batch", observations)
                    .lowCardinalityKeyValue("batch", String.valueOf(batch))
                    .observe(() -> load(batch));    // an exception marks the span failed (status ERROR)
        } catch (IllegalStateException ex) {
            // skip the batch; the failed span is kept
        }
    }

    private void load(int batch) {
        if (batch == 2) {
            throw new IllegalStateException("batch 2: malformed row 17");
        }
    }
}
