package org.commsportal.audit;

import java.time.Clock;
import java.util.List;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records audit events. Events are written in their own transaction so a failed operation is still audited. */
@Service
public class AuditLog {

    private final AuditRepository events;
    private final CurrentTenant currentTenant;
    private final Clock clock;

    AuditLog(AuditRepository events, CurrentTenant currentTenant, Clock clock) {
        this.events = events;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    /** An action of the signed-in principal, in its tenant. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditAction action, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth == null ? "anonymous" : auth.getName();
        events.insert(currentTenant.id(), clock.instant(), actor, action.name(), detail, null);
    }

    /** An event before or outside a sign-in, such as a failed sign-in; the tenant is null when unknown. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(@Nullable Long tenantId, String actor, AuditAction action, String detail,
                       @Nullable String remoteAddr) {
        events.insert(tenantId, clock.instant(), actor, action.name(), detail, remoteAddr);
    }

    /** Failed sign-ins for this user name since the moment (and since its last successful sign-in). */
    @Transactional(readOnly = true)
    public long failedSignInsOf(String username, java.time.Instant since) {
        return events.failedSignInsOf(username, since);
    }

    /** Failed sign-ins from this address since the moment. */
    @Transactional(readOnly = true)
    public long failedSignInsFrom(String remoteAddr, java.time.Instant since) {
        return events.failedSignInsFrom(remoteAddr, since);
    }

    // Role names spelled out: the security package depends on this one, not the other way round.
    @PreAuthorize("hasAnyRole('GLOBAL_ADMIN', 'GLOBAL_READER')")
    public List<AuditEvent> newestFirst(int limit) {
        return events.newestFirst(currentTenant.id(), limit);
    }
}
