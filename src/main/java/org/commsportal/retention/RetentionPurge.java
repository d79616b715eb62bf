package org.commsportal.retention;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.commsportal.ingest.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes every tenant's sessions that started before its first retained UTC day (today minus
 * {@code retention_days}), a batch at a time, each batch in its own transaction through the session writer, so the
 * rollups, period totals and active-user counts lose exactly the removed sessions' contributions and the reports
 * keep equalling a recomputation from the remaining raw rows.
 */
@Component
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    private final TenantService tenants;
    private final SessionWriter writer;
    private final CurrentTenant currentTenant;
    private final Clock clock;
    private final int batchSize;

    RetentionPurge(TenantService tenants, SessionWriter writer, CurrentTenant currentTenant, Clock clock,
                   @Value("${portal.retention.batch-size:500}") int batchSize) {
        this.tenants = tenants;
        this.writer = writer;
        this.currentTenant = currentTenant;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(initialDelayString = "${portal.retention.initial-delay:PT10M}",
            fixedDelayString = "${portal.retention.interval:PT1H}")
    void purgeAll() {
        for (Tenant tenant : tenants.all()) {
            try {
                purge(tenant);
            } catch (RuntimeException e) {
                // one tenant's failure must not stop the others; the next run tries again
                log.warn("Retention purge of tenant {} failed: {}", tenant.id(), e.toString());
            }
        }
    }

    /** Purges one tenant; returns how many sessions it removed. */
    public long purge(Tenant tenant) {
        Instant cutoff = firstRetainedDay(tenant).atStartOfDay(ZoneOffset.UTC).toInstant();
        return currentTenant.runAs(tenant.id(), () -> {
            long removed = 0;
            for (int batch; (batch = writer.removeStartedBefore(cutoff, batchSize)) > 0; ) {
                removed += batch;
                if (removed % (batchSize * 20L) == 0) {
                    log.info("Retention purge of tenant {}: {} sessions before {} removed so far", tenant.id(), removed, cutoff);
                }
            }
            if (removed > 0) {
                log.info("Retention purge of tenant {}: removed {} sessions that started before {}", tenant.id(), removed, cutoff);
            }
            return removed;
        });
    }

    /** The first UTC day a tenant keeps. */
    public LocalDate firstRetainedDay(Tenant tenant) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(tenant.retentionDays());
    }
}
