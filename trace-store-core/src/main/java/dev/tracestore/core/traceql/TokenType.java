package dev.tracestore.core.traceql;

/** The kinds of TraceQL tokens; operators carry their spelling. */
enum TokenType {
    OPEN_BRACE("{"), CLOSE_BRACE("}"), OPEN_PAREN("("), CLOSE_PAREN(")"), COMMA(","), PIPE("|"),
    AND("&&"), OR("||"), NOT("!"),
    EQ("="), NEQ("!="), GT(">"), GTE(">="), LT("<"), LTE("<="), RE("=~"), NRE("!~"),
    TILDE("~"), DESC(">>"), ANCE("<<"), NOT_CHILD("!>"), NOT_PARENT("!<"), NOT_DESC("!>>"), NOT_ANCE("!<<"),
    UNION_CHILD("&>"), UNION_PARENT("&<"), UNION_DESC("&>>"), UNION_ANCE("&<<"), UNION_SIBL("&~"),
    PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"), CARET("^"),
    STRING("string"), INTEGER("integer"), FLOAT("float"), DURATION("duration"),
    IDENTIFIER("identifier"), ATTRIBUTE("attribute"), EOF("end");

    private final String symbol;

    TokenType(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    boolean isComparison() {
        return this == EQ || this == NEQ || this == GT || this == GTE || this == LT || this == LTE || this == RE
                || this == NRE;
    }
}
