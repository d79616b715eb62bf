package org.commsportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.commsportal.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses sign-ins after {@value #MAX_PER_ACCOUNT} failures for one user name or {@value #MAX_PER_ADDRESS} from one
 * address within {@link #WINDOW}, before the password is even checked. Failures are counted from the audit trail,
 * so the limit holds across portal nodes and restarts; a successful sign-in clears the user name's count.
 */
class SignInThrottle implements AuthenticationProvider {

    static final int MAX_PER_ACCOUNT = 5;
    static final int MAX_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final AuthenticationProvider passwordCheck;
    private final AuditLog auditLog;
    private final Clock clock;

    SignInThrottle(AuthenticationProvider passwordCheck, AuditLog auditLog, Clock clock) {
        this.passwordCheck = passwordCheck;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        Instant since = clock.instant().minus(WINDOW);
        if (auditLog.failedSignInsOf(authentication.getName(), since) >= MAX_PER_ACCOUNT) {
            throw new LockedException("Too many failed sign-ins for this user name. Wait "
                    + WINDOW.toMinutes() + " minutes and try again, or ask an administrator to reset the password.");
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        if (address != null && auditLog.failedSignInsFrom(address, since) >= MAX_PER_ADDRESS) {
            throw new LockedException("Too many failed sign-ins from your network address. Wait "
                    + WINDOW.toMinutes() + " minutes and try again.");
        }
        return passwordCheck.authenticate(authentication);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
