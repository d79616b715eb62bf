package org.commsportal.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers the portal gives before any of its own code runs: OPTIONS and TRACE get 405 (the portal needs neither, and
 * serves no cross-origin callers), and Tomcat's own errors are JSON ({@link JsonErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
class WebHardening {

    static final String ALLOWED_METHODS = "GET, HEAD, POST";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> refuseOptionsAndTrace() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!"OPTIONS".equals(request.getMethod()) && !"TRACE".equals(request.getMethod())) {
                    chain.doFilter(request, response);
                    return;
                }
                response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                response.setHeader("Allow", ALLOWED_METHODS);
                response.setContentType("application/json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter()
                        .write("{\"error\":{\"code\":\"methodNotAllowed\",\"message\":\"" + request.getMethod()
                                + " is not supported; use " + ALLOWED_METHODS + ".\"}}");
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setName("refuseOptionsAndTrace");
        return registration;
    }

    /**
     * After Spring Boot's own customizer, which adds Tomcat's HTML error report valve to the host: that valve gives
     * way to the JSON one.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                // TRACE reaches the filter above, which answers 405 (Tomcat's own refusal is a bare 400)
                factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                        host.getPipeline().addValve(new JsonErrorReportValve());
                    }
                });
            }
        };
    }
}
