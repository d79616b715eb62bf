package org.commsportal.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * DATETIME columns hold UTC. Binding {@link java.sql.Timestamp} would let the driver shift values by the JVM's
 * default time zone, so instants cross the JDBC boundary as UTC {@link LocalDateTime}s instead.
 */
public final class UtcDateTime {

    private UtcDateTime() {}

    public static LocalDateTime toColumn(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant fromColumn(LocalDateTime value) {
        return value.toInstant(ZoneOffset.UTC);
    }

    /** The instant of a nullable column; null stays null. */
    public static @Nullable Instant fromNullableColumn(@Nullable LocalDateTime value) {
        return value == null ? null : fromColumn(value);
    }
}
