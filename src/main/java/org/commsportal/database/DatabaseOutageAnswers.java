package org.commsportal.database;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that fails because the database cannot be reached gets 503 with {@code Retry-After}: JSON for API
 * clients, a short page for browsers (docs/operations.md, "Database outages"). Nothing else changes: once the
 * database is back, the next request works, without a restart.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseOutageAnswers {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageAnswers.class);

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> databaseOutage() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (IOException | ServletException | RuntimeException failure) {
                    if (!DatabaseOutage.causedBy(failure) || response.isCommitted()) {
                        throw failure;
                    }
                    log.warn(
                            "The database is unreachable: {} {} answered 503 ({})",
                            request.getMethod(),
                            request.getRequestURI(),
                            failure.toString());
                    answer(request, response);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setName("databaseOutage");
        return registration;
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", DatabaseOutage.RETRY_AFTER_SECONDS);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            response.setContentType("text/html");
            response.getWriter().write("""
                    <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Comms Usage Portal</title></head>
                    <body><h1>The portal cannot reach its database</h1>
                    <p>Nothing was changed. Try again in a minute; the portal recovers on its own when the database
                    is back.</p></body></html>
                    """);
        } else {
            response.setContentType("application/json");
            response.getWriter()
                    .write("{\"error\":{\"code\":\"databaseUnavailable\",\"message\":\"The portal cannot "
                            + "reach its database; nothing was changed. Try again in "
                            + DatabaseOutage.RETRY_AFTER_SECONDS
                            + " seconds.\"}}");
        }
    }
}
