package org.commsportal.security;

import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import java.time.Clock;
import org.commsportal.audit.AuditLog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
// Services are checked with @PreAuthorize. Views' @RolesAllowed is checked by Vaadin's navigation access control, not
// here: JSR-250 method security would wrap every view and layout instance in a proxy (docs/load-test.md)
@EnableMethodSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfiguration {

    static final String REALM = "Comms Usage Portal";
    /** Route of the login view in {@code security.ui}; a path keeps that view package-private. */
    public static final String LOGIN_PATH = "login";

    /**
     * Programmatic access (reporting web service, Graph-style API, ingestion): stateless, and an unauthenticated
     * call gets 401 with WWW-Authenticate, never a redirect to the login page.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiTokens tokens) throws Exception {
        var entryPoint = ApiErrorResponses.unauthenticated(REALM);
        // Created here, not as a bean: Spring Boot would register a Filter bean for every request
        var bearerTokens = new BearerTokenFilter(tokens, entryPoint);
        return http.securityMatcher("/ecp/**", "/v1.0/**", "/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .addFilterBefore(bearerTokens, BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // no cookies, so no cross-site request to forge
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(ApiErrorResponses.forbidden()))
                .build();
    }

    /**
     * What the browser may load and run. Vaadin Flow's client and Highcharts inject inline scripts and styles and
     * evaluate server-sent JavaScript, hence the two 'unsafe-' sources; everything else is limited to this origin,
     * and no other site may frame the portal.
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /** The browser UI: Vaadin views, each annotated with the roles that may open it; anything else is denied. */
    @Bean
    @Order(2)
    SecurityFilterChain vaadinSecurityFilterChain(
            HttpSecurity http,
            AccountService accounts,
            SsoClientRegistrations ssoRegistrations,
            SsoSignIn ssoSignIn,
            SsoSignInHandlers sso)
            throws Exception {
        http.headers(headers -> headers.contentTypeOptions(options -> {})
                .referrerPolicy(referrer -> referrer.policy(
                        org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy
                                .STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(frame -> frame.deny())
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
        // Error dispatches (e.g. a 404 of the API chain) render Spring Boot's error body, not a login redirect.
        http.authorizeHttpRequests(
                requests -> requests.requestMatchers("/error").permitAll());
        http.addFilterBefore(new SameOriginSignIn("/" + LOGIN_PATH), UsernamePasswordAuthenticationFilter.class);
        http.addFilterBefore(new CurrentRoles(accounts), AuthorizationFilter.class);
        // Single sign-on with each tenant's OpenID Connect provider (docs/operations.md): the sign-in page stays ours
        http.oauth2Login(login -> login.loginPage("/" + LOGIN_PATH)
                .clientRegistrationRepository(ssoRegistrations)
                .authorizedClientRepository(new NoAuthorizedClients())
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(ssoSignIn))
                .successHandler(sso.success())
                .failureHandler(sso.failure()));
        http.addFilterBefore(sso.startCheck(), OAuth2AuthorizationRequestRedirectFilter.class);
        return http.with(
                        VaadinSecurityConfigurer.vaadin(),
                        vaadin -> vaadin.loginView("/" + LOGIN_PATH, "/" + LOGIN_PATH + "?logout")
                                .addLogoutHandler(sso.rememberProvider())
                                .logoutSuccessHandler(sso.signedOut(LOGIN_PATH)))
                .build();
    }

    /** The one way in for passwords, browser and API alike: throttled, then checked against the bcrypt hash. */
    @Bean
    AuthenticationProvider signInThrottle(
            AccountService accounts,
            PasswordEncoder passwordEncoder,
            AuditLog auditLog,
            UnauditedFailures unaudited,
            VerifiedCredentials verified,
            SsoProviderRepository ssoProviders,
            Clock clock) {
        var passwordCheck = new DaoAuthenticationProvider(accounts);
        passwordCheck.setPasswordEncoder(passwordEncoder);
        return new SignInThrottle(passwordCheck, auditLog, unaudited, verified, ssoProviders, clock);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * No observation around each security filter: wrapping every filter of every request in one cost about a tenth
     * of the portal's CPU under load (docs/load-test.md), and nothing reads them; requests are still timed as
     * {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
