package org.commsportal.sessiondetails;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the viewer entered: a user, From (required) and To (optional, From + 30 days), as wall-clock times in the
 * viewer's time zone. A wall-clock time that a daylight-saving change skips means the instant just after the gap;
 * one that occurs twice means the earlier instant.
 */
public record SearchForm(@Nullable Long userId, @Nullable LocalDateTime from, @Nullable LocalDateTime to) {

    public static final int DEFAULT_DAYS = 30;

    public enum Field { USER, FROM, TO }

    /** Each invalid field with a message for it; empty when the search can run. */
    public Map<Field, String> errors() {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        if (userId == null) {
            errors.put(Field.USER, "Choose a user: type the start of an alias or user name.");
        }
        if (from == null) {
            errors.put(Field.FROM, "Enter the From date and time.");
        } else if (to != null && !to.isAfter(from)) {
            errors.put(Field.TO, "To must be later than From.");
        }
        return errors;
    }

    /** The To the search uses: the entered one, or From + 30 days. */
    public LocalDateTime effectiveTo() {
        if (from == null) {
            throw new IllegalStateException("No From date and time");
        }
        return to != null ? to : from.plusDays(DEFAULT_DAYS);
    }

    Instant fromInstant(ZoneId zone) {
        if (from == null) {
            throw new IllegalStateException("No From date and time");
        }
        return from.atZone(zone).toInstant();
    }

    Instant toInstant(ZoneId zone) {
        return effectiveTo().atZone(zone).toInstant();
    }
}
