package org.commsportal.tenant;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The tenant every query is scoped to: the tenant of the authenticated principal. Repositories call
 * {@link #id()} themselves, so a service cannot hand them another tenant's id by mistake.
 */
@Component
public class CurrentTenant {

    /** The signed-in tenant's id; access is denied when nobody tenant-bound is signed in. */
    public long id() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof TenantPrincipal principal) {
            return principal.tenantId();
        }
        throw new AccessDeniedException("No tenant is signed in");
    }

    /**
     * Runs a background job (demo data, command-line import) as the given tenant, with no roles, and
     * restores the previous security context afterwards.
     */
    public <T> T runAs(long tenantId, Supplier<T> job) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new TenantAuthentication(new SystemJob(tenantId), List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return job.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public void runAs(long tenantId, Runnable job) {
        runAs(tenantId, () -> {
            job.run();
            return null;
        });
    }

    record SystemJob(long tenantId) implements TenantPrincipal {}
}
