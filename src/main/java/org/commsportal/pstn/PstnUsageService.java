package org.commsportal.pstn;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.Minutes;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The PSTN usage report (docs/pstn-usage.md) of the signed-in tenant, read from its read model. */
@Service
public class PstnUsageService {

    private final PstnCallRepository repository;
    private final PstnCallRollupRepository days;
    private final NameConcealment concealment;
    private final CurrentTenant currentTenant;
    private final ViewerTimeZone viewerTimeZone;
    private final AuditLog auditLog;
    private final Clock clock;

    PstnUsageService(
            PstnCallRepository repository,
            PstnCallRollupRepository days,
            NameConcealment concealment,
            CurrentTenant currentTenant,
            ViewerTimeZone viewerTimeZone,
            AuditLog auditLog,
            Clock clock) {
        this.repository = repository;
        this.days = days;
        this.concealment = concealment;
        this.currentTenant = currentTenant;
        this.viewerTimeZone = viewerTimeZone;
        this.auditLog = auditLog;
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

    /** The zone in which the signed-in viewer reads the calls' start times. */
    public ZoneId viewerZone() {
        return viewerTimeZone.current();
    }

    /**
     * Whether the signed-in tenant's calls are still being derived in the background from the sessions stored before
     * the PSTN usage report existed (docs/pstn-usage.md): until then the page shows none of them, and says so.
     */
    @PreAuthorize(Roles.READ_CHARTS)
    public boolean stillBuilding() {
        return repository.stillBuilding(currentTenant.id());
    }

    /** Minutes per UTC day by call type and by domestic / international, for every chart role. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public PstnUsageReport report(ReportPeriod period) {
        LocalDate to = reportDate();
        LocalDate from = firstDay(period);
        Map<LocalDate, Map<PstnCallType, Long>> byType = new HashMap<>();
        Map<LocalDate, long[]> byReach = new HashMap<>();
        days.durations(currentTenant.id(), from, to, (day, type, reach, ms) -> {
            byType.computeIfAbsent(day, d -> new EnumMap<>(PstnCallType.class)).merge(type, ms, Long::sum);
            byReach.computeIfAbsent(day, d -> new long[3])[reach] += ms;
        });
        List<PstnUsageDay> shown = new ArrayList<>(period.days());
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Map<PstnCallType, Long> minutes = new EnumMap<>(PstnCallType.class);
            for (PstnCallType type : PstnCallType.values()) {
                minutes.put(type, Minutes.of(byType.getOrDefault(day, Map.of()).getOrDefault(type, 0L)));
            }
            long[] reach = byReach.getOrDefault(day, new long[3]);
            shown.add(new PstnUsageDay(day, minutes, Minutes.of(reach[1]), Minutes.of(reach[2]), Minutes.of(reach[0])));
        }
        return new PstnUsageReport(period, to, clock.instant(), shown);
    }

    /** The destination countries of the period's calls, for the country filter. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<String> countries(ReportPeriod period) {
        return days.countries(scope(PstnCallQuery.of(period)));
    }

    /** One page of the table, sorted and filtered in the database. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<PstnCallRow> calls(PstnCallQuery query, int offset, int limit) {
        var scope = scope(query);
        return repository.page(scope, query, offset, limit).stream()
                .map(call -> shown(call, scope))
                .toList();
    }

    /** The number of rows of the table. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public long countCalls(PstnCallQuery query) {
        var scope = scope(query);
        return query.userContains().isEmpty() ? days.totals(scope, query).calls() : repository.count(scope, query);
    }

    /**
     * The calls of the table's query, their minutes (summed, then rounded once, as the charts) and their total charge
     * (the sum of the charges shown; null when no call has a rate), summed in the database.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public PstnTotals totals(PstnCallQuery query) {
        var scope = scope(query);
        // without a user filter, from the day rollup (changeset 044); a user filter needs the calls themselves
        var totals = query.userContains().isEmpty() ? days.totals(scope, query) : repository.totals(scope, query);
        return new PstnTotals(
                totals.calls(),
                Minutes.of(totals.milliseconds()),
                PstnCallRow.inMinorUnits(totals.charge(), totals.currency()),
                totals.currency());
    }

    /** Every row of the table in table order, one at a time, for exports; returns how many there were. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long forEachCall(PstnCallQuery query, Consumer<PstnCallRow> consumer) {
        var scope = scope(query);
        long[] count = {0};
        repository.forEach(scope, query, call -> {
            consumer.accept(shown(call, scope));
            count[0]++;
        });
        return count[0];
    }

    /**
     * Streams the table's rows (every row matching the query, in its order) with the chosen columns to the output,
     * start times in the viewer's zone, reporting the rows written so far, and audits the export.
     */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    public long export(
            PstnCallQuery query,
            List<PstnCallColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        ZoneId zone = viewerZone();
        List<ExportColumn<PstnCallRow>> exportColumns = columns.stream()
                .map(column -> new ExportColumn<PstnCallRow>(column.header(zone), row -> row.valueOf(column)))
                .toList();
        boolean typedOverNames = !query.userContains().isEmpty()
                && !concealment.forCurrentViewer().concealed();
        ExportInfo info = ExportInfo.of(
                "Report",
                "PSTN usage",
                "Calls starting",
                describeRange(query),
                "Times in",
                zone.getId(),
                "User contains",
                query.userContains().isEmpty() ? null : query.userContains(),
                "Direction",
                query.direction() == null ? null : query.direction().label(),
                "Destination country",
                query.country(),
                "Exported at",
                clock.instant());
        String what = "PSTN usage table as " + format + ", " + describe(query, typedOverNames) + ", columns "
                + columns.stream().map(PstnCallColumn::header).toList();
        return TableExports.stream(
                format,
                out,
                "PSTN usage",
                exportColumns,
                zone,
                info,
                rows -> forEachCall(query, rows),
                progress,
                ExportAudit.of(auditLog, what, null, typedOverNames ? query.userContains() : null));
    }

    /** The name of an export's file: report, period or day, and the filters. */
    public String exportFileName(PstnCallQuery query, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                "pstn-usage",
                query.day() != null
                        ? "day-" + query.day()
                        : query.period().name() + "-" + firstDay(query.period()) + "-to-" + reportDate(),
                query.direction() == null ? null : query.direction().name().toLowerCase(java.util.Locale.ROOT),
                query.country() == null ? null : "country-" + query.country(),
                query.userContains().isEmpty() ? null : "user-contains-" + query.userContains());
    }

    /** Whether the signed-in roles may see per-call data (the table and its exports), not only the charts. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    private String describeRange(PstnCallQuery query) {
        return query.day() != null
                ? query.day() + " (UTC day)"
                : firstDay(query.period()) + " to " + reportDate() + " (UTC days)";
    }

    private String describe(PstnCallQuery query, boolean typedOverNames) {
        return "calls " + describeRange(query)
                + (query.userContains().isEmpty()
                        ? ""
                        : ", user contains '" + (typedOverNames ? AuditLog.NAMES_ONLY : query.userContains()) + "'")
                + (query.direction() == null
                        ? ""
                        : ", direction " + query.direction().label())
                + (query.country() == null ? "" : ", country " + query.country())
                + ", sorted by " + query.sortColumn().header() + (query.ascending() ? " ascending" : " descending");
    }

    private PstnCallRepository.Scope scope(PstnCallQuery query) {
        LocalDate reportDate = reportDate();
        LocalDate from = firstDay(query.period());
        LocalDate day = query.day();
        if (day != null && (day.isBefore(from) || day.isAfter(reportDate))) {
            throw new IllegalArgumentException(
                    "The day " + day + " is outside the period " + from + " to " + reportDate);
        }
        LocalDate first = day == null ? from : day;
        LocalDate last = day == null ? reportDate : day;
        boolean concealed = concealment.forCurrentViewer().concealed();
        return new PstnCallRepository.Scope(currentTenant.id(), utc(first), utc(last.plusDays(1)), concealed);
    }

    private static Instant utc(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static PstnCallRow shown(PstnCallRepository.StoredCall call, PstnCallRepository.Scope scope) {
        String user = scope.concealed() && call.pseudonym() != null ? call.pseudonym() : call.userUpn();
        Boolean domestic = call.destinationCountry() == null || call.usageLocation() == null
                ? null
                : call.destinationCountry().equals(call.usageLocation());
        return new PstnCallRow(
                call.start(),
                user,
                PhoneNumbers.masked(call.userNumber()),
                PhoneNumbers.masked(call.otherNumber()),
                call.type(),
                call.destinationCountry(),
                domestic,
                (call.durationMs() + 500) / 1000,
                PstnCallRow.inMinorUnits(call.charge(), call.currency()),
                call.currency());
    }
}
