package org.commsportal.minutepools;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.directory.CallingPlan;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in tenant's minutes per user and month of each calling plan's pools (docs/pstn-minute-pools.md,
 * "Allowances"): global readers read them, global administrators change them, each change audited.
 */
@Service
public class CallingPlanAllowances {

    /** The most minutes an allowance may have: far beyond any plan, small enough for any sum of them. */
    public static final int MAX_MINUTES = 1_000_000;

    private final MinutePoolRepository repository;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;
    private final DataVersion dataVersion;
    private final ApplicationEventPublisher events;

    CallingPlanAllowances(
            MinutePoolRepository repository,
            CurrentTenant currentTenant,
            AuditLog auditLog,
            DataVersion dataVersion,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
        this.dataVersion = dataVersion;
        this.events = events;
    }

    /** Every plan's pools with their default and the tenant's own minutes, in plan order. */
    @PreAuthorize("hasAnyRole('" + Roles.GLOBAL_ADMIN + "', '" + Roles.GLOBAL_READER + "')")
    @Transactional(readOnly = true)
    public List<CallingPlanAllowance> current() {
        Map<String, Integer> own = repository.allowances(currentTenant.id());
        List<CallingPlanAllowance> allowances = new ArrayList<>();
        for (CallingPlan plan : CallingPlan.values()) {
            for (PoolCapability capability : PoolCapability.values()) {
                if (Allowances.has(plan, capability)) {
                    allowances.add(new CallingPlanAllowance(
                            plan,
                            capability,
                            Allowances.describeDefault(plan, capability),
                            own.get(plan.wireName() + " " + capability.name())));
                }
            }
        }
        return allowances;
    }

    /**
     * Sets the tenant's minutes of a plan's pool (null: back to the default) and audits the change; returns whether
     * anything changed.
     */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public boolean change(CallingPlan plan, PoolCapability capability, @Nullable Integer minutes) {
        if (!Allowances.has(plan, capability)) {
            throw new IllegalArgumentException(plan.wireName() + " has no " + capability.label() + " pool");
        }
        if (minutes != null && (minutes < 0 || minutes > MAX_MINUTES)) {
            throw new IllegalArgumentException("An allowance is 0 to " + MAX_MINUTES + " minutes, not " + minutes);
        }
        long tenantId = currentTenant.id();
        Integer before = repository.allowances(tenantId).get(plan.wireName() + " " + capability.name());
        if (Objects.equals(before, minutes)) {
            return false;
        }
        if (minutes == null) {
            repository.resetAllowance(tenantId, plan, capability);
        } else {
            repository.setAllowance(tenantId, plan, capability, minutes);
        }
        String defaults = "default (" + Allowances.describeDefault(plan, capability) + ")";
        auditLog.recordChange(
                AuditAction.SETTING_CHANGED,
                "Calling plan allowance " + plan.wireName() + " " + capability.label()
                        + " (minutes per user and month): " + (before == null ? defaults : before) + " -> "
                        + (minutes == null ? defaults : minutes));
        // the pools' figures changed: counts kept per data version are read again, plans per directory version priced
        // again
        events.publishEvent(new AllowancesChanged(tenantId, dataVersion.bumpDirectory()));
        return true;
    }

    /** Whether the signed-in account may change the allowances, not only read them. */
    public boolean mayChange() {
        return SignedInRoles.has(Role.GLOBAL_ADMIN);
    }
}
