package org.commsportal.common;

import java.util.regex.Pattern;

/**
 * Column names that code splices into SQL text (a report's condition written for another report's table): only a
 * lower-case name, optionally qualified by a table alias, ever passes, so no caller can splice anything else.
 */
public final class SqlColumn {

    private static final Pattern NAME = Pattern.compile("[a-z_]+(\\.[a-z_]+)?");

    private SqlColumn() {}

    /** The name itself, or {@link IllegalArgumentException} when it is not a plain column name. */
    public static String checked(String column) {
        if (!NAME.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a column: " + column);
        }
        return column;
    }
}
