package org.commsportal.schedules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * When a scheduled report is due: every day, one day of the week or one day of the month, at a time of day in the
 * recipient's zone (docs/scheduled-reports.md, "When a report is due").
 *
 * @param dayOfWeek for weekly schedules only
 * @param dayOfMonth 1 to 31, for monthly schedules only; a month without that day uses its last day
 */
public record ScheduleRule(
        Frequency frequency,
        @Nullable DayOfWeek dayOfWeek,
        @Nullable Integer dayOfMonth,
        LocalTime timeOfDay) {

    /** Days searched ahead; every rule matches within a month and a half. */
    private static final int SEARCHED_DAYS = 62;

    public ScheduleRule {
        if (frequency == Frequency.WEEKLY && dayOfWeek == null) {
            throw new ScheduleProblem("A weekly schedule needs a day of the week.");
        }
        if (frequency == Frequency.MONTHLY && (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 31)) {
            throw new ScheduleProblem("A monthly schedule needs a day of the month from 1 to 31.");
        }
        if (frequency != Frequency.WEEKLY) {
            dayOfWeek = null;
        }
        if (frequency != Frequency.MONTHLY) {
            dayOfMonth = null;
        }
        timeOfDay = timeOfDay.withSecond(0).withNano(0);
    }

    /**
     * The first due instant strictly after {@code after}. A time of day that a change to daylight saving time skips
     * (02:30 on the night the clocks go from 02:00 to 03:00) is due as much later as the clocks jumped (03:30); a time
     * that occurs twice (the night the clocks go back) is due at its first occurrence only.
     */
    public Instant nextDueAfter(Instant after, ZoneId zone) {
        LocalDate day = after.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < SEARCHED_DAYS; i++, day = day.plusDays(1)) {
            if (!matches(day)) {
                continue;
            }
            // ofLocal without a preferred offset: a gap shifts forward by its length, an overlap takes the earlier
            // offset (java.time.ZonedDateTime#ofLocal)
            Instant due = ZonedDateTime.ofLocal(LocalDateTime.of(day, timeOfDay), zone, null)
                    .toInstant();
            if (due.isAfter(after)) {
                return due;
            }
        }
        throw new IllegalStateException("No due day in " + SEARCHED_DAYS + " days for " + this);
    }

    boolean matches(LocalDate day) {
        return switch (frequency) {
            case DAILY -> true;
            case WEEKLY -> day.getDayOfWeek() == dayOfWeek;
            case MONTHLY -> day.getDayOfMonth() == Math.min(dayOfMonth == null ? 1 : dayOfMonth, day.lengthOfMonth());
        };
    }

    /** "Weekly on Monday at 07:30" and the like. */
    public String describe() {
        String at = " at " + timeOfDay;
        return switch (frequency) {
            case DAILY -> "Daily" + at;
            case WEEKLY ->
                "Weekly on "
                        + (dayOfWeek == null
                                ? "?"
                                : dayOfWeek.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))
                        + at;
            case MONTHLY -> "Monthly on day " + dayOfMonth + at;
        };
    }
}
