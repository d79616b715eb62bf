package org.commsportal.common;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every report's per-user period totals share (docs/architecture.md, "The read path"): the state row
 * that says which report date a tenant's totals end on, the report periods, and the order of a move to a later report
 * date. Each report keeps its own tables and SQL, given as {@link Steps}.
 */
public final class PeriodTotalsState {

    /** A report's own SQL for a move. */
    public interface Steps {

        /** Recounts every licensed user's totals for the periods ending on the report date. */
        void rebuild(long tenantId, LocalDate reportDate);

        /** Moves one period's window forward from one report date to a later one. */
        void moveWindow(long tenantId, int periodDays, LocalDate from, LocalDate to);

        /** Moves the users' last days forward from one report date to a later one. */
        void moveLastDays(long tenantId, LocalDate from, LocalDate to);
    }

    private final JdbcClient jdbc;
    private final String stateTable;
    private final String periodTable;

    /**
     * The state table has one row per tenant: tenant_id (primary key) and report_date (null while not built). The
     * periods are the report periods (report_period).
     */
    public PeriodTotalsState(JdbcClient jdbc, String stateTable) {
        this(jdbc, stateTable, "report_period");
    }

    /** With periods of the report's own, the {@code days} of each row of {@code periodTable}. */
    public PeriodTotalsState(JdbcClient jdbc, String stateTable, String periodTable) {
        this.jdbc = jdbc;
        this.stateTable = stateTable;
        this.periodTable = periodTable;
    }

    /** The report date the tenant's totals end on, without locking; null when not built yet. */
    public @Nullable LocalDate reportDate(long tenantId) {
        List<Optional<LocalDate>> found = jdbc.sql("SELECT report_date FROM " + stateTable + " WHERE tenant_id = :t")
                .param("t", tenantId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject("report_date", LocalDate.class)))
                .list();
        return found.isEmpty() ? null : found.get(0).orElse(null);
    }

    public void setReportDate(long tenantId, LocalDate reportDate) {
        jdbc.sql("INSERT INTO " + stateTable + " (tenant_id, report_date) VALUES (:t, :d)"
                        + " ON DUPLICATE KEY UPDATE report_date = VALUES(report_date)")
                .param("t", tenantId)
                .param("d", reportDate)
                .update();
    }

    /**
     * The tenant's totals no longer end on any date: read from the day rows, kept by no write, built by the next move.
     * The state row stays (some state tables hold more than the date).
     */
    public void forget(long tenantId) {
        jdbc.sql("UPDATE " + stateTable + " SET report_date = NULL WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }

    /** The periods' lengths in days, shortest first. */
    public List<Integer> periodDays() {
        return jdbc.sql("SELECT days FROM " + periodTable + " ORDER BY days")
                .query(Integer.class)
                .list();
    }

    /**
     * Makes the tenant's totals end on the report date, in the caller's transaction, and returns false when they
     * already did. Moving forward moves each window and the last days by the days between; a first build or a move
     * backwards (a clock set back) rebuilds. The exclusive lock is taken only when there is something to move, and
     * the date is read again under it: another caller may have moved the totals meanwhile.
     */
    public boolean move(long tenantId, LocalDate reportDate, LongConsumer lockExclusive, Steps steps) {
        if (reportDate.equals(reportDate(tenantId))) {
            return false;
        }
        lockExclusive.accept(tenantId);
        @Nullable LocalDate current = reportDate(tenantId);
        if (reportDate.equals(current)) {
            return false;
        }
        if (current == null || current.isAfter(reportDate)) {
            steps.rebuild(tenantId, reportDate);
        } else {
            for (int days : periodDays()) {
                steps.moveWindow(tenantId, days, current, reportDate);
            }
            steps.moveLastDays(tenantId, current, reportDate);
        }
        setReportDate(tenantId, reportDate);
        return true;
    }
}
