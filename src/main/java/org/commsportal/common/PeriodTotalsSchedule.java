package org.commsportal.common;

import java.time.LocalDate;
import java.util.List;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves every tenant's per-user period totals of every report to the report date off the request path: at start-up
 * (in the background), just after each UTC midnight, and every minute for the totals still behind (a tenant created
 * since, a move that failed), so a new tenant's tables leave the slow sums of day rows within a minute. A page read
 * during a move does not wait for it.
 */
@Component
public class PeriodTotalsSchedule {

    private static final Logger log = LoggerFactory.getLogger(PeriodTotalsSchedule.class);

    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final List<PeriodTotalsMove> moves;

    PeriodTotalsSchedule(TenantService tenants, CurrentTenant currentTenant, List<PeriodTotalsMove> moves) {
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.moves = moves;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        Thread move = new Thread(this::moveEveryTenant, "period-totals-move");
        move.setDaemon(true);
        move.start();
    }

    @Scheduled(cron = "${portal.period-totals.move-cron:1 0 0 * * *}", zone = "UTC")
    @Scheduled(
            initialDelayString = "${portal.period-totals.catch-up-delay:PT1M}",
            fixedDelayString = "${portal.period-totals.catch-up-delay:PT1M}")
    public void moveEveryTenant() {
        for (Tenant tenant : tenants.all()) {
            for (PeriodTotalsMove move : moves) {
                long started = System.nanoTime();
                try {
                    @Nullable LocalDate date = currentTenant.runAs(tenant.id(), move::moveToReportDate);
                    if (date == null) {
                        continue; // already there: one plain read
                    }
                    log.info(
                            "Moved the {} period totals of tenant {} to {} in {} ms",
                            move.what(),
                            tenant.name(),
                            date,
                            (System.nanoTime() - started) / 1_000_000);
                } catch (RuntimeException e) {
                    log.warn(
                            "Could not move the {} period totals of tenant {}; its tables are summed from the day rows"
                                    + " until the next move",
                            move.what(),
                            tenant.name(),
                            e);
                }
            }
        }
    }
}
