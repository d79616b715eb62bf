package org.commsportal.retention;

import jakarta.annotation.PostConstruct;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Retention by dropping partitions (issue 9). Each run, for every tenant, the first kept day becomes the Monday of
 * the week holding its first retained day (today minus {@code retention_days}): the session writer makes every
 * rollup forget the days before it ({@link SessionWriter#keepFrom}), exactly. Then the weekly partitions that end
 * by the earliest kept day of all tenants are dropped, whole, from every raw session table; only a tenant that keeps
 * fewer days than another has its older rows deleted one by one ({@link SessionWriter#deleteForgotten}). Last, the
 * weeks ahead get their partitions. Runs at start-up (weeks only) and then hourly.
 */
@Component
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final int DEFAULT_RETENTION_DAYS = 365;

    private final TenantService tenants;
    private final SessionWriter writer;
    private final CurrentTenant currentTenant;
    private final PartitionRepository partitions;
    private final Clock clock;
    private final int batchSize;
    private final int weeksAhead;

    RetentionPurge(
            TenantService tenants,
            SessionWriter writer,
            CurrentTenant currentTenant,
            PartitionRepository partitions,
            Clock clock,
            @Value("${portal.retention.batch-size:500}") int batchSize,
            @Value("${portal.retention.weeks-ahead:8}") int weeksAhead) {
        this.tenants = tenants;
        this.writer = writer;
        this.currentTenant = currentTenant;
        this.partitions = partitions;
        this.clock = clock;
        this.batchSize = batchSize;
        this.weeksAhead = weeksAhead;
    }

    /** What one run did. */
    public record Run(int droppedPartitions, long deletedRows, int addedPartitions) {}

    /** Before anything is written (the demo data too): every retained week and the weeks ahead get partitions. */
    @PostConstruct
    void createWeeks() {
        ensureWeeks(today(), tenants.all());
    }

    /** One run as of today (hourly: {@link RetentionSchedule}). */
    void purgeAll() {
        run(today());
    }

    /** One run as of the UTC day. */
    public Run run(LocalDate today) {
        List<Tenant> all = tenants.all();
        @Nullable LocalDate earliestKept = null;
        boolean allKept = true;
        for (Tenant tenant : all) {
            LocalDate keptFrom = firstKeptDay(tenant, today);
            try {
                if (currentTenant.runAs(tenant.id(), () -> writer.keepFrom(keptFrom))) {
                    log.info("Retention: tenant {} now keeps the sessions from {}", tenant.id(), keptFrom);
                }
            } catch (RuntimeException e) {
                // one tenant's failure must not stop the others; the next run tries again
                log.warn("Retention of tenant {} failed: {}", tenant.id(), e.toString());
                allKept = false; // nothing may be dropped that this tenant's rollups still count
            }
            earliestKept = earliestKept == null || keptFrom.isBefore(earliestKept) ? keptFrom : earliestKept;
        }
        int dropped = earliestKept == null || !allKept ? 0 : partitions.dropEndingBy(earliestKept);
        long deleted = 0;
        for (Tenant tenant : all) {
            deleted += currentTenant.runAs(tenant.id(), () -> {
                long rows = 0;
                for (int batch; (batch = writer.deleteForgotten(batchSize)) > 0; ) {
                    rows += batch;
                }
                return rows;
            });
        }
        if (deleted > 0) {
            log.info("Retention: deleted {} rows of sessions before their tenants' first kept day", deleted);
        }
        return new Run(dropped, deleted, ensureWeeks(today, all));
    }

    private int ensureWeeks(LocalDate today, List<Tenant> all) {
        int longest = all.stream().mapToInt(Tenant::retentionDays).max().orElse(DEFAULT_RETENTION_DAYS);
        return partitions.ensureWeeks(today.minusDays(longest), today.plusWeeks(weeksAhead));
    }

    /** The first UTC day a tenant's reports show (today minus its retention days). */
    public static LocalDate firstRetainedDay(Tenant tenant, LocalDate today) {
        return today.minusDays(tenant.retentionDays());
    }

    /** The first UTC day whose sessions a tenant keeps: the Monday that starts its first retained day's partition. */
    public static LocalDate firstKeptDay(Tenant tenant, LocalDate today) {
        return PartitionRepository.weekOf(firstRetainedDay(tenant, today));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
