package org.commsportal.common;

import java.util.Locale;

/** LIKE patterns from user input: the input's own {@code %}, {@code _} and {@code \} match themselves. */
public final class SqlLike {

    private SqlLike() {}

    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    public static String startsWith(String text) {
        return escape(text) + "%";
    }

    private static String escape(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
    }
}
