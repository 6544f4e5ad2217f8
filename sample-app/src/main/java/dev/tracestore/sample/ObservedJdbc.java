package dev.tracestore.sample;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * Runs each statement through {@link JdbcTemplate} (the H2 JDBC driver underneath) inside its own
 * {@code db.query} observation, whose span carries the statement as {@code db.query.text} and the database as
 * {@code db.system.name}, as JDBC instrumentation (datasource-micrometer, the OpenTelemetry agent) does. Spring Boot
 * 4.0 itself observes no JDBC call, and the sample keeps its dependencies to what Boot manages.
 */
@Component
class ObservedJdbc {

    private final JdbcTemplate jdbc;
    private final ObservationRegistry registry;

    ObservedJdbc(JdbcTemplate jdbc, ObservationRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    <T> List<T> query(String sql, RowMapper<T> rows, Object... arguments) {
        return Observation.createNotStarted("db.query", registry)
                .contextualName(spanName(sql))
                .lowCardinalityKeyValue("db.system.name", "h2")
                .highCardinalityKeyValue("db.query.text", sql)
                .observe(() -> jdbc.query(sql, rows, arguments));
    }

    /** {@code SELECT item}: the operation and the first table, as the database semantic conventions name spans. */
    private static String spanName(String sql) {
        String[] words = sql.strip().split("\\s+");
        String operation = words[0].toUpperCase(Locale.ROOT);
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equalsIgnoreCase("from") || words[i].equalsIgnoreCase("into")
                    || words[i].equalsIgnoreCase("update")) {
                return operation + " " + words[i + 1];
            }
        }
        return operation;
    }
}
