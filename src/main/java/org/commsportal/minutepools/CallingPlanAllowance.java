package org.commsportal.minutepools;

import org.commsportal.directory.CallingPlan;
import org.jspecify.annotations.Nullable;

/** A plan's pool of one capability: its default minutes per user and month, and the tenant's own when set. */
public record CallingPlanAllowance(
        CallingPlan plan,
        PoolCapability capability,
        String defaultMinutes,
        @Nullable Integer tenantMinutes) {}
