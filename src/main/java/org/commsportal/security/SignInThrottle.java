package org.commsportal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.commsportal.audit.AuditLog;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Refuses sign-ins after {@value #MAX_PER_ACCOUNT} failures for one user name or {@value #MAX_PER_ADDRESS} from one
 * address within {@link #WINDOW}, before the password is even checked. The user name is first brought to its one
 * form ({@link UserNames}), so padded or look-alike spellings of a name count towards the same limit; a name no
 * account can have is refused like a wrong password without a look-up. Failures are counted from the audit trail,
 * so the limit holds across portal nodes and restarts, plus those whose audit entry could not be written
 * ({@link UnauditedFailures}); a successful sign-in clears the user name's count. A correct password of an account
 * whose tenant signs in with single sign-on only, and that is not one of its named exceptions, is refused too.
 */
class SignInThrottle implements AuthenticationProvider {

    static final int MAX_PER_ACCOUNT = 5;
    static final int MAX_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final AuthenticationProvider passwordCheck;
    private final AuditLog auditLog;
    private final Clock clock;
    private final UnauditedFailures unaudited;
    private final VerifiedCredentials verified;
    private final SsoProviderRepository ssoProviders;

    SignInThrottle(
            AuthenticationProvider passwordCheck,
            AuditLog auditLog,
            UnauditedFailures unaudited,
            VerifiedCredentials verified,
            SsoProviderRepository ssoProviders,
            Clock clock) {
        this.passwordCheck = passwordCheck;
        this.ssoProviders = ssoProviders;
        this.auditLog = auditLog;
        this.unaudited = unaudited;
        this.verified = verified;
        this.clock = clock;
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        String name = UserNames.key(authentication.getName());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress()
                : null;
        Instant since = clock.instant().minus(WINDOW);
        if (unaudited.of(name) + auditLog.failedSignInsOf(name, since) >= MAX_PER_ACCOUNT) {
            throw new LockedException("Too many failed sign-ins for this user name. Wait " + WINDOW.toMinutes()
                    + " minutes and try again, or ask an administrator to reset the password.");
        }
        if (address != null
                && unaudited.from(address) + auditLog.failedSignInsFrom(address, since) >= MAX_PER_ADDRESS) {
            throw new LockedException("Too many failed sign-ins from your network address. Wait " + WINDOW.toMinutes()
                    + " minutes and try again.");
        }
        String normalized = UserNames.normalize(authentication.getName());
        if (!UserNames.possible(normalized)) {
            throw new BadCredentialsException("Bad credentials");
        }
        String password = String.valueOf(authentication.getCredentials());
        var recalled = verified.recall(normalized, password);
        if (recalled.isPresent()) { // checked with bcrypt recently, account unchanged since
            PortalUser user = recalled.get();
            refuseIfSsoOnly(user);
            user.eraseCredentials();
            var signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
            signedIn.setDetails(authentication.getDetails());
            unaudited.signedIn(name);
            return signedIn;
        }
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(normalized, authentication.getCredentials());
        attempt.setDetails(authentication.getDetails());
        Authentication signedIn = passwordCheck.authenticate(attempt);
        if (signedIn != null && signedIn.getPrincipal() instanceof PortalUser user) {
            refuseIfSsoOnly(user);
            verified.remember(normalized, password, user.getPassword());
        }
        unaudited.signedIn(name);
        return signedIn;
    }

    /** A tenant that signs in with single sign-on only takes passwords from its named local exceptions alone. */
    private void refuseIfSsoOnly(PortalUser user) {
        var provider = ssoProviders.ssoRequiredFor(user.accountId());
        if (provider.isPresent()) {
            throw new SsoOnlySignIn(provider.get());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
