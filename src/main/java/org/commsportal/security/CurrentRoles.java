package org.commsportal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session carries the roles its account had at sign-in. Before each request of a signed-in session (static
 * files aside) this reads the account's roles again and, if an administrator changed them, replaces the session's
 * sign-in with one holding the current roles, so that a reduction takes effect at the next request.
 */
final class CurrentRoles extends OncePerRequestFilter {

    private final AccountService accounts;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    CurrentRoles(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getSession(false) == null || request.getRequestURI().contains("/VAADIN/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.getPrincipal() instanceof PortalUser user) {
            accounts.current(user.getUsername())
                    .filter(now -> !now.roles().equals(user.roles()))
                    .ifPresent(now -> {
                        now.eraseCredentials();
                        var updated =
                                UsernamePasswordAuthenticationToken.authenticated(now, null, now.getAuthorities());
                        updated.setDetails(signedIn.getDetails());
                        SecurityContext context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(updated);
                        SecurityContextHolder.setContext(context);
                        sessions.saveContext(context, request, response);
                    });
        }
        chain.doFilter(request, response);
    }
}
