package org.commsportal.periodfigures;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/** The period lengths of the figures: weeks from Sunday, calendar months (docs/reporting-web-service.md). */
public enum FigurePeriod {
    DAILY,
    WEEKLY,
    MONTHLY;

    /** The first date of the period that contains the date. */
    public LocalDate startOf(LocalDate date) {
        return switch (this) {
            case DAILY -> date;
            case WEEKLY -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            case MONTHLY -> date.withDayOfMonth(1);
        };
    }

    /** The first date of the period after the one starting on the given date. */
    public LocalDate next(LocalDate start) {
        return switch (this) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
        };
    }

    /**
     * The stable index of the period starting on the date, as for the CsActiveUser* reports: the epoch day, the
     * Sunday's epoch day divided by 7 (rounded down), or {@code year * 12 + month - 1}.
     */
    public long id(LocalDate start) {
        return switch (this) {
            case DAILY -> start.toEpochDay();
            case WEEKLY -> Math.floorDiv(start.toEpochDay(), 7);
            case MONTHLY -> start.getYear() * 12L + start.getMonthValue() - 1;
        };
    }
}
