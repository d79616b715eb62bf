package org.commsportal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in form posted from another site (login CSRF: a page elsewhere signing the victim's browser in to
 * the attacker's account). Vaadin's login form cannot send Spring's CSRF token, so the browser's own statement of
 * where the form came from decides: {@code Sec-Fetch-Site} when the browser sends it, else {@code Origin}, else
 * {@code Referer}, compared with the request's {@code Host}. A request with none of them is no browser's cross-site
 * form and passes (docs/operations.md, "HTTPS behind a reverse proxy").
 */
final class SameOriginSignIn extends OncePerRequestFilter {

    private final String loginPath;

    SameOriginSignIn(String loginPath) {
        this.loginPath = loginPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + loginPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (sameOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("Sign-in refused: the sign-in form was not sent from this portal's own page.\n");
    }

    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return sameHost(origin, request.getHeader("Host"));
        }
        String referer = request.getHeader("Referer");
        return referer == null || sameHost(referer, request.getHeader("Host"));
    }

    private static boolean sameHost(String url, @Nullable String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getHost() == null) {
                return false; // "null" (a sandboxed or privacy-sensitive context) or no URL at all
            }
            return authority(uri.getHost(), uri.getPort(), uri.getScheme()).equals(authority(host));
        } catch (IllegalArgumentException notAUrl) {
            return false;
        }
    }

    /** host:port of a URL, with the scheme's default port left out. */
    private static String authority(String host, int port, @Nullable String scheme) {
        boolean defaultPort = port == -1
                || port == 80 && "http".equalsIgnoreCase(scheme)
                || port == 443 && "https".equalsIgnoreCase(scheme);
        return host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The Host header as host:port, with a default port (80 or 443) left out. */
    private static String authority(String hostHeader) {
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        return host.endsWith(":80") || host.endsWith(":443") ? host.substring(0, host.lastIndexOf(':')) : host;
    }
}
