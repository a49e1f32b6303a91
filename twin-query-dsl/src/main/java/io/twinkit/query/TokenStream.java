package io.twinkit.query;

import io.twinkit.query.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of one query text with lookahead, the checks that raise {@link QuerySyntaxException}s, and the nesting
 * counter that keeps hostile text from exhausting the stack of the recursive-descent parser.
 */
final class TokenStream {

    /**
     * The deepest nesting that is read: parentheses, function calls, {@code NOT}, unary minus, and each operator of
     * an arithmetic chain ({@code 1 + 1 + 1} nests two levels, as its tree does).
     */
    static final int MAX_NESTING = 256;

    private final Lexer lexer;
    private final List<Token> ahead = new ArrayList<>();
    private int nesting;

    TokenStream(String sql) {
        this.lexer = new Lexer(sql);
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int offset) {
        while (ahead.size() <= offset) {
            ahead.add(lexer.next());
        }
        return ahead.get(offset);
    }

    Token next() {
        Token token = peek();
        ahead.remove(0);
        return token;
    }

    boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            next();
            return true;
        }
        return false;
    }

    void expectKeyword(String keyword, String expected) {
        if (!acceptKeyword(keyword)) {
            throw error(peek(), expected);
        }
    }

    void expectSymbol(String symbol, String expected) {
        if (!acceptSymbol(symbol)) {
            throw error(peek(), expected);
        }
    }

    void expectEnd(String expected) {
        if (peek().kind() != Kind.END) {
            throw error(peek(), expected);
        }
    }

    /** Counts one more level of nesting, opened by {@code token}; {@link #leave()} closes it. */
    void enter(Token token) {
        if (++nesting > MAX_NESTING) {
            throw new QuerySyntaxException(token.start(), "at most " + MAX_NESTING + " levels of nesting"
                    + " (parentheses, function calls, NOT, unary minus and chained arithmetic operators)",
                    token.describe() + " nested deeper");
        }
    }

    void leave() {
        leave(1);
    }

    /** Closes {@code levels} levels opened by {@link #enter(Token)}. */
    void leave(int levels) {
        nesting -= levels;
    }

    static QuerySyntaxException error(Token token, String expected) {
        return new QuerySyntaxException(token.start(), expected, token.describe());
    }
}
