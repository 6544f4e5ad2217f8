package dev.tracestore.sample;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and hostile requests to {@code /actuator/traces}, {@code /failures} and {@code /{traceId}} over real HTTP:
 * none may answer 500, every 400 is JSON naming the parameter, every 404 is JSON. Seeded: a failure prints the seed,
 * rerun it with {@code -Dfuzz.seed=N}; {@code -Dfuzz.seconds=N} fuzzes longer (3 seconds by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TracesFuzzTests extends SampleAppTests {

    private static final List<String> PARAMETERS = List.of("traceId", "service", "name", "kind", "status",
            "errorType", "failed", "attr", "from", "to", "lookback", "minDuration", "maxDuration", "minTraceDuration",
            "maxTraceDuration", "limit", "order", "view", "format");

    private static final List<String> HOSTILE = List.of("' OR 1=1 --", "\"; DROP TABLE spans; --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1389/a}", "#{7*7}", "{{7*7}}", "../../etc/passwd",
            "\u0000", "\r\n", "%", "%00", "\\", "日本語", "😀", "\uD800", "\uFFFF", "Ω≈ç√", "null", "undefined", "",
            " ", "true", "false", "[]", "{}", "a=b", "=", "!", "!!", ",", ",,,", "*", "orders", "GET /orders/{id}");

    private static final List<String> NUMBERS = List.of("0", "1", "-1", "100", "10000", "10001", "99999999999999999999",
            "-99999999999999999999", "9223372036854775807", "-9223372036854775808", "1e309", "-1e309", "NaN",
            "Infinity", "-0", "0x10", "1.5", "１２", "٣", "+5", " 5 ");

    private static final List<String> DURATIONS = List.of("15m", "1ns", "250ms", "2s", "1d", "0s", "-5s", "PT2H",
            "PT-1H", "P999999999999D", "106751d", "106752d", "9999999999999999999d", "1000000000000000000ms", "ms", "5 s",
            "5S", "1h30m", "P1Y");

    private static final List<String> TIMES = List.of("2026-11-25T10:00:00Z", "2026-11-25T11:00:00+01:00",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-13-45T99:99:99Z",
            "2026-11-25", "now", "1700000000", "2026-11-25T10:00:00.123456789123Z");

    private static final List<String> ATTRIBUTE_KEYS = List.of("order.id", "http.route", "http.response.status_code",
            "error.type", "inventory.warehouse", "span.order.id", "resource.service.name", "", " ", "a.b.c");

    private static final List<String> REGEXES = List.of("(a+)+$", "(.*a){20}", "(?:a+){15}b", "(a|aa)+$", "[",
            "*", "(", "\\", ".*", "a{2147483647}", "(?<n>a)\\k<n>", "\\p{IsNope}", "x".repeat(1001), "(?i)ORDERS.*");

    private static final List<String> OPERATORS = List.of("=", "!=", ">", ">=", "<", "<=", "=~", "", "!", "==", "=>");

    @Test
    void randomAndHostileParametersNeverCauseA500AndEveryErrorIsJson() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long seconds = Long.getLong("fuzz.seconds", 3);
        Random random = new Random(seed);
        HttpGet http = new HttpGet(port);
        List<String> traceIds = new ArrayList<>();
        // Values long enough for a backtracking regex to run away on, and real traces to ask for.
        for (String id : List.of("a".repeat(40) + "!", "42", "7")) {
            traceIds.add(http.get("/orders/" + id).headers().firstValue("X-Trace-Id").orElseThrow());
        }
        traceIds.add(http.get("/orders/9/fail").headers().firstValue("X-Trace-Id").orElseThrow());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int requests = 0;
        int[] byStatus = new int[600];
        while (System.nanoTime() < deadline && requests < 20_000) {
            String target = target(random, traceIds);
            HttpResponse<String> response = http.get(target);
            requests++;
            byStatus[response.statusCode()]++;
            check(seed, target, response);
        }
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        System.out.printf("TracesFuzzTests seed %d: %d requests, %d answered 200, %d 400, %d 404 (rerun with "
                + "-Dfuzz.seed=%d)%n", seed, requests, byStatus[200], byStatus[400], byStatus[404], seed);
        assertThat(byStatus[200]).isPositive();
        assertThat(byStatus[400]).isPositive();
    }

    private static void check(long seed, String target, HttpResponse<String> response) {
        int status = response.statusCode();
        String context = "seed " + seed + " (rerun with -Dfuzz.seed=" + seed + "): GET " + abbreviate(target) + " answered "
                + status + " " + abbreviate(response.body());
        if (status != 200 && status != 400 && status != 404) {
            fail(context);
        }
        if (status == 200 && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
            assertThat(response.body()).as(context).contains("<html");
            return;
        }
        JsonNode body;
        try {
            body = HttpGet.json(response);
        } catch (RuntimeException ex) {
            throw new AssertionError(context + ": the body is not JSON", ex);
        }
        if (status == 200) {
            assertThat(body.has("traces") || body.has("spans") || body.has("resourceSpans")).as(context).isTrue();
            return;
        }
        assertThat(body.path("error").isString()).as(context).isTrue();
        assertThat(body.path("message").isString()).as(context).isTrue();
        if (status == 400) {
            assertThat(body.path("parameter").isString()).as(context).isTrue();
        }
    }

    private static String target(Random random, List<String> traceIds) {
        String path = switch (random.nextInt(3)) {
            case 0 -> "/actuator/traces";
            case 1 -> "/actuator/traces/failures";
            default -> "/actuator/traces/" + pathSegment(traceIdLike(random, traceIds));
        };
        StringJoiner query = new StringJoiner("&", "?", "");
        query.setEmptyValue("");
        int count = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = parameterName(random);
            int repeats = random.nextInt(8) == 0 ? 2 + random.nextInt(2) : 1;
            for (int r = 0; r < repeats; r++) {
                query.add(encode(name) + "=" + encode(value(random, name)));
            }
        }
        String target = path + query;
        // Tomcat answers request lines over 8 KB itself, before the endpoint: stay below.
        return target.length() < 7_500 ? target : path;
    }

    private static String traceIdLike(Random random, List<String> traceIds) {
        return switch (random.nextInt(8)) {
            case 0, 1 -> traceIds.get(random.nextInt(traceIds.size()));
            case 2 -> HexFormat.of().formatHex(randomBytes(random, 16));
            case 3 -> HexFormat.of().withUpperCase().formatHex(randomBytes(random, 16));
            case 4 -> HexFormat.of().formatHex(randomBytes(random, 15 + random.nextInt(3))).substring(1);
            case 5 -> "0".repeat(32);
            case 6 -> "failures";
            default -> pick(random, HOSTILE);
        };
    }

    /**
     * A known parameter, a hostile or a random one; never the empty name, which Tomcat refuses while it parses the
     * query string, before any endpoint runs (like a malformed {@code %ZZ}).
     */
    private static String parameterName(Random random) {
        String name = switch (random.nextInt(10)) {
            case 0 -> pick(random, HOSTILE);
            case 1 -> randomText(random, 1 + random.nextInt(12));
            default -> pick(random, PARAMETERS);
        };
        return name.isEmpty() ? "_" : name;
    }

    private static String value(Random random, String name) {
        if (random.nextInt(6) == 0) {
            return pick(random, HOSTILE);
        }
        if (random.nextInt(40) == 0) {
            return "a".repeat(5_000);
        }
        return switch (name) {
            case "limit" -> pick(random, NUMBERS);
            case "lookback", "minDuration", "maxDuration", "minTraceDuration", "maxTraceDuration" ->
                    random.nextBoolean() ? pick(random, DURATIONS) : pick(random, NUMBERS) + "ms";
            case "from", "to" -> pick(random, TIMES);
            case "attr" -> attr(random);
            case "kind" -> pick(random, List.of("server", "CLIENT", "internal", "producer", "consumer", "span"));
            case "status" -> pick(random, List.of("error", "OK", "unset", "failed"));
            case "order" -> pick(random, List.of("newest", "oldest", "LONGEST", "random"));
            case "view" -> pick(random, List.of("spans", "traces", "SPANS", "tree"));
            case "failed" -> pick(random, List.of("true", "false", "yes", "1"));
            case "format" -> pick(random, List.of("json", "otlp", "html", "HTML", "xml"));
            case "traceId" -> HexFormat.of().formatHex(randomBytes(random, 16));
            default -> randomText(random, random.nextInt(20));
        };
    }

    private static String attr(Random random) {
        String key = pick(random, ATTRIBUTE_KEYS);
        String operator = pick(random, OPERATORS);
        String value = switch (operator) {
            case "=~" -> pick(random, REGEXES);
            case ">", ">=", "<", "<=" -> pick(random, NUMBERS);
            case "", "!" -> "";
            default -> random.nextBoolean() ? pick(random, HOSTILE) : pick(random, NUMBERS);
        };
        return operator.equals("!") ? "!" + key : key + operator + value;
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> 0xa0 + random.nextInt(0x2000);
                default -> 0x1f600 + random.nextInt(0x50);
            });
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /**
     * Percent-encodes every byte but the unreserved characters, so that no value adds a path segment. Tomcat refuses
     * an encoded {@code /}, {@code \} or NUL in a path with its own 400 before any endpoint runs: those become
     * {@code _}.
     */
    private static String pathSegment(String text) {
        StringBuilder encoded = new StringBuilder();
        String allowed = text.replace('/', '_').replace('\\', '_').replace('\0', '_');
        for (byte b : allowed.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.isEmpty() ? "%20" : encoded.toString();
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
