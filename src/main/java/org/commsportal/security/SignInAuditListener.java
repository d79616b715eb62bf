package org.commsportal.security;

import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Audits sign-ins, failed sign-ins and sign-outs (docs/privacy-and-roles.md). */
@Component
class SignInAuditListener {

    private final AuditLog auditLog;
    private final AccountRepository accounts;

    SignInAuditListener(AuditLog auditLog, AccountRepository accounts) {
        this.auditLog = auditLog;
        this.accounts = accounts;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        record(event.getAuthentication(), AuditAction.SIGN_IN, "signed in");
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        record(event.getAuthentication(), AuditAction.SIGN_IN_FAILED,
                "sign-in refused: " + event.getException().getClass().getSimpleName());
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        record(event.getAuthentication(), AuditAction.SIGN_OUT, "signed out");
    }

    private void record(Authentication authentication, AuditAction action, String detail) {
        String username = authentication.getName();
        // The tenant of a known user name; null for names no account has, so no tenant learns of them.
        Long tenantId = authentication.getPrincipal() instanceof PortalUser user
                ? Long.valueOf(user.tenantId())
                : accounts.tenantOfUsername(username).orElse(null);
        auditLog.record(tenantId, username, action, detail, remoteAddress(authentication));
    }

    private static @Nullable String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
    }
}
