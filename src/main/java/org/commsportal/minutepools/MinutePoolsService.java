package org.commsportal.minutepools;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PSTN minute pools report (docs/pstn-minute-pools.md) of the signed-in tenant: per UTC calendar month and
 * pool, total, used and remaining minutes. A pool names no user, so every chart role reads it.
 */
@Service
public class MinutePoolsService {

    private final MinutePoolRepository repository;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final Clock clock;

    MinutePoolsService(MinutePoolRepository repository, CurrentTenant currentTenant, AuditLog auditLog, Clock clock) {
        this.repository = repository;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** The months the page offers: the current UTC month, then the previous one. */
    public List<YearMonth> months() {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        return List.of(current, current.minusMonths(1));
    }

    /** One page of the month's pools, sorted and filtered in the database. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<MinutePool> pools(MinutePoolQuery query, int offset, int limit) {
        return repository.page(currentTenant.id(), checked(query), offset, limit);
    }

    /** The number of the month's pools. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public long countPools(MinutePoolQuery query) {
        return repository.count(currentTenant.id(), checked(query));
    }

    /** Every pool in table order, for exports; returns how many there were. */
    @PreAuthorize(Roles.READ_CHARTS)
    public long forEachPool(MinutePoolQuery query, Consumer<MinutePool> consumer) {
        long[] count = {0};
        repository.forEach(currentTenant.id(), checked(query), pool -> {
            consumer.accept(pool);
            count[0]++;
        });
        return count[0];
    }

    /** Streams the month's pools with the chosen columns to the output, reporting progress, and audits the export. */
    @PreAuthorize(Roles.READ_CHARTS)
    public long export(
            MinutePoolQuery query,
            List<MinutePoolColumn> columns,
            ExportFormat format,
            OutputStream out,
            LongConsumer progress)
            throws IOException {
        List<ExportColumn<MinutePool>> exportColumns = columns.stream()
                .map(column -> new ExportColumn<MinutePool>(column.header(), pool -> pool.valueOf(column)))
                .toList();
        ExportInfo info = ExportInfo.of(
                "Report",
                "PSTN minute pools",
                "Month (UTC)",
                query.month().toString(),
                "Capability",
                query.capability() == null ? null : query.capability().label(),
                "Exported at",
                clock.instant());
        String what = "PSTN minute pools table as " + format + ", month " + query.month()
                + (query.capability() == null
                        ? ""
                        : ", capability " + query.capability().label())
                + ", sorted by " + query.sortColumn().header() + (query.ascending() ? " ascending" : " descending")
                + ", columns " + columns.stream().map(MinutePoolColumn::header).toList();
        return TableExports.stream(
                format,
                out,
                "PSTN minute pools",
                exportColumns,
                ZoneOffset.UTC,
                info,
                rows -> forEachPool(query, rows),
                progress,
                ExportAudit.of(auditLog, what));
    }

    /** The name of an export's file: report, month and filter. */
    public String exportFileName(MinutePoolQuery query, ExportFormat format) {
        return ExportInfo.fileName(
                format,
                "pstn-minute-pools",
                query.month().toString(),
                query.capability() == null ? null : query.capability().name().toLowerCase(Locale.ROOT));
    }

    /** Only the months the page offers: older calls may have been removed by retention. */
    private MinutePoolQuery checked(MinutePoolQuery query) {
        if (!months().contains(query.month())) {
            throw new IllegalArgumentException(
                    "The month " + query.month() + " is neither the current nor the previous month");
        }
        return query;
    }
}
