package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Brute-force protection: failures counted from the audit trail pause further sign-ins for a while. */
@PortalIntegrationTest
class SignInThrottleIT {

    @LocalServerPort int port;
    @Autowired TestTenants testTenants;
    @Autowired AuthenticationProvider signIn;
    @Autowired AuditLog auditLog;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void five_wrong_passwords_pause_the_account_even_for_the_right_one_until_the_window_passes() throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("locked"), Role.REPORTS_READER);
        for (int attempt = 0; attempt < SignInThrottle.MAX_PER_ACCOUNT; attempt++) {
            assertThat(login(username, "wrong-password-" + attempt)).endsWith("/login?error");
        }

        assertThat(login(username, TestTenants.PASSWORD)).as("paused").endsWith("/login?error");
        assertThat(basicAuthStatus(username, TestTenants.PASSWORD)).as("the API is paused too").isEqualTo(401);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = :u ORDER BY id DESC LIMIT 1")
                .param("u", username).query(String.class).single()).contains("LockedException");

        jdbc.sql("UPDATE audit_event SET occurred_at = occurred_at - INTERVAL 16 MINUTE WHERE actor = :u")
                .param("u", username).update();
        assertThat(login(username, TestTenants.PASSWORD)).as("after the window").doesNotContain("error");
    }

    @Test
    void a_successful_sign_in_clears_the_account_count() throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("cleared"), Role.REPORTS_READER);
        for (int attempt = 0; attempt < SignInThrottle.MAX_PER_ACCOUNT - 1; attempt++) {
            login(username, "wrong-password");
        }
        assertThat(login(username, TestTenants.PASSWORD)).doesNotContain("error");
        for (int attempt = 0; attempt < SignInThrottle.MAX_PER_ACCOUNT - 1; attempt++) {
            login(username, "wrong-password");
        }
        assertThat(login(username, TestTenants.PASSWORD)).doesNotContain("error");
    }

    @Test
    void twenty_failures_from_one_address_pause_every_account_from_that_address() {
        String username = testTenants.newAccount(testTenants.newTenant("address"), Role.REPORTS_READER);
        String attacker = "203.0.113." + (int) (Math.random() * 200 + 1);
        for (int i = 0; i < SignInThrottle.MAX_PER_ADDRESS; i++) {
            auditLog.record(null, "guess-" + i, AuditAction.SIGN_IN_FAILED, "sign-in refused: BadCredentialsException", attacker);
        }

        assertThatThrownBy(() -> signIn.authenticate(attempt(username, attacker)))
                .isInstanceOf(LockedException.class).hasMessageContaining("network address");
        assertThat(signIn.authenticate(attempt(username, "198.51.100.7")).isAuthenticated()).isTrue();
    }

    private static UsernamePasswordAuthenticationToken attempt(String username, String address) {
        var token = UsernamePasswordAuthenticationToken.unauthenticated(username, TestTenants.PASSWORD);
        var request = new MockHttpServletRequest();
        request.setRemoteAddr(address);
        token.setDetails(new WebAuthenticationDetails(request));
        return token;
    }

    /** Posts the login form; returns where the portal redirects. */
    private String login(String username, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private int basicAuthStatus(String username, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/sessions"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
