package org.commsportal.activeusers;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The four period lengths of the CsActiveUser* reports, named after their entity sets. */
public enum ActiveUserPeriod {
    DAILY("CsActiveUserDaily", 'D'),
    WEEKLY("CsActiveUserWeekly", 'W'),
    MONTHLY("CsActiveUserMonthly", 'M'),
    YEARLY("CsActiveUserYearly", 'Y');

    private final String entitySet;
    private final char code;

    ActiveUserPeriod(String entitySet, char code) {
        this.entitySet = entitySet;
        this.code = code;
    }

    public String entitySet() {
        return entitySet;
    }

    /** The period's key in the count tables. */
    String code() {
        return String.valueOf(code);
    }

    static ActiveUserPeriod ofCode(String code) {
        for (ActiveUserPeriod period : values()) {
            if (period.code().equals(code)) {
                return period;
            }
        }
        throw new IllegalArgumentException("No period kind " + code);
    }

    /** The first date of the period that contains the date: weeks start on Sunday, months and years on the 1st. */
    public LocalDate startOf(LocalDate date) {
        return switch (this) {
            case DAILY -> date;
            case WEEKLY -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            case MONTHLY -> date.withDayOfMonth(1);
            case YEARLY -> date.withDayOfYear(1);
        };
    }

    /** The first date of the period after the one starting on the given date. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
            case YEARLY -> start.plusYears(1);
        };
    }

    /** The stable index of the period starting on the given date (see {@link ActiveUserRow#id()}). */
    public long id(LocalDate start) {
        return switch (this) {
            case DAILY -> start.toEpochDay();
            case WEEKLY -> Math.floorDiv(start.toEpochDay(), 7);
            case MONTHLY -> start.getYear() * 12L + start.getMonthValue() - 1;
            case YEARLY -> start.getYear();
        };
    }
}
