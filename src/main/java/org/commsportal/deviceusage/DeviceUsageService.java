package org.commsportal.deviceusage;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.CountsByDataVersion;
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
import org.commsportal.tenant.DataVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The device usage report (docs/device-usage.md) of the signed-in tenant, read from its read model. */
@Service
public class DeviceUsageService {

    /** How many unrecognised client versions the page lists. */
    public static final int UNKNOWN_AGENTS_SHOWN = 20;

    private final DeviceUsageRepository repository;
    private final DevicePlatformDayRepository platformDays;
    private final DevicePeriodTotals periodTotals;
    private final NameConcealment concealment;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final DataVersion dataVersion;
    private final Clock clock;

    /**
     * Users per platform over a period, once per version of the tenant's data and report date: at 100,000 users the
     * sum over every user's period totals was the API's most frequent statement under load (docs/scaling.md).
     */
    private final CountsByDataVersion<Map<Platform, Long>> distributions = new CountsByDataVersion<>(200);

    DeviceUsageService(
            DeviceUsageRepository repository,
            DevicePlatformDayRepository platformDays,
            DevicePeriodTotals periodTotals,
            NameConcealment concealment,
            CurrentTenant currentTenant,
            AuditLog auditLog,
            DataVersion dataVersion,
            Clock clock) {
        this.repository = repository;
        this.platformDays = platformDays;
        this.periodTotals = periodTotals;
        this.concealment = concealment;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.dataVersion = dataVersion;
        this.clock = clock;
    }

    /** The last complete UTC day: reports end there (as every usage report's). */
    public LocalDate reportDate() {
        return ReportPeriod.reportDate(clock);
    }

    /** The first day of the period that ends on the report date. */
    public LocalDate firstDay(ReportPeriod period) {
        return period.firstDay(reportDate());
    }

    /** The charts' data and the unrecognised client versions of the period, for every chart role. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public DeviceUsageReport report(ReportPeriod period) {
        LocalDate to = reportDate();
        LocalDate from = firstDay(period);
        long tenantId = currentTenant.id();
        // one row per day and platform, kept at each write (docs/device-usage.md, "Daily users per platform")
        Map<LocalDate, Map<Platform, Long>> stored = platformDays.days(tenantId, from, to);
        List<DeviceUsageDay> days = new ArrayList<>(period.days());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<Platform, Long> users = stored.get(day);
            days.add(users == null ? DeviceUsageDay.none(day) : new DeviceUsageDay(day, users));
        }
        // the period totals once moved to the report date, else the day rows (docs/device-usage.md): exact either way
        Map<Platform, Long> distribution =
                distributions.get(tenantId, dataVersion.current(), List.of(period, to), () -> {
                    Map<Platform, Long> users = periodTotals.distribution(tenantId, period.days(), to);
                    return Collections.unmodifiableMap(
                            users != null ? users : repository.distribution(tenantId, from, to));
                });
        return new DeviceUsageReport(
                period,
                to,
                clock.instant(),
                days,
                distribution,
                repository.unknownAgents(tenantId, from, to, UNKNOWN_AGENTS_SHOWN));
    }

    /** One page of the per-user table, sorted and filtered in the database. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public List<DeviceUserRow> users(DeviceUserQuery query, int offset, int limit) {
        var scope = scope(query);
        return repository.page(scope, query, offset, limit).stream()
                .map(row -> shown(row, scope))
                .toList();
    }

    /**
     * The rows after one user of the table (null: from the first), in ascending user name order, at most limit:
     * keyset paging, as fast deep in the table as at its start (docs/graph-api.md, "Paging"). The query must be
     * sorted by user name, ascending; a user id not of the tenant gives no rows.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public List<DeviceUserRow> usersAfter(DeviceUserQuery query, @Nullable Long afterUserId, int limit) {
        if (!(query.sortColumn() == null || query.sortColumn() == DeviceUserColumn.USER_NAME) || !query.ascending()) {
            throw new IllegalArgumentException("Keyset paging reads the table in ascending user name order only");
        }
        var scope = scope(query);
        return repository.pageAfter(scope, query, afterUserId, limit).stream()
                .map(row -> shown(row, scope))
                .toList();
    }

    /** The number of rows of the table: licensed users in scope whose shown names match the filter. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long countUsers(DeviceUserQuery query) {
        return repository.count(scope(query), query);
    }

    /** Every row of the table in table order, one at a time, for exports; returns how many there were. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long forEachUser(DeviceUserQuery query, Consumer<DeviceUserRow> consumer) {
        var scope = scope(query);
        long[] count = {0};
        repository.forEach(scope, query, row -> {
            consumer.accept(shown(row, scope));
            count[0]++;
        });
        return count[0];
    }

    /**
     * Streams the table's rows (every row matching the query, in its order) with the chosen columns to the output,
     * reporting the rows written so far, and audits the export. Returns the number of rows.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long export(
            DeviceUserQuery query,
            List<DeviceUserColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        LocalDate refreshed = reportDate();
        List<ExportColumn<DeviceUserRow>> exportColumns = UserTableExports.columns(
                format,
                columns.stream()
                        .map(column -> new ExportColumn<DeviceUserRow>(column.header(), column::valueOf))
                        .toList(),
                refreshed,
                query.day(),
                query.period().days());
        ExportInfo info = UserTableExports.info(
                "Device usage, per user",
                refreshed,
                query.period().days(),
                firstDay(query.period()),
                query.day(),
                query.nameContains(),
                query.sortColumn() == null
                        ? "User name"
                        : query.sortColumn().header() + (query.ascending() ? " ascending" : " descending"),
                clock.instant());
        // A filter typed over real names is kept for viewers who see names only (docs/privacy.md)
        boolean typedOverNames = !query.nameContains().isEmpty()
                && !concealment.forCurrentViewer().concealed();
        String what = "device usage per-user table as " + format + ", "
                + describe(query, typedOverNames ? AuditLog.NAMES_ONLY : query.nameContains()) + ", columns "
                + columns.stream().map(DeviceUserColumn::header).toList();
        return TableExports.stream(
                format,
                out,
                "Device usage",
                exportColumns,
                ZoneOffset.UTC,
                info,
                rows -> forEachUser(query, rows),
                progress,
                ExportAudit.of(auditLog, what, null, typedOverNames ? query.nameContains() : null));
    }

    /** The name of an export's file: report, period and its last day, or the chosen day, and the filter. */
    public String exportFileName(DeviceUserQuery query, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                "device-usage",
                query.day() != null
                        ? "day-" + query.day()
                        : query.period().name() + "-" + firstDay(query.period()) + "-to-" + reportDate(),
                query.nameContains().isEmpty() ? null : "user-name-contains-" + query.nameContains());
    }

    /** Whether the signed-in roles may see per-user data (the table and its exports), not only the charts. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    private static String describe(DeviceUserQuery query, String filterShown) {
        return "period " + query.period().days() + " days" + (query.day() == null ? "" : ", day " + query.day())
                + (query.nameContains().isEmpty() ? "" : ", user name contains '" + filterShown + "'")
                + (query.sortColumn() == null
                        ? ""
                        : ", sorted by " + query.sortColumn().header()
                                + (query.ascending() ? " ascending" : " descending"));
    }

    private DeviceUsageRepository.Scope scope(DeviceUserQuery query) {
        LocalDate reportDate = reportDate();
        LocalDate from = firstDay(query.period());
        LocalDate day = query.day();
        if (day != null && (day.isBefore(from) || day.isAfter(reportDate))) {
            throw new IllegalArgumentException(
                    "The day " + day + " is outside the period " + from + " to " + reportDate);
        }
        boolean concealed = concealment.forCurrentViewer().concealed();
        long tenantId = currentTenant.id();
        if (day != null) {
            return new DeviceUsageRepository.Scope(tenantId, day, day, concealed);
        }
        boolean fromTotals = reportDate.equals(periodTotals.endDate(tenantId));
        return new DeviceUsageRepository.Scope(
                tenantId,
                from,
                reportDate,
                concealed,
                fromTotals ? query.period().days() : 0);
    }

    private static DeviceUserRow shown(DeviceUsageRepository.StoredRow row, DeviceUsageRepository.Scope scope) {
        return new DeviceUserRow(
                row.userId(),
                scope.concealed() ? row.pseudonym() : row.upn(),
                scope.concealed() ? row.pseudonym() : row.displayName(),
                row.lastActivityDate(),
                DeviceUsageRepository.platforms(row.platforms()));
    }
}
