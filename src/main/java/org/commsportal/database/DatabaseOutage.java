package org.commsportal.database;

import jakarta.servlet.ServletException;
import java.net.ConnectException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Whether a failure means the database cannot be reached: no connection within the pool's
 * {@code connection-timeout} (3 s), a refused or broken connection. Such requests are answered 503 with
 * {@code Retry-After} (docs/operations.md, "Database outages").
 */
public final class DatabaseOutage {

    /** Seconds a client is asked to wait before it tries again. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private DatabaseOutage() {}

    public static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 32; depth++) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            cause = next(cause);
        }
        return false;
    }

    private static @Nullable Throwable next(Throwable failure) {
        Throwable cause = failure instanceof ServletException servlet && servlet.getRootCause() != null
                ? servlet.getRootCause()
                : failure.getCause();
        return cause == failure ? null : cause;
    }
}
