package org.commsportal.minutepools;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.CountsByDataVersion;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
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
    private final DataVersion dataVersion;

    /** A month's pools per version of the tenant's data (which allowance changes bump too); few per tenant. */
    private final CountsByDataVersion<List<MinutePool>> monthPools = new CountsByDataVersion<>(100);

    /**
     * A month's plans per version of the tenant's directory: a write of sessions re-reads the month's calls, not every
     * user's plans, and a write of users reads those users' plans again.
     */
    private final MonthPlansByVersion monthPlans;

    MinutePoolsService(
            MinutePoolRepository repository,
            CurrentTenant currentTenant,
            AuditLog auditLog,
            Clock clock,
            DataVersion dataVersion,
            MonthPlansByVersion monthPlans) {
        this.repository = repository;
        this.monthPlans = monthPlans;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.clock = clock;
        this.dataVersion = dataVersion;
    }

    /** The months the page offers: the current UTC month, then the previous one. */
    public List<YearMonth> months() {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        return List.of(current, current.minusMonths(1));
    }

    /** One page of the month's pools, filtered and sorted. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<MinutePool> pools(MinutePoolQuery query, int offset, int limit) {
        List<MinutePool> pools = sorted(checked(query));
        return pools.subList(Math.min(offset, pools.size()), (int) Math.min((long) offset + limit, pools.size()));
    }

    /** The number of the month's pools. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public long countPools(MinutePoolQuery query) {
        return sorted(checked(query)).size();
    }

    /** Every pool in table order, for exports; returns how many there were. */
    @PreAuthorize(Roles.READ_CHARTS)
    public long forEachPool(MinutePoolQuery query, Consumer<MinutePool> consumer) {
        List<MinutePool> pools = sorted(checked(query));
        pools.forEach(consumer);
        return pools.size();
    }

    /**
     * The month's pools of the query's capability in its order. A month has at most two pools per country, so they are
     * all computed (docs/pstn-minute-pools.md, "How it is read") and kept per version of the tenant's data, and
     * filtering, sorting and paging work on that list: a page and its count read the database once, and again only
     * after a write; the month's plans, only after a write of the directory.
     */
    private List<MinutePool> sorted(MinutePoolQuery query) {
        long tenantId = currentTenant.id();
        YearMonth month = query.month();
        List<MinutePool> all = monthPools.get(tenantId, dataVersion.current(), List.of("minute pools", month), () -> {
            MonthPlans plans = monthPlans.get(
                    tenantId,
                    month,
                    dataVersion.directory(),
                    () -> repository.monthPlans(tenantId, month),
                    users -> repository.planUsers(tenantId, month, users),
                    () -> MonthPlans.Pricing.of(repository.allowances(tenantId)));
            return List.copyOf(repository.pools(tenantId, month, plans));
        });
        return all.stream()
                .filter(pool -> query.capability() == null || pool.capability() == query.capability())
                .sorted(order(query))
                .toList();
    }

    /** The order of the sort column; ties by capability and country, in the same direction. */
    private static Comparator<MinutePool> order(MinutePoolQuery query) {
        Comparator<MinutePool> byColumn = switch (query.sortColumn()) {
            case CAPABILITY -> Comparator.comparing(pool -> pool.capability().name());
            case COUNTRY -> Comparator.comparing(MinutePool::country);
            case USERS -> Comparator.comparingLong(MinutePool::users);
            case TOTAL -> Comparator.comparingLong(MinutePool::totalMinutes);
            case USED -> Comparator.comparingLong(MinutePool::usedMinutes);
            case LEFT -> Comparator.comparingLong(MinutePool::leftMinutes);
            // no percentage for a pool of 0 minutes: first when ascending, as SQL sorts NULL
            case PERCENT_USED ->
                Comparator.comparing(MinutePool::percentUsed, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        Comparator<MinutePool> order =
                byColumn.thenComparing(pool -> pool.capability().name()).thenComparing(MinutePool::country);
        return query.ascending() ? order : order.reversed();
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
