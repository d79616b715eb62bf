package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * What a page's per-user table shows: the period, or one day of it when a chart day was clicked; a "user name
 * contains" filter; and the sort column. Unsorted means by user name.
 */
public record SkypeActivityQuery(
        SkypeActivityPage page,
        ReportPeriod period,
        @Nullable LocalDate day,
        String nameContains,
        @Nullable SkypeActivityColumn sortColumn,
        boolean ascending) {

    public static SkypeActivityQuery of(SkypeActivityPage page, ReportPeriod period) {
        return new SkypeActivityQuery(page, period, null, "", null, true);
    }

    /** The same filter and sort over another period; a chosen day belongs to the old period and is dropped. */
    public SkypeActivityQuery withPeriod(ReportPeriod newPeriod) {
        return new SkypeActivityQuery(page, newPeriod, null, nameContains, sortColumn, ascending);
    }

    public SkypeActivityQuery withDay(@Nullable LocalDate newDay) {
        return new SkypeActivityQuery(page, period, newDay, nameContains, sortColumn, ascending);
    }

    public SkypeActivityQuery withFilter(String filter) {
        return new SkypeActivityQuery(page, period, day, filter.strip(), sortColumn, ascending);
    }

    public SkypeActivityQuery sortedBy(@Nullable SkypeActivityColumn column, boolean isAscending) {
        return new SkypeActivityQuery(page, period, day, nameContains, column, isAscending);
    }
}
