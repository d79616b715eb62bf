package org.commsportal.sessiondetails;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the viewer entered: a user, From (required) and To (optional, From + 30 days), as wall-clock times in the
 * viewer's time zone. A wall-clock time that a daylight-saving change skips does not exist and is refused; one that
 * occurs twice means the earlier instant, and the search says so (docs/date-times.md).
 */
public record SearchForm(
        @Nullable Long userId,
        @Nullable LocalDateTime from,
        @Nullable LocalDateTime to) {

    public static final int DEFAULT_DAYS = 30;

    public enum Field {
        USER,
        FROM,
        TO
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    /** Each invalid field with a message for it, with wall-clock times checked in the zone; empty when it can run. */
    public Map<Field, String> errors(ZoneId zone) {
        Map<Field, String> errors = errors();
        if (from != null && !errors.containsKey(Field.FROM) && skipped(from, zone) != null) {
            errors.put(Field.FROM, skipped(from, zone));
        }
        if (to != null && !errors.containsKey(Field.TO) && skipped(to, zone) != null) {
            errors.put(Field.TO, skipped(to, zone));
        }
        return errors;
    }

    /** Each field whose wall-clock time occurs twice in the zone, saying which of the two instants is used. */
    public Map<Field, String> notes(ZoneId zone) {
        Map<Field, String> notes = new EnumMap<>(Field.class);
        if (from != null && twice(from, zone) != null) {
            notes.put(Field.FROM, twice(from, zone));
        }
        if (to != null && twice(to, zone) != null) {
            notes.put(Field.TO, twice(to, zone));
        }
        return notes;
    }

    private static @Nullable String skipped(LocalDateTime time, ZoneId zone) {
        ZoneOffsetTransition change = zone.getRules().getTransition(time);
        if (change == null || !change.isGap()) {
            return null;
        }
        return SHOWN.format(time) + " does not exist in " + zone.getId() + ": clocks go from "
                + SHOWN.format(change.getDateTimeBefore()).substring(11) + " to "
                + SHOWN.format(change.getDateTimeAfter()).substring(11) + " that night. Enter a time before "
                + SHOWN.format(change.getDateTimeBefore()).substring(11) + " or from "
                + SHOWN.format(change.getDateTimeAfter()).substring(11) + ".";
    }

    private static @Nullable String twice(LocalDateTime time, ZoneId zone) {
        ZoneOffsetTransition change = zone.getRules().getTransition(time);
        if (change == null || !change.isOverlap()) {
            return null;
        }
        return SHOWN.format(time) + " occurs twice in " + zone.getId() + "; the first one, at UTC"
                + change.getOffsetBefore().getId() + ", is used ("
                + time.atOffset(change.getOffsetBefore())
                        .toInstant()
                        .toString()
                        .replace("T", " ")
                        .replace(":00Z", " UTC")
                + ").";
    }

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
