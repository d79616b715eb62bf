package org.commsportal.security;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The time zone in which the signed-in account enters and reads date-times (session details, exports, the audit
 * log). A new account starts in its tenant's default zone and changes it on its own page.
 */
@Service
public class ViewerTimeZone {

    private final AccountRepository accounts;
    private final AuditLog auditLog;

    ViewerTimeZone(AccountRepository accounts, AuditLog auditLog) {
        this.accounts = accounts;
        this.auditLog = auditLog;
    }

    @Transactional(readOnly = true)
    public ZoneId current() {
        try {
            return ZoneId.of(accounts.timeZone(SignedInAccount.id()));
        } catch (DateTimeException removedFromTheJdkRules) {
            return ZoneId.of("UTC");
        }
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void change(ZoneId zone) {
        ZoneId before = current();
        if (!before.equals(zone)) {
            accounts.updateTimeZone(SignedInAccount.id(), zone.getId());
            auditLog.recordChange(
                    AuditAction.TIME_ZONE_CHANGED, "own time zone: " + before.getId() + " -> " + zone.getId());
        }
    }
}
