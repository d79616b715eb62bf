package org.commsportal.retention;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the retention purge on its schedule unless {@code portal.retention.enabled=false} (integration tests). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "portal.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionConfiguration {}
