package org.commsportal.schedules;

import java.util.Optional;
import java.util.function.Supplier;
import org.commsportal.security.AccountService;
import org.commsportal.security.PortalUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs work signed in as a scheduled report's recipient, with the roles the account has now, so that every service
 * checks and conceals as it would for that account's own page; the previous sign-in is restored afterwards.
 */
@Component
class RecipientSignIn {

    private final AccountService accounts;

    RecipientSignIn(AccountService accounts) {
        this.accounts = accounts;
    }

    /** The recipient as it is now, if it still exists, is enabled and belongs to the tenant. */
    Optional<PortalUser> current(long tenantId, String username) {
        return accounts.current(username).filter(user -> user.tenantId() == tenantId && user.isEnabled());
    }

    <T> T as(PortalUser recipient, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(recipient, null, recipient.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
