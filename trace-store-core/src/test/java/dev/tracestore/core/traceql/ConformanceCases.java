package dev.tracestore.core.traceql;

import java.util.ArrayList;
import java.util.List;

/**
 * trace-store's own TraceQL conformance cases, in the categories Tempo's language tests use: queries that are valid,
 * that must not parse, that parse but must not validate, and that are valid TraceQL outside the subset. Written
 * for trace-store (Tempo's cases are AGPL and not copied); most are generated from small vocabularies.
 */
final class ConformanceCases {

    static final List<String> ATTRIBUTES = List.of(".a", "span.a", "resource.a", "event.a", "link.a",
            "instrumentation.a", ".http.route", "span.http.response.status_code", "resource.service.name",
            ".\"a b\"", "span.\"x=y\"", "resource.\"k8s pod\"", ".uri", "event.exception.type", ".k8s.pod-name");
    static final List<String> COMPARISONS = List.of("=", "!=", ">", ">=", "<", "<=");
    static final List<String> VALUES = List.of("1", "-2", "1.5", "\"x\"", "10ms", "1h30m", "\"\"", "`raw`");
    static final List<String> STRING_INTRINSICS = List.of("name", "span:name", "statusMessage",
            "span:statusMessage", "trace:rootName", "rootName", "trace:rootService", "rootServiceName",
            "span:id", "span:parentID", "trace:id", "event:name", "link:traceID", "link:spanID",
            "instrumentation:name", "instrumentation:version");
    static final List<String> NUMERIC_INTRINSICS = List.of("duration", "span:duration", "trace:duration",
            "traceDuration", "span:childCount", "event:timeSinceStart");
    static final List<String> SPANSET_OPERATORS = List.of("&&", "||", ">", ">>", "<", "<<", "~", "!>", "!>>",
            "!<", "!<<", "!~");
    static final List<String> STATUSES = List.of("error", "ok", "unset");
    static final List<String> KINDS = List.of("unspecified", "internal", "server", "client", "producer",
            "consumer");

    private ConformanceCases() {
    }

    static List<String> valid() {
        List<String> cases = new ArrayList<>(List.of("{ }", "{}", "{ true }", "{ !true }", "{ true && false }",
                "{ true || false }", "{ 1 = 2 }", "{ -1 < 2 }", "{ \"a\" =~ \"a\" }", "{ .a }", "{ !.a }",
                "{ !(.a = 1) }", "{ (.a = 1 || .b = 2) && .c = 3 }", "{ .a = 1 || .b = 2 && .c = 3 }",
                "{ nil = nil }", "{ nil != nil }", "{ .a != nil }", "{ .a = nil }", "{ name != nil }",
                "{ 1 < 1h }", "{ 1 <= 1.1 }", "{ .a = .b }", "{ name = rootName }", "{ .a =~ \"x|y\" }",
                "{ span.a = \"line\\nbreak \\\"quoted\\\" \\u00e9\" }", "{ duration > 1.5s }", "{ duration > 100us }",
                "{ duration > 100µs }", "{ duration < 1m }", "{ duration >= 250ns }",
                "count() > 3", "avg(duration) > 20ms", "max(duration) >= 1s | { status = error }",
                "by(resource.service.name) | count() > 1", "select(span.http.route)", "count() = 1 | { true }",
                "{ status = error } | by(resource.service.name) | count() > 1",
                "{ } | select(span.http.route, duration, status)", "{ } | by(name) | coalesce()",
                "{ } | by(.a) | avg(.b) = 2", "{ } | sum(span.bytes) > 1000000000", "{ } | min(span:childCount) < 2",
                "({ .a } | count() > 1) && ({ .b } | count() > 1)", "({ .a } | count() > 1) >> ({ .b })",
                "({ .a }) || ({ .b })", "(({ .a }))", "{ .a } | { .b } | { .c }", "{ .a } >> { .b } >> { .c }",
                "{ .a } && { .b } >> { .c }", "({ .a } && { .b }) >> { .c }", "{ .a } | count() > 1 | { .b }",
                "{ .a } | count() != 0", "{ .a } | avg(.n) < -1.5", "{ .a } | max(duration) = 1h",
                "{ .a } | select(.x) | select(.y)", "{ resource.service.name = \"frontend\" } >> { status = error }",
                "{ span.http.response.status_code >= 500 }", "{ kind = server && duration > 2s }"));
        for (String attribute : ATTRIBUTES) {
            for (String comparison : COMPARISONS) {
                for (String value : VALUES) {
                    cases.add("{ " + attribute + " " + comparison + " " + value + " }");
                }
            }
            cases.add("{ " + attribute + " =~ \"a.*\" }");
            cases.add("{ " + attribute + " !~ \"a.*\" }");
            cases.add("{ " + attribute + " = true }");
            cases.add("{ " + attribute + " != false }");
            if (!attribute.equals("resource.service.name")) {
                cases.add("{ " + attribute + " = nil }");
            }
            cases.add("{ } | by(" + attribute + ")");
            cases.add("{ } | avg(" + attribute + ") > 2");
        }
        for (String intrinsic : STRING_INTRINSICS) {
            for (String comparison : COMPARISONS) {
                cases.add("{ " + intrinsic + " " + comparison + " \"x\" }");
            }
            cases.add("{ " + intrinsic + " =~ \".*x\" }");
            cases.add("{ " + intrinsic + " !~ \".*x\" }");
            cases.add("{ } | select(" + intrinsic + ")");
        }
        for (String intrinsic : NUMERIC_INTRINSICS) {
            for (String comparison : COMPARISONS) {
                cases.add("{ " + intrinsic + " " + comparison + " 2s }");
                cases.add("{ " + intrinsic + " " + comparison + " 3 }");
            }
            for (String aggregate : List.of("avg", "min", "max", "sum")) {
                cases.add("{ } | " + aggregate + "(" + intrinsic + ") > 1s");
            }
        }
        for (String status : STATUSES) {
            cases.add("{ status = " + status + " }");
            cases.add("{ span:status != " + status + " }");
        }
        for (String kind : KINDS) {
            cases.add("{ kind = " + kind + " }");
            cases.add("{ span:kind != " + kind + " }");
        }
        for (String operator : SPANSET_OPERATORS) {
            cases.add("{ .a } " + operator + " { .b }");
            cases.add("{ } " + operator + " { status = error } | count() > 1");
            cases.add("({ .a } | count() > 1) " + operator + " ({ .b } | by(name))");
        }
        for (String comparison : COMPARISONS) {
            cases.add("{ } | count() " + comparison + " 3");
            cases.add("{ } | max(duration) " + comparison + " 10ms");
        }
        return cases;
    }

    /** Each case is a query and the zero-based position its syntax error must point at. */
    static List<Object[]> mustNotParse() {
        List<Object[]> cases = new ArrayList<>();
        for (Object[] fixed : new Object[][] {
                {"true", 0}, {"( true )", 2}, {"[ true ]", 0}, {"{ . }", 3}, {"{ < }", 2}, {"{ .a < }", 7},
                {"{ .a < 3", 8}, {"{ (.a < 3 }", 10}, {"{ attribute = 4 }", 2}, {"{ .a == 4 }", 5},
                {"{ span. }", 7}, {"{ true } = { true }", 9}, {"{ true } <= { true }", 9},
                {"{ true } >= { true }", 9}, {"{ true } | count()", 18}, {"{ true } | notAFunction() = 1", 11},
                {"{ true } | count = 1", 17}, {"{ true } | max() = 1", 15}, {"{ true } | by()", 14},
                {"select(.a", 9}, {"select()", 7}, {"coalesce() | { true }", 0}, {"count() > 3 && { true }", 12},
                {"{ trace:status = error }", 2}, {"{ trace:name = \"a\" }", 2}, {"{ span:rootName = \"b\" }", 2},
                {"{ .a = \"unclosed }", 7}, {"{ .a = 1y }", 8}, {"{ .a = 1 } }", 11}, {"{ .a = 1 } {", 11},
                {"{ .a = 1 } |", 12}, {"{ .a ~ 1 }", 5}, {"{ .a = 1 } 3", 11}, {"", 0}, {"   ", 0},
                {"{ .a = \"\\q\" }", 8}, {"{ .a = 99999999999999999999 }", 7}, {"{ .a = 1 } | count() > x", 23},
                {"{ .a = 1 } | count() =~ 1", 21}, {"{ .a = 1 } | count() > \"1\"", 23},
                {"{ .a = 1 } | by(.a", 18}, {"{ .a = 1 } | select(.a .b)", 23}, {"{ .a = 1 } | coalesce(1)", 22},
                {"{ span: }", 7}, {"{ .a = # }", 7}, {"{ .a & .b }", 5}, {"{ .a = 1 } & { .b }", 11},
                {"{ name = 'x' }", 9}, {"{ 5 = }", 6}, {"{ = 5 }", 2}, {"({ .a }", 7}, {"{ .a })", 6},
                {"{ .a } > ", 9}, {"{ .a } >> count() > 1", 10}, {"by(.a) by(.b)", 7}}) {
            cases.add(fixed);
        }
        for (String attribute : ATTRIBUTES) {
            String open = "{ " + attribute + " = 1";
            cases.add(new Object[] {open, open.length()});
            String stray = "{ " + attribute + " = 1 @ }";
            cases.add(new Object[] {stray, stray.indexOf('@')});
            String noValue = "{ " + attribute + " = }";
            cases.add(new Object[] {noValue, noValue.length() - 1});
        }
        for (String operator : SPANSET_OPERATORS) {
            String dangling = "{ .a } " + operator;
            cases.add(new Object[] {dangling, dangling.length()});
            String bareValue = "{ .a } " + operator + " 3";
            cases.add(new Object[] {bareValue, bareValue.length() - 1});
        }
        return cases;
    }

    static List<String> mustNotValidate() {
        List<String> cases = new ArrayList<>(List.of("{ status }", "{ kind }", "{ ok }", "{ 1.1 }", "{ 1h }",
                "{ \"foo\" }", "{ 1 }", "{ name }", "{ 1 = \"foo\" }", "{ 1 != true }", "{ 1 > ok }", "{ 1 = name }",
                "{ 1 =~ 2 }", "{ 1 !~ 2 }", "{ .a =~ 2 }", "{ .a =~ .b }", "{ 1 && \"foo\" }", "{ 1 || ok }",
                "{ true || 1.1 }", "{ status > ok }", "{ kind < consumer }", "{ traceDuration > \"test\" }",
                "{ rootServiceName = 1 }", "{ rootName != 3.2 }", "{ \"foo\" = span:childCount }",
                "{ span:status = nil }", "{ nil = span:status }", "{ duration = nil }",
                "{ resource.service.name = nil }", "{ nil = resource.service.name }", "{ span.foo =~ \"[\" }",
                "{ span.foo !~ \"(\" }", "{ -true }", "{ -\"foo\" = \"bar\" }", "{ -ok = status }",
                "{ !\"foo\" = \"bar\" }", "{ !ok = status }", "{ !consumer = kind }", "{ !name = \"foo\" }",
                "{ !1 = 1 }", "{ !1h = 1 }", "{ !1.1 = 1.1 }", "{ .a > true }", "{ .a < nil }", "{ nil > 1 }",
                "{ status = \"error\" }", "{ kind = \"server\" }", "{ status = server }", "{ kind = error }",
                "{ true > false }", "{ .a = 1 && 2 }", "{ !(1) }",
                "sum(3) = 2", "min(2h) < 1", "max(\"x\") > 1", "max(name) = 1", "avg(status) > 1",
                "min(kind) > 1", "sum(statusMessage) > 1", "{ true } | by(1)", "{ true } | by(\"foo\")",
                "{ true } | select(\"x\")", "{ true } | select(.a, 1)", "{ .a } | avg(true) > 1",
                "{ .a = \"" + "x".repeat(1001) + "\" } && { .b =~ \"" + "y".repeat(1001) + "\" }"));
        for (String intrinsic : NUMERIC_INTRINSICS) {
            cases.add("{ " + intrinsic + " = \"x\" }");
            cases.add("{ " + intrinsic + " =~ \"x\" }");
            cases.add("{ " + intrinsic + " = error }");
        }
        for (String intrinsic : STRING_INTRINSICS) {
            cases.add("{ " + intrinsic + " = 1 }");
            cases.add("{ " + intrinsic + " > 1s }");
            cases.add("{ } | avg(" + intrinsic + ") > 1");
        }
        for (String status : STATUSES) {
            cases.add("{ status > " + status + " }");
            cases.add("{ kind = " + status + " }");
        }
        return cases;
    }

    static List<String> notSupported() {
        List<String> cases = new ArrayList<>(List.of("{ .a + 1 = 2 }", "{ .a - 1 = 2 }", "{ .a * 1 = 2 }",
                "{ .a / 1 = 2 }", "{ .a ^ 1 = 2 }", "{ .a % 2 = 0 }", "{ 1 + 1 = 2 }", "{ -.a = 2 }",
                "{ duration > 1s * 2 }", "{ parent.a != 3 }", "{ parent.span.a > 3 }", "{ parent }",
                "{ nestedSetLeft > 3 }", "{ } | select(nestedSetParent)", "min(.field) < max(duration)",
                "sum(.field) = min(.field)", "{ .a } | count() + 1 > 1", "{ .a } | count() > 1 + 1",
                "{ .a } | max(.x) > (1)", "{} | rate()", "{} | count_over_time() by (name)",
                "{} | min_over_time(duration)", "{} | quantile_over_time(duration, 0.9)", "{} | rate() | topk(10)",
                "{} | histogram_over_time(duration)", "{} | compare({status=error})", "{} | bottomk(3)",
                "{} with (most_recent=true)", "{ .a } | by(.a + 1)", "{ .a } | select(.a - 1)"));
        for (String union : List.of("&>", "&<", "&>>", "&<<", "&~")) {
            cases.add("{ .a } " + union + " { .b }");
            cases.add("{ } " + union + " { status = error } | count() > 1");
        }
        for (String arithmetic : List.of("+", "-", "*", "/", "%", "^")) {
            cases.add("{ span.x " + arithmetic + " 2 > 1 }");
            cases.add("{ duration " + arithmetic + " 1ms > 1s }");
        }
        return cases;
    }
}
