package org.commsportal.activity;

import java.time.LocalDate;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * What the per-user table shows: the period, or one day of it when a chart day was clicked; a "user name
 * contains" filter; and the sort column. Unsorted means by user name.
 */
public record UserTableQuery(
        ReportPeriod period,
        @Nullable LocalDate day,
        String nameContains,
        @Nullable UserActivityColumn sortColumn,
        boolean ascending) {

    public static UserTableQuery of(ReportPeriod period) {
        return new UserTableQuery(period, null, "", null, true);
    }

    /** The same filter and sort over another period; a chosen day belongs to the old period and is dropped. */
    public UserTableQuery withPeriod(ReportPeriod newPeriod) {
        return new UserTableQuery(newPeriod, null, nameContains, sortColumn, ascending);
    }

    public UserTableQuery withDay(@Nullable LocalDate newDay) {
        return new UserTableQuery(period, newDay, nameContains, sortColumn, ascending);
    }

    public UserTableQuery withFilter(String filter) {
        return new UserTableQuery(period, day, filter.strip(), sortColumn, ascending);
    }

    public UserTableQuery sortedBy(@Nullable UserActivityColumn column, boolean isAscending) {
        return new UserTableQuery(period, day, nameContains, column, isAscending);
    }
}
