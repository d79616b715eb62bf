package org.commsportal.database;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Turns "cannot connect to the configured database" into one clear line naming the URL, instead of a page
 * of stack trace.
 */
class DatabaseUnreachableFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    DatabaseUnreachableFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        String url = environment.getProperty(EmbeddedDatabaseCondition.EXTERNAL_URL_PROPERTY);
        if (url == null || url.isBlank()) {
            return null;
        }
        SQLException connectionFailure = connectionFailure(failure);
        if (connectionFailure == null) {
            return null;
        }
        return new FailureAnalysis(
                "Cannot connect to the database at " + url + ": " + firstLine(connectionFailure.getMessage()),
                "Start the MariaDB server or correct spring.datasource.url / SPRING_DATASOURCE_URL, "
                        + "spring.datasource.username and spring.datasource.password.",
                failure);
    }

    /** MariaDB's "unknown database" error: the server answers but the configured database does not exist. */
    private static final int UNKNOWN_DATABASE = 1049;

    /** SQL state class 08 is "connection exception"; 28 is "invalid authorization". */
    private static @Nullable SQLException connectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == UNKNOWN_DATABASE
                            || sql.getSQLState() != null
                                    && (sql.getSQLState().startsWith("08")
                                            || sql.getSQLState().startsWith("28")))) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
