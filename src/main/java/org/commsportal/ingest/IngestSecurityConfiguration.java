package org.commsportal.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commsportal.tenant.TenantAuthentication;
import org.commsportal.tenant.TenantPrincipal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The ingestion endpoints' own filter chain, ahead of the other API chain: only an ingestion key signs in here,
 * and an ingestion key signs in nowhere else.
 */
@Configuration(proxyBeanMethods = false)
class IngestSecurityConfiguration {

    static final String INGEST_PATHS = "/api/v1/ingest/**";
    static final String INGEST_AUTHORITY = "INGEST";

    @Bean
    @Order(0)
    SecurityFilterChain ingestSecurityFilterChain(HttpSecurity http, IngestionKeys keys) throws Exception {
        return http.securityMatcher(INGEST_PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(INGEST_AUTHORITY))
                .addFilterBefore(new IngestionKeyFilter(keys), AnonymousAuthenticationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // no cookies, so no cross-site request to forge
                .build();
    }

    /** Who is ingesting: a tenant's key. */
    record IngestionKeyPrincipal(long tenantId) implements TenantPrincipal {}

    private static final class IngestionKeyFilter extends OncePerRequestFilter {

        private final IngestionKeys keys;

        IngestionKeyFilter(IngestionKeys keys) {
            this.keys = keys;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader("Authorization");
            var tenant = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? keys.tenantOf(header.substring(7).strip())
                    : java.util.Optional.<Long>empty();
            if (tenant.isEmpty()) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setHeader("WWW-Authenticate", "Bearer realm=\"Comms Usage Portal ingestion\"");
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter()
                        .write("{\"error\":{\"code\":\"unauthenticated\",\"message\":\"Send a valid "
                                + "ingestion key of your tenant as 'Authorization: Bearer cui_...'.\"}}");
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new TenantAuthentication(
                    new IngestionKeyPrincipal(tenant.get()), List.of(new SimpleGrantedAuthority(INGEST_AUTHORITY))));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            } finally {
                SecurityContextHolder.clearContext();
            }
        }
    }
}
