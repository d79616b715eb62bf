package org.commsportal.rws;

import org.jspecify.annotations.Nullable;

/**
 * One token of a {@code $filter}: its kind, its text as written and its position (1 = the first character), and
 * for a literal the value it spells.
 */
record FilterToken(
        Kind kind, String text, int position, @Nullable Literal literal) {

    enum Kind {
        /** A field, an operator ({@code eq}, {@code and}, ...) or a function name. */
        NAME,
        LITERAL,
        OPEN,
        CLOSE,
        COMMA,
        END
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    /**
     * How an error message names this token: {@code 'Foo' at position 7}, a quoted literal as written
     * ({@code datetime'2013-05-01' at position 9}), or {@code the end of $filter (position 15)}.
     */
    String describe() {
        if (kind == Kind.END) {
            return "the end of $filter (position " + position + ")";
        }
        String quoted = Messages.quote(text);
        return (text.indexOf('\'') >= 0 ? quoted : "'" + quoted + "'") + " at position " + position;
    }
}
