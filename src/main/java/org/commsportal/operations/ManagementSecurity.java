package org.commsportal.operations;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Boot runs the portal's security filter on the management server too. Requests that arrive on the
 * management port get this chain instead of the API or browser chains: no sign-in, no session, no CSRF. The port
 * itself is the protection: it listens on loopback unless the operator binds it to a private network, and the
 * public port serves no actuator endpoint at all.
 */
@Configuration(proxyBeanMethods = false)
class ManagementSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain managementSecurityFilterChain(HttpSecurity http, ManagementPort managementPort)
            throws Exception {
        return http.securityMatcher(managementPort::received)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
