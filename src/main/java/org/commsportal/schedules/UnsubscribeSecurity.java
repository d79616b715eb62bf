package org.commsportal.schedules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The unsubscribe link needs no sign-in: its signed token is its authority. Stateless and without a CSRF token, as
 * mail programs' one-click unsubscribe posts from outside the portal; nothing else is reachable through this chain.
 */
@Configuration(proxyBeanMethods = false)
class UnsubscribeSecurity {

    @Bean
    @Order(0)
    SecurityFilterChain unsubscribeSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(UnsubscribeController.PATH)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .build();
    }
}
