package dev.tracestore.core.traceql;

import java.util.List;

/** A cursor over the tokens of one query, shared by {@link Parser} and {@link FieldParser}. */
final class Tokens {

    private final List<Token> tokens;
    private int at;

    Tokens(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(at);
    }

    Token advance() {
        Token token = tokens.get(at);
        if (token.type() != TokenType.EOF) {
            at++;
        }
        return token;
    }

    boolean accept(TokenType type) {
        if (peek().type() == type) {
            advance();
            return true;
        }
        return false;
    }

    Token expect(TokenType type, String expected) {
        Token token = peek();
        if (token.type() != type) {
            throw unexpected(token, expected);
        }
        return advance();
    }

    TraceQlException unexpected(Token found, String expected) {
        return TraceQlException.syntax(found.position(), "expected " + expected + " but found " + found.describe());
    }
}
