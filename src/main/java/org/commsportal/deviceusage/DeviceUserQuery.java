package org.commsportal.deviceusage;

import java.time.LocalDate;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * What the per-user table shows: the period, or one day of it when a chart day was clicked; a "user name
 * contains" filter; and the sort column. Unsorted means by user name.
 */
public record DeviceUserQuery(
        ReportPeriod period,
        @Nullable LocalDate day,
        String nameContains,
        @Nullable DeviceUserColumn sortColumn,
        boolean ascending) {

    public static DeviceUserQuery of(ReportPeriod period) {
        return new DeviceUserQuery(period, null, "", null, true);
    }

    /** The same filter and sort over another period; a chosen day belongs to the old period and is dropped. */
    public DeviceUserQuery withPeriod(ReportPeriod newPeriod) {
        return new DeviceUserQuery(newPeriod, null, nameContains, sortColumn, ascending);
    }

    public DeviceUserQuery withDay(@Nullable LocalDate newDay) {
        return new DeviceUserQuery(period, newDay, nameContains, sortColumn, ascending);
    }

    public DeviceUserQuery withFilter(String filter) {
        return new DeviceUserQuery(period, day, filter.strip(), sortColumn, ascending);
    }

    public DeviceUserQuery sortedBy(@Nullable DeviceUserColumn column, boolean isAscending) {
        return new DeviceUserQuery(period, day, nameContains, column, isAscending);
    }
}
