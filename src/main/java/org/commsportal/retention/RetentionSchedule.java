package org.commsportal.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the retention purge hourly unless {@code portal.retention.enabled=false} (integration tests, the command
 * line). Only the purge: the portal's other schedules run either way (common's SchedulingConfiguration).
 */
@Component
@ConditionalOnProperty(name = "portal.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionSchedule {

    private final RetentionPurge purge;

    RetentionSchedule(RetentionPurge purge) {
        this.purge = purge;
    }

    @Scheduled(
            initialDelayString = "${portal.retention.initial-delay:PT10M}",
            fixedDelayString = "${portal.retention.interval:PT1H}")
    void purgeAll() {
        purge.purgeAll();
    }
}
