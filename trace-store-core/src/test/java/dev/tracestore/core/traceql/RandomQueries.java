package dev.tracestore.core.traceql;

import dev.tracestore.core.model.StoredSpan;

import java.util.List;
import java.util.Random;

/** Random queries in the subset over {@link RandomTraces}' vocabulary. */
final class RandomQueries {

    private static final String[] OPERATORS = {"&&", "||", ">", ">>", "<", "<<", "~", "!>", "!>>", "!<", "!<<",
            "!~"};

    private final Random random;
    private final List<List<StoredSpan>> traces;

    RandomQueries(Random random, List<List<StoredSpan>> traces) {
        this.random = random;
        this.traces = traces;
    }

    String next() {
        StringBuilder query = new StringBuilder(spanset(2));
        int stages = random.nextInt(3);
        for (int i = 0; i < stages; i++) {
            query.append(" | ").append(stage());
        }
        if (random.nextInt(8) == 0) {
            query.append(" | by(name) | coalesce()");
        }
        return query.toString();
    }

    private String spanset(int depth) {
        if (depth == 0 || random.nextInt(3) == 0) {
            return random.nextInt(12) == 0 ? "{ }" : "{ " + condition(2) + " }";
        }
        String left = spanset(depth - 1);
        String right = spanset(depth - 1);
        String combined = left + " " + OPERATORS[random.nextInt(OPERATORS.length)] + " " + right;
        return random.nextInt(3) == 0 ? "(" + combined + ")" : combined;
    }

    private String stage() {
        return switch (random.nextInt(8)) {
            case 0 -> "count() > " + random.nextInt(3);
            case 1 -> "avg(duration) > " + (50 + random.nextInt(300)) + "ms";
            case 2 -> "by(resource.service.name)";
            case 3 -> "by(.uri) | count() >= 2";
            case 4 -> "select(.n, status)";
            case 5 -> "{ " + condition(1) + " }";
            case 6 -> "max(span.n) " + (random.nextBoolean() ? "<" : ">=") + " " + random.nextInt(5);
            default -> "sum(.f) > " + random.nextInt(6);
        };
    }

    private String condition(int depth) {
        if (depth > 0 && random.nextInt(3) == 0) {
            String op = random.nextBoolean() ? " && " : " || ";
            String combined = condition(depth - 1) + op + condition(depth - 1);
            return random.nextBoolean() ? "(" + combined + ")" : combined;
        }
        if (depth > 0 && random.nextInt(10) == 0) {
            return "!(" + condition(depth - 1) + ")";
        }
        return atom();
    }

    private String atom() {
        return switch (random.nextInt(26)) {
            case 0 -> "resource.service.name = \"" + RandomTraces.pick(random, RandomTraces.SERVICES) + "\"";
            case 1 -> "name = \"" + RandomTraces.pick(random, RandomTraces.NAMES) + "\"";
            case 2 -> "status = " + RandomTraces.pick(random, new String[] {"error", "ok", "unset"});
            case 3 -> "kind = " + RandomTraces.pick(random, new String[] {"server", "client", "internal", "producer"});
            case 4 -> "duration > " + random.nextInt(500) + "ms";
            case 5 -> "duration <= " + random.nextInt(500) + "ms";
            case 6 -> ".uri = \"" + RandomTraces.pick(random, RandomTraces.URIS) + "\"";
            case 7 -> "span.uri =~ \"/orders.*\"";
            case 8 -> ".status = \"500\"";
            case 9 -> "span.n = " + random.nextInt(5);
            case 10 -> ".n >= " + random.nextInt(5);
            case 11 -> ".f > " + random.nextInt(5) + ".5";
            case 12 -> ".flag = " + random.nextBoolean();
            case 13 -> "span.tags " + (random.nextBoolean() ? "=" : "!=") + " \"/a\"";
            case 14 -> ".env = \"" + (random.nextBoolean() ? "prod" : "span-env") + "\"";
            case 15 -> "event.exception.type = \"IOException\"";
            case 16 -> "event:name = \"exception\"";
            case 17 -> "link.n = \"linked\"";
            case 18 -> "instrumentation:name = \"jdbc\"";
            case 19 -> "span:childCount > " + random.nextInt(3);
            case 20 -> "trace:duration > " + random.nextInt(600) + "ms";
            case 21 -> "trace:rootService = \"" + RandomTraces.pick(random, RandomTraces.SERVICES) + "\"";
            case 22 -> ".n " + (random.nextBoolean() ? "=" : "!=") + " nil";
            case 23 -> "statusMessage = \"boom\"";
            case 24 -> ".n != " + random.nextInt(5);
            default -> "trace:id = \"" + traces.get(random.nextInt(traces.size())).get(0).traceId() + "\"";
        };
    }
}
