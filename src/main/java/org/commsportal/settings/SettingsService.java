package org.commsportal.settings;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.Role;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and changes the signed-in tenant's settings; global readers may read them, only global administrators change them. */
@Service
public class SettingsService {

    static final String CONCEALED_NAMES = "Display concealed user names in all reports";
    static final String RETENTION = "Retention (days)";
    static final String TIME_ZONE = "Default time zone";

    private final TenantService tenants;
    private final AuditLog auditLog;

    SettingsService(TenantService tenants, AuditLog auditLog) {
        this.tenants = tenants;
        this.auditLog = auditLog;
    }

    @PreAuthorize("hasAnyRole('" + Roles.GLOBAL_ADMIN + "', '" + Roles.GLOBAL_READER + "')")
    @Transactional(readOnly = true)
    public TenantSettings current() {
        Tenant tenant = tenants.current();
        return new TenantSettings(
                tenant.displayConcealedNames(), tenant.retentionDays(), ZoneId.of(tenant.defaultTimeZone()));
    }

    /** Saves the settings and audits each one that changed, with its old and new value; returns how many changed. */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public int update(TenantSettings changed) {
        TenantSettings before = current();
        List<String> changes = new ArrayList<>();
        if (before.displayConcealedNames() != changed.displayConcealedNames()) {
            changes.add(change(
                    CONCEALED_NAMES, onOff(before.displayConcealedNames()), onOff(changed.displayConcealedNames())));
        }
        if (before.retentionDays() != changed.retentionDays()) {
            changes.add(change(RETENTION, before.retentionDays(), changed.retentionDays()));
        }
        if (!before.defaultTimeZone().equals(changed.defaultTimeZone())) {
            changes.add(change(
                    TIME_ZONE,
                    before.defaultTimeZone().getId(),
                    changed.defaultTimeZone().getId()));
        }
        if (changes.isEmpty()) {
            return 0;
        }
        tenants.updateSettings(
                changed.displayConcealedNames(),
                changed.retentionDays(),
                changed.defaultTimeZone().getId());
        changes.forEach(change -> auditLog.recordChange(AuditAction.SETTING_CHANGED, change));
        return changes.size();
    }

    /** Whether the signed-in account may change the settings, not only read them. */
    public boolean mayChange() {
        return SignedInRoles.has(Role.GLOBAL_ADMIN);
    }

    private static String change(String setting, Object from, Object to) {
        return setting + ": " + from + " -> " + to;
    }

    private static String onOff(boolean value) {
        return value ? "on" : "off";
    }
}
