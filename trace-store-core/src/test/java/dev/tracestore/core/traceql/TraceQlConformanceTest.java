package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;
import dev.tracestore.core.query.FailureRules;
import dev.tracestore.core.store.InMemorySpanStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * trace-store's TraceQL conformance cases ({@link ConformanceCases}): valid queries parse and run on random traces,
 * every rejected query is a {@link TraceQlException} of the expected kind (syntax errors at the expected
 * position), and random token soups never fail with anything else.
 */
class TraceQlConformanceTest {

    private static final List<List<StoredSpan>> TRACES = RandomTraces.traces(new Random(7), 20);

    @Test
    void validQueriesParseAndRun() {
        List<String> cases = ConformanceCases.valid();
        for (String query : cases) {
            TraceQlQuery parsed = assertParses(query);
            for (List<StoredSpan> trace : TRACES) {
                assertThatCode(() -> parsed.evaluate(trace)).as(query).doesNotThrowAnyException();
            }
        }
        System.out.println("TraceQL conformance: valid " + cases.size());
        assertThat(cases).hasSizeGreaterThan(300);
    }

    @Test
    void validQueriesSearchAStore() {
        InMemorySpanStore store = new InMemorySpanStore(1_000);
        TRACES.forEach(trace -> trace.forEach(store::add));
        TraceQlSearch search = new TraceQlSearch(store, FailureRules.DEFAULT);
        List<String> edges = List.of("{ name = \"\" }", "{ resource.service.name = \"\" }", "{ span.x = \"\" }",
                "{ duration > 1000000000h }", "{ duration < 0ns }", "{ duration <= 0ns }", "{ duration >= -1s }",
                "{ trace:id = \"00\" }", "{ trace:id = \"" + "0".repeat(32) + "\" }", "{ span.\" \" = 1 }",
                "{ .span.x = 1 }", "{ duration > 420ms && duration <= 305ms }", "{ duration = 2ms && duration < 1ms }", "{ .n > 1e400 }".replace("1e400", "9".repeat(30) + ".5"));
        for (String query : concat(ConformanceCases.valid(), edges)) {
            TraceQlQuery parsed = assertParses(query);
            assertThatCode(() -> search.search(parsed, null, null, 10)).as(query).doesNotThrowAnyException();
            assertThatCode(() -> search.search(parsed, Instant.ofEpochSecond(0, RandomTraces.START),
                    Instant.ofEpochSecond(0, RandomTraces.START + 5_000_000), 3)).as(query).doesNotThrowAnyException();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void syntaxErrorsPointAtTheirPosition() {
        List<Object[]> cases = ConformanceCases.mustNotParse();
        for (Object[] testCase : cases) {
            String query = (String) testCase[0];
            TraceQlException error = rejected(query);
            assertThat(error.problem()).as(query + ": " + error.getMessage()).isEqualTo(TraceQlException.Problem.SYNTAX);
            assertThat(error.position()).as(query + ": " + error.getMessage()).isEqualTo(testCase[1]);
            assertThat(error.getMessage()).startsWith("syntax error at column " + ((int) testCase[1] + 1) + ": ");
        }
        System.out.println("TraceQL conformance: must not parse " + cases.size());
    }

    @Test
    void meaninglessQueriesAreInvalid() {
        List<String> cases = ConformanceCases.mustNotValidate();
        for (String query : cases) {
            TraceQlException error = rejected(query);
            assertThat(error.problem()).as(query + ": " + error.getMessage())
                    .isEqualTo(TraceQlException.Problem.INVALID);
            assertThat(error.position()).isBetween(0, query.length());
        }
        System.out.println("TraceQL conformance: must not validate " + cases.size());
    }

    @Test
    void featuresOutsideTheSubsetAreNamed() {
        List<String> cases = ConformanceCases.notSupported();
        for (String query : cases) {
            TraceQlException error = rejected(query);
            assertThat(error.problem()).as(query + ": " + error.getMessage())
                    .isEqualTo(TraceQlException.Problem.UNSUPPORTED);
            assertThat(error.getMessage()).startsWith("not supported (column ");
        }
        System.out.println("TraceQL conformance: not supported " + cases.size());
    }

    @Test
    void randomTextNeverCrashes() {
        long seed = Long.getLong("traceql.seed", System.nanoTime()); // -Dtraceql.seed=... repeats a run
        System.out.println("TraceQlConformanceTest.randomTextNeverCrashes seed " + seed);
        Random random = new Random(seed);
        List<String> pieces = List.of("{", "}", "(", ")", "|", "&&", "||", "!", "=", "!=", ">", ">>", "<", "<<",
                "~", "!~", "=~", "-", "+", ".a", "span.b", "resource.service.name", "\"x\"", "1", "2.5", "10ms",
                "nil", "true", "name", "status", "error", "kind", "server", "duration", "count()", "avg(",
                "by(", "select(", ",", "coalesce()", "trace:duration", "event.", "\"", "`", "\\", "µ", "1y", ":");
        List<String> valid = ConformanceCases.valid();
        String characters = "{}()|&!=<>~-+.\"`\\ 1a:µ,";
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder query = new StringBuilder();
            if (random.nextBoolean()) {
                int length = 1 + random.nextInt(12);
                for (int p = 0; p < length; p++) {
                    query.append(pieces.get(random.nextInt(pieces.size()))).append(random.nextBoolean() ? " " : "");
                }
            } else {
                // one character of a valid query changed, inserted or deleted
                query.append(valid.get(random.nextInt(valid.size())));
                int at = random.nextInt(query.length());
                char c = characters.charAt(random.nextInt(characters.length()));
                switch (random.nextInt(3)) {
                    case 0 -> query.setCharAt(at, c);
                    case 1 -> query.insert(at, c);
                    default -> query.deleteCharAt(at);
                }
            }
            try {
                TraceQlQuery parsed = TraceQlQuery.parse(query.toString());
                TRACES.forEach(parsed::evaluate);
                accepted.add(query.toString());
            } catch (TraceQlException expected) {
                assertThat(expected.position()).as(query.toString()).isBetween(0, query.length());
            }
        }
        assertThat(accepted).as("some random queries are valid").isNotEmpty();
    }

    private static TraceQlQuery assertParses(String query) {
        try {
            return TraceQlQuery.parse(query);
        } catch (TraceQlException e) {
            throw new AssertionError(query + " should be valid: " + e.getMessage(), e);
        }
    }

    private static TraceQlException rejected(String query) {
        TraceQlException error = catchThrowableOfType(TraceQlException.class, () -> TraceQlQuery.parse(query));
        assertThat(error).as(query + " must be rejected").isNotNull();
        return error;
    }
}
