package org.commsportal.skypeactivity;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.export.UserTableExports;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.skypeactivity.ActivityPartyDayRepository.TableScope;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The signed-in tenant's Skype for Business activity (docs/skype-for-business-activity.md). */
@Service
public class SkypeActivityService {

    private final ActivityPartyDayRepository repository;
    private final ActivityPeriodTotals periodTotals;
    private final CurrentTenant currentTenant;
    private final NameConcealment concealment;
    private final AuditLog auditLog;
    private final Clock clock;

    SkypeActivityService(
            ActivityPartyDayRepository repository,
            ActivityPeriodTotals periodTotals,
            CurrentTenant currentTenant,
            NameConcealment concealment,
            AuditLog auditLog,
            Clock clock) {
        this.repository = repository;
        this.periodTotals = periodTotals;
        this.currentTenant = currentTenant;
        this.concealment = concealment;
        this.auditLog = auditLog;
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

    /** Whether the signed-in roles may see per-user data (the tables and their exports), not only the charts. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    /** One page of a per-user table, sorted and filtered in the database. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public List<SkypeActivityUserRow> users(SkypeActivityQuery query, int offset, int limit) {
        return repository.page(scope(query), query, offset, limit);
    }

    /** The number of rows of a per-user table (licensed users in scope, read from the directory alone). */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long countUsers(SkypeActivityQuery query) {
        return repository.count(scope(query), query);
    }

    /**
     * Streams the table's rows (every row matching the query, in its order) with the chosen columns to the output,
     * reporting the rows written so far, and audits the export. Returns the number of rows.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long export(
            SkypeActivityQuery query,
            List<SkypeActivityColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        LocalDate refreshed = reportDate();
        List<ExportColumn<SkypeActivityUserRow>> exportColumns = UserTableExports.columns(
                format,
                columns.stream()
                        .map(column -> new ExportColumn<SkypeActivityUserRow>(column.header(), column::valueOf))
                        .toList(),
                refreshed,
                query.day(),
                query.period().days());
        String title = query.page().title();
        ExportInfo info = UserTableExports.info(
                title + ", per user",
                refreshed,
                query.period().days(),
                firstDay(query.period()),
                query.day(),
                query.nameContains(),
                query.sortColumn() == null
                        ? "User name"
                        : query.sortColumn().header() + (query.ascending() ? " ascending" : " descending"),
                clock.instant());
        // A filter typed over real names is a name: the audit keeps it for viewers who see names only (docs/privacy.md)
        boolean typedOverNames = !query.nameContains().isEmpty()
                && !concealment.forCurrentViewer().concealed();
        String filterShown = typedOverNames ? AuditLog.NAMES_ONLY : query.nameContains();
        String what = title + " per-user table as " + format + ", period "
                + query.period().days() + " days"
                + (query.day() == null ? "" : ", day " + query.day())
                + (query.nameContains().isEmpty() ? "" : ", user name contains '" + filterShown + "'")
                + ", columns "
                + columns.stream().map(SkypeActivityColumn::header).toList();
        TableScope scope = scope(query);
        return TableExports.stream(
                format,
                out,
                title,
                exportColumns,
                ZoneOffset.UTC,
                info,
                rows -> repository.forEach(scope, query, rows),
                progress,
                ExportAudit.of(auditLog, what, null, typedOverNames ? query.nameContains() : null));
    }

    /** The name of an export's file: page, period and its last day, or the chosen day, and the filter. */
    public String exportFileName(SkypeActivityQuery query, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                query.page().slug(),
                query.day() != null
                        ? "day-" + query.day()
                        : query.period().name() + "-" + firstDay(query.period()) + "-to-" + reportDate(),
                query.nameContains().isEmpty() ? null : "user-name-contains-" + query.nameContains());
    }

    private TableScope scope(SkypeActivityQuery query) {
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
            return new TableScope(tenantId, day, day, reportDate, concealed);
        }
        // the period totals once moved to the report date; until then (moments after midnight, a new tenant) the
        // same figures summed from the day rows: a read never moves them (docs/skype-for-business-activity.md)
        boolean fromTotals = reportDate.equals(periodTotals.endDate(tenantId));
        return new TableScope(
                tenantId,
                from,
                reportDate,
                reportDate,
                concealed,
                fromTotals ? query.period().days() : 0);
    }

    /** Every UTC day of [from, to], days without a session included, oldest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ActivityDay> days(LocalDate from, LocalDate to) {
        Map<LocalDate, ActivityDay> stored = repository.days(currentTenant.id(), from, to).stream()
                .collect(Collectors.toMap(ActivityDay::day, Function.identity()));
        List<ActivityDay> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(stored.getOrDefault(day, ActivityDay.none(day)));
        }
        return days;
    }

    /** The conferences the tenant's users organized, every UTC day of [from, to], oldest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ConferenceDay> organizedDays(LocalDate from, LocalDate to) {
        return everyDay(repository.conferenceDays(currentTenant.id(), PartyDay.Kind.ORGANIZED, from, to), from, to);
    }

    /** The conferences the tenant's users took part in, every UTC day of [from, to], oldest first. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ConferenceDay> participatedDays(LocalDate from, LocalDate to) {
        return everyDay(repository.conferenceDays(currentTenant.id(), PartyDay.Kind.PARTICIPATED, from, to), from, to);
    }

    private static List<ConferenceDay> everyDay(List<ConferenceDay> stored, LocalDate from, LocalDate to) {
        Map<LocalDate, ConferenceDay> byDay =
                stored.stream().collect(Collectors.toMap(ConferenceDay::day, Function.identity()));
        List<ConferenceDay> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(byDay.getOrDefault(day, ConferenceDay.none(day)));
        }
        return days;
    }

    /**
     * The figures of these users of the signed-in tenant over [from, until); users without activity are absent.
     * Other tenants' ids find nothing.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public Map<Long, UserActivityFigures> users(Collection<Long> userIds, LocalDate from, LocalDate until) {
        long tenantId = currentTenant.id();
        LocalDate reportDate = until.minusDays(1);
        if (reportDate.equals(reportDate()) && reportDate.equals(periodTotals.endDate(tenantId))) {
            for (ReportPeriod period : ReportPeriod.values()) {
                if (period.firstDay(reportDate).equals(from)) {
                    return repository.usersFromTotals(tenantId, userIds, period.days(), reportDate);
                }
            }
        }
        return repository.users(tenantId, userIds, from, until);
    }
}
