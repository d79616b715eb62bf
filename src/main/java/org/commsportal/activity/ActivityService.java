package org.commsportal.activity;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.Minutes;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.export.UserTableExports;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The peer-to-peer activity report (docs/peer-to-peer-activity.md), read from the daily rollups of the signed-in tenant. */
@Service
public class ActivityService {

    private final ActivityRepository activity;
    private final UserActivityRepository users;
    private final UserPeriodTotals periodTotals;
    private final NameConcealment concealment;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final Clock clock;

    ActivityService(
            ActivityRepository activity,
            UserActivityRepository users,
            UserPeriodTotals periodTotals,
            NameConcealment concealment,
            CurrentTenant currentTenant,
            AuditLog auditLog,
            Clock clock) {
        this.auditLog = auditLog;
        this.activity = activity;
        this.users = users;
        this.periodTotals = periodTotals;
        this.concealment = concealment;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    /** The last complete UTC day: reports end there. */
    public LocalDate reportDate() {
        return ReportPeriod.reportDate(clock);
    }

    /** The first day of the period that ends on the report date. */
    public LocalDate firstDay(ReportPeriod period) {
        return period.firstDay(reportDate());
    }

    /** Sessions, users and minutes per day of the period, zero days included, for every chart role. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public ActivityReport activity(ReportPeriod period) {
        LocalDate to = reportDate();
        LocalDate from = firstDay(period);
        Map<LocalDate, DailyActivity> stored = activity.dailyActivity(currentTenant.id(), from, to).stream()
                .collect(Collectors.toMap(DailyActivity::day, Function.identity()));
        List<DailyActivity> days = new ArrayList<>(period.days());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(stored.getOrDefault(day, DailyActivity.none(day)));
        }
        return new ActivityReport(period, to, clock.instant(), days);
    }

    /**
     * One page of the per-user table, sorted and filtered in the database. Reads never write: it reads the period
     * totals when they end on the report date (the scheduled common PeriodTotalsSchedule moves them just after
     * midnight) and sums the daily rollups otherwise. One statement, outside a transaction, like the other reads.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public List<UserActivityRow> users(UserTableQuery query, int offset, int limit) {
        var scope = scope(query);
        return users.page(scope, query, offset, limit).stream()
                .map(row -> shown(row, scope))
                .toList();
    }

    /**
     * The rows after one user of the table (null: from the first), in ascending user name order, at most limit:
     * keyset paging, as fast deep in the table as at its start (docs/graph-api.md, "Paging"). The query must be
     * sorted by user name, ascending; a user id not of the tenant gives no rows.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public List<UserActivityRow> usersAfter(UserTableQuery query, @Nullable Long afterUserId, int limit) {
        if (!(query.sortColumn() == null || query.sortColumn() == UserActivityColumn.USER_NAME) || !query.ascending()) {
            throw new IllegalArgumentException("Keyset paging reads the table in ascending user name order only");
        }
        var scope = scope(query);
        return users.pageAfter(scope, query, afterUserId, limit).stream()
                .map(row -> shown(row, scope))
                .toList();
    }

    /** The number of rows of the table (licensed users in scope, read from the directory alone). */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long countUsers(UserTableQuery query) {
        return users.count(scope(query), query);
    }

    /** Every row of the table in table order, one at a time, for exports; returns how many there were. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long forEachUser(UserTableQuery query, Consumer<UserActivityRow> consumer) {
        var scope = scope(query);
        long[] count = {0};
        users.forEach(scope, query, row -> {
            consumer.accept(shown(row, scope));
            count[0]++;
        });
        return count[0];
    }

    /**
     * Streams the table's rows (every row matching the query, in its order) with the chosen columns to the
     * output, reporting the rows written so far, and audits the export. Returns the number of rows.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long export(
            UserTableQuery query,
            List<UserActivityColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        LocalDate refreshed = reportDate();
        List<ExportColumn<UserActivityRow>> exportColumns = UserTableExports.columns(
                format,
                columns.stream()
                        .map(column -> new ExportColumn<UserActivityRow>(column.header(), column::valueOf))
                        .toList(),
                refreshed,
                query.day(),
                query.period().days());
        ExportInfo info = UserTableExports.info(
                "Peer-to-peer activity, per user",
                refreshed,
                query.period().days(),
                firstDay(query.period()),
                query.day(),
                query.nameContains(),
                query.sortColumn() == null
                        ? "User name"
                        : query.sortColumn().header() + (query.ascending() ? " ascending" : " descending"),
                clock.instant());
        // A filter typed by a viewer who sees names matches real names: the audit entry keeps it for viewers who
        // see names only (docs/privacy.md); over pseudonyms it is no name and stays in the detail
        boolean typedOverNames = !query.nameContains().isEmpty()
                && !concealment.forCurrentViewer().concealed();
        String what = "peer-to-peer activity per-user table as " + format + ", "
                + describe(query, typedOverNames ? AuditLog.NAMES_ONLY : query.nameContains()) + ", columns "
                + columns.stream().map(UserActivityColumn::header).toList();
        return TableExports.stream(
                format,
                out,
                "Peer-to-peer activity",
                exportColumns,
                ZoneOffset.UTC,
                info,
                rows -> forEachUser(query, rows),
                progress,
                ExportAudit.of(auditLog, what, null, typedOverNames ? query.nameContains() : null));
    }

    /** The vendor's column names for the date the report's data ends and its length in days. */
    public static final String REPORT_REFRESH_DATE = UserTableExports.REPORT_REFRESH_DATE;

    public static final String REPORT_PERIOD = UserTableExports.REPORT_PERIOD;

    /**
     * The name of an export's file: report, period and its last day, or the chosen day, and the filter
     * (docs/exports.md).
     */
    public String exportFileName(UserTableQuery query, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                "peer-to-peer-activity",
                query.day() != null
                        ? "day-" + query.day()
                        : query.period().name() + "-" + firstDay(query.period()) + "-to-" + reportDate(),
                query.nameContains().isEmpty() ? null : "user-name-contains-" + query.nameContains());
    }

    /** Whether the signed-in roles may see per-user data (the table and its exports), not only the charts. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    private static String describe(UserTableQuery query, String filterShown) {
        return "period " + query.period().days() + " days" + (query.day() == null ? "" : ", day " + query.day())
                + (query.nameContains().isEmpty() ? "" : ", user name contains '" + filterShown + "'")
                + (query.sortColumn() == null
                        ? ""
                        : ", sorted by " + query.sortColumn().header()
                                + (query.ascending() ? " ascending" : " descending"));
    }

    private UserActivityRepository.Scope scope(UserTableQuery query) {
        LocalDate reportDate = reportDate();
        LocalDate from = firstDay(query.period());
        LocalDate day = query.day();
        if (day != null && (day.isBefore(from) || day.isAfter(reportDate))) {
            throw new IllegalArgumentException(
                    "The day " + day + " is outside the period " + from + " to " + reportDate);
        }
        boolean concealed = concealment.forCurrentViewer().concealed();
        int periodDays = query.period().days();
        LocalDate totalsEnd = periodTotals.endDate(currentTenant.id());
        boolean fromTotals = reportDate.equals(totalsEnd);
        // the minutes after midnight while the day's move runs (seconds at 100,000 users): the totals of the day
        // before, corrected by two days of rollups, instead of summing every day of the period
        boolean dayBehind = day == null && reportDate.minusDays(1).equals(totalsEnd);
        return day == null
                ? new UserActivityRepository.Scope(
                        currentTenant.id(),
                        from,
                        reportDate,
                        periodDays,
                        false,
                        reportDate,
                        fromTotals,
                        dayBehind,
                        concealed)
                : new UserActivityRepository.Scope(
                        currentTenant.id(), day, day, periodDays, true, reportDate, fromTotals, false, concealed);
    }

    private static UserActivityRow shown(UserActivityRepository.StoredRow row, UserActivityRepository.Scope scope) {
        return new UserActivityRow(
                row.userId(),
                scope.concealed() ? row.pseudonym() : row.upn(),
                row.deleted(),
                row.deletedDate(),
                row.lastActivityDate(),
                row.im(),
                row.audio(),
                row.video(),
                row.appSharing(),
                row.fileTransfers(),
                Minutes.of(row.audioMs()),
                Minutes.of(row.videoMs()));
    }
}
