package org.commsportal.common;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Runs the portal's schedules (the period totals' moves, scheduled reports, alerts, webhooks, the retention purge),
 * each of which has its own switch; {@code portal.scheduling.enabled=false} turns all of them off (the command line).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "portal.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
