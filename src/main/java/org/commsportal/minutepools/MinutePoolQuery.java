package org.commsportal.minutepools;

import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/** What the minute pools table shows: a UTC calendar month's pools, of one capability when chosen, in an order. */
public record MinutePoolQuery(
        YearMonth month, @Nullable PoolCapability capability, MinutePoolColumn sortColumn, boolean ascending) {

    /** The month's pools by capability and country. */
    public static MinutePoolQuery of(YearMonth month) {
        return new MinutePoolQuery(month, null, MinutePoolColumn.CAPABILITY, true);
    }

    public MinutePoolQuery withMonth(YearMonth newMonth) {
        return new MinutePoolQuery(newMonth, capability, sortColumn, ascending);
    }

    public MinutePoolQuery withCapability(@Nullable PoolCapability newCapability) {
        return new MinutePoolQuery(month, newCapability, sortColumn, ascending);
    }

    public MinutePoolQuery sortedBy(MinutePoolColumn column, boolean ascendingOrder) {
        return new MinutePoolQuery(month, capability, column, ascendingOrder);
    }
}
