package org.commsportal.export;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every usage report's per-user table export has (docs/exports.md): in CSV the vendor's report date columns
 * around the chosen ones, in Excel an information sheet describing the period, day, filter and sort.
 */
public final class UserTableExports {

    /** The vendor's column names for the date the report's data ends and its length in days. */
    public static final String REPORT_REFRESH_DATE = "Report Refresh Date";

    public static final String REPORT_PERIOD = "Report Period";

    private UserTableExports() {}

    /** The chosen columns, in CSV between the report's refresh date and its (day and) period. */
    public static <R> List<ExportColumn<R>> columns(
            ExportFormat format,
            List<ExportColumn<R>> chosen,
            LocalDate refreshed,
            @Nullable LocalDate day,
            int periodDays) {
        if (format != ExportFormat.CSV) {
            return chosen;
        }
        List<ExportColumn<R>> columns = new ArrayList<>();
        columns.add(new ExportColumn<>(REPORT_REFRESH_DATE, row -> refreshed));
        columns.addAll(chosen);
        if (day != null) {
            columns.add(new ExportColumn<>("Report Date", row -> day));
        }
        columns.add(new ExportColumn<>(REPORT_PERIOD, row -> periodDays));
        return columns;
    }

    /** The information sheet of a per-user table export. */
    public static ExportInfo info(
            String report,
            LocalDate refreshed,
            int periodDays,
            LocalDate firstDay,
            @Nullable LocalDate day,
            String nameContains,
            String sortedBy,
            Instant exportedAt) {
        return ExportInfo.of(
                "Report",
                report,
                REPORT_REFRESH_DATE,
                refreshed,
                REPORT_PERIOD,
                periodDays,
                "Period",
                firstDay + " to " + refreshed + " (UTC days)",
                "Day",
                day,
                "User name contains",
                nameContains,
                "Sorted by",
                sortedBy,
                "Time zone",
                "UTC: days and dates are UTC days",
                "Exported at",
                exportedAt);
    }
}
