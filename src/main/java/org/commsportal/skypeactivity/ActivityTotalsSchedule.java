package org.commsportal.skypeactivity;

import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves every tenant's activity period totals to the report date off the request path: at start-up (in the
 * background) and just after each UTC midnight, as the peer-to-peer totals are moved. Until a tenant's move is done
 * its tables are summed from the day rows for the same report date.
 */
@Component
class ActivityTotalsSchedule {

    private static final Logger log = LoggerFactory.getLogger(ActivityTotalsSchedule.class);

    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final ActivityPeriodTotals totals;
    private final SkypeActivityService activity;

    ActivityTotalsSchedule(
            TenantService tenants,
            CurrentTenant currentTenant,
            ActivityPeriodTotals totals,
            SkypeActivityService activity) {
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.totals = totals;
        this.activity = activity;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        Thread move = new Thread(this::moveEveryTenant, "activity-totals-move");
        move.setDaemon(true);
        move.start();
    }

    @Scheduled(cron = "${portal.period-totals.move-cron:1 0 0 * * *}", zone = "UTC")
    void moveEveryTenant() {
        for (Tenant tenant : tenants.all()) {
            long started = System.nanoTime();
            try {
                currentTenant.runAs(tenant.id(), () -> totals.moveTo(activity.reportDate()));
                log.info(
                        "Moved the activity period totals of tenant {} to {} in {} ms",
                        tenant.name(),
                        activity.reportDate(),
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not move the activity period totals of tenant {}; its tables are summed from the day "
                                + "rows until the next move",
                        tenant.name(),
                        e);
            }
        }
    }
}
