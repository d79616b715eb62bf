package org.commsportal.common;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A report's per-user period totals, which {@link PeriodTotalsSchedule} moves to the report date off the request path
 * (docs/architecture.md); until a tenant's move is done the report sums its table from its day rows.
 */
public interface PeriodTotalsMove {

    /** What the totals are, for the log: "peer-to-peer", "activity", "device usage". */
    String what();

    /**
     * Moves the current tenant's totals to its report date and returns that date; null when they already end on it
     * (a plain read).
     */
    @Nullable
    LocalDate moveToReportDate();
}
