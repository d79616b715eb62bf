package org.commsportal.security;

import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Audits sign-ins, failed sign-ins and sign-outs (docs/privacy-and-roles.md). The actor is the user name in its one form
 * ({@link UserNames#key}) for failures. A failure that cannot be audited is logged and does not change the answer:
 * a wrong password stays a refused sign-in, and {@link UnauditedFailures} keeps it for the throttle's count.
 */
@Component
class SignInAuditListener {

    private static final Logger log = LoggerFactory.getLogger(SignInAuditListener.class);

    private final AuditLog auditLog;
    private final AccountRepository accounts;
    private final UnauditedFailures unaudited;

    SignInAuditListener(AuditLog auditLog, AccountRepository accounts, UnauditedFailures unaudited) {
        this.auditLog = auditLog;
        this.accounts = accounts;
        this.unaudited = unaudited;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        if (authentication.getPrincipal() instanceof SsoUser sso) {
            auditLog.record(
                    sso.tenantId(),
                    sso.getName(),
                    AuditAction.SSO_SIGN_IN,
                    "signed in with " + sso.providerName() + " (subject " + sso.getSubject() + "), roles "
                            + sso.account().roles().stream()
                                    .sorted()
                                    .map(Role::title)
                                    .toList(),
                    remoteAddress(authentication));
            return;
        }
        record(authentication, authentication.getName(), AuditAction.SIGN_IN, "signed in");
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        if (event.getAuthentication() instanceof OAuth2LoginAuthenticationToken) {
            return; // single sign-on audits its own refusals (SsoSignIn, SsoIdTokenDecoders, SsoSignInHandlers)
        }
        String username = UserNames.key(event.getAuthentication().getName());
        try {
            record(
                    event.getAuthentication(),
                    username,
                    AuditAction.SIGN_IN_FAILED,
                    "sign-in refused: " + event.getException().getClass().getSimpleName());
        } catch (RuntimeException e) {
            unaudited.add(username, remoteAddress(event.getAuthentication()));
            log.error("Could not audit the failed sign-in of user name {}: {}", username, e.toString());
        }
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        record(authentication, authentication.getName(), AuditAction.SIGN_OUT, "signed out");
    }

    private void record(Authentication authentication, String username, AuditAction action, String detail) {
        // The tenant of a known user name; null for names no account has, so no tenant learns of them.
        Long tenantId = authentication.getPrincipal() instanceof PortalUser user
                ? Long.valueOf(user.tenantId())
                : UserNames.possible(username)
                        ? accounts.tenantOfUsername(username).orElse(null)
                        : null;
        auditLog.record(tenantId, username, action, detail, remoteAddress(authentication));
    }

    private static @Nullable String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
    }
}
