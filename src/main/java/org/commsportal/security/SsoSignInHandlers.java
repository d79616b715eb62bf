package org.commsportal.security;

import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The browser's side of single sign-on: what happens after the provider's answer was accepted or refused, before a
 * sign-in starts, and at sign-out (docs/operations.md, "Single sign-on with OpenID Connect").
 */
@Component
class SsoSignInHandlers {

    /** Session attribute: the provider the session signed in with, for the sign-out offer. */
    static final String SIGNED_IN_WITH = SsoSignInHandlers.class.getName() + ".registration";
    /** Session attribute: why the last single sign-on was refused, for the refusal page. */
    static final String REFUSAL = SingleSignOn.REFUSAL;
    /** Request attribute: the provider of a session being signed out. */
    private static final String SIGNING_OUT_OF = SsoSignInHandlers.class.getName() + ".signingOut";

    static final String START_PATH = "/oauth2/authorization/";
    static final String REFUSED_PATH = SingleSignOn.REFUSED_PATH;

    private static final Logger log = LoggerFactory.getLogger(SsoSignInHandlers.class);

    private final SsoClientRegistrations registrations;
    private final AuditLog auditLog;
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SsoSignInHandlers(SsoClientRegistrations registrations, AuditLog auditLog) {
        this.registrations = registrations;
        this.auditLog = auditLog;
    }

    /**
     * After an accepted single sign-on: the session holds the portal account, as after a password sign-in, so every
     * page, role check and tenant scope works the same; then on to the page first asked for, or home.
     */
    AuthenticationSuccessHandler success() {
        var onward = new SavedRequestAwareAuthenticationSuccessHandler();
        onward.setDefaultTargetUrl("/");
        return (request, response, authentication) -> {
            if (authentication.getPrincipal() instanceof SsoUser sso) {
                PortalUser account = sso.account();
                var signedIn =
                        UsernamePasswordAuthenticationToken.authenticated(account, null, account.getAuthorities());
                signedIn.setDetails(authentication.getDetails());
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(signedIn);
                SecurityContextHolder.setContext(context);
                sessions.saveContext(context, request, response);
                request.getSession().setAttribute(SIGNED_IN_WITH, sso.registrationId());
            }
            onward.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** After a refused single sign-on: the refusal page says why. */
    AuthenticationFailureHandler failure() {
        return (request, response, exception) -> {
            String explanation = explain(exception);
            if (!(exception instanceof SsoRefused) && !isRefusedToken(exception)) {
                // Not yet audited: the answer never reached a provider's checks (state, provider error, network)
                try {
                    auditLog.record(
                            null,
                            SsoSignIn.ACTOR,
                            AuditAction.SSO_SIGN_IN_REFUSED,
                            "single sign-on failed: " + shorten(exception.getMessage()),
                            request.getRemoteAddr());
                } catch (RuntimeException e) {
                    log.error("Could not audit a failed single sign-on: {}", e.toString());
                }
            }
            refuse(request, response, explanation);
        };
    }

    /**
     * Before a sign-in starts at {@code /oauth2/authorization/<provider>}: a provider that is unknown, turned off or
     * unreachable gets the refusal page with the reason, instead of Spring Security's bare error.
     */
    OncePerRequestFilter startCheck() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !request.getRequestURI().startsWith(request.getContextPath() + START_PATH);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String id = request.getRequestURI()
                        .substring(request.getContextPath().length() + START_PATH.length());
                var resolution = registrations.resolve(id);
                if (resolution.registration() == null) {
                    refuse(request, response, String.valueOf(resolution.problem()));
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** At sign-out, before the session ends: notes the provider the session signed in with. */
    LogoutHandler rememberProvider() {
        return (request, response, authentication) -> {
            var session = request.getSession(false);
            if (session != null && session.getAttribute(SIGNED_IN_WITH) instanceof String registrationId) {
                request.setAttribute(SIGNING_OUT_OF, registrationId);
            }
        };
    }

    /**
     * After sign-out: the sign-in page, which offers the provider's end-session endpoint when the session had signed
     * in with one ({@code ?logout&sso=<provider>}).
     */
    SimpleUrlLogoutSuccessHandler signedOut(String loginPath) {
        var handler = new SimpleUrlLogoutSuccessHandler() {
            @Override
            protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response) {
                return request.getAttribute(SIGNING_OUT_OF) instanceof String registrationId
                        ? "/" + loginPath + "?logout&sso=" + registrationId
                        : "/" + loginPath + "?logout";
            }
        };
        // Sign-out runs inside a Vaadin request: the redirect becomes the browser's next location
        handler.setRedirectStrategy(new UidlRedirectStrategy());
        return handler;
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String explanation)
            throws IOException {
        request.getSession().setAttribute(REFUSAL, explanation);
        response.sendRedirect(request.getContextPath() + "/" + REFUSED_PATH);
    }

    private static boolean isRefusedToken(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException oauth
                && "invalid_id_token".equals(oauth.getError().getErrorCode());
    }

    private static String explain(AuthenticationException exception) {
        if (exception instanceof SsoRefused refused) {
            return refused.explanation();
        }
        if (isRefusedToken(exception)) {
            return "The identity provider's answer did not pass the portal's checks (its issuer, audience, signature "
                    + "or lifetime), so the portal refused it.";
        }
        if (exception instanceof OAuth2AuthenticationException oauth
                && OAuth2ErrorCodes.ACCESS_DENIED.equals(oauth.getError().getErrorCode())) {
            return "The identity provider did not let you in, or you cancelled the sign-in there.";
        }
        return "Single sign-on did not complete. Start again from the sign-in page.";
    }

    private static String shorten(@org.jspecify.annotations.Nullable String text) {
        String value = String.valueOf(text);
        return value.length() > 500 ? value.substring(0, 500) + "…" : value;
    }
}
