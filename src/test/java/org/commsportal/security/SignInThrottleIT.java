package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.tenant.Tenant;
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

    @LocalServerPort
    int port;

    @Autowired
    TestTenants testTenants;

    @Autowired
    AuthenticationProvider signIn;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.security.crypto.password.PasswordEncoder passwordEncoder;

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
            new java.util.concurrent.atomic.AtomicInteger(2 + (int) (Math.random() * 100));
    private String address;

    @org.junit.jupiter.api.BeforeEach
    void ownLoopbackAddress() {
        address = "127.0.0." + ADDRESSES.getAndIncrement();
    }

    @Test
    void five_wrong_passwords_pause_the_account_even_for_the_right_one_until_the_window_passes() throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("locked"), Role.REPORTS_READER);
        for (int attempt = 0; attempt < SignInThrottle.MAX_PER_ACCOUNT; attempt++) {
            assertThat(login(username, "wrong-password-" + attempt)).endsWith("/login?error");
        }

        assertThat(login(username, TestTenants.PASSWORD)).as("paused").endsWith("/login?error");
        assertThat(basicAuthStatus(username, TestTenants.PASSWORD))
                .as("the API is paused too")
                .isEqualTo(401);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = :u ORDER BY id DESC LIMIT 1")
                        .param("u", username)
                        .query(String.class)
                        .single())
                .contains("LockedException");

        jdbc.sql("UPDATE audit_event SET occurred_at = occurred_at - INTERVAL 16 MINUTE WHERE actor = :u")
                .param("u", username)
                .update();
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
            auditLog.record(
                    null,
                    "guess-" + i,
                    AuditAction.SIGN_IN_FAILED,
                    "sign-in refused: BadCredentialsException",
                    attacker);
        }

        assertThatThrownBy(() -> signIn.authenticate(attempt(username, attacker)))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("network address");
        assertThat(signIn.authenticate(attempt(username, "198.51.100.7")).isAuthenticated())
                .isTrue();
    }

    @Test
    void a_user_name_padded_with_zero_width_spaces_past_128_characters_counts_towards_the_real_accounts_limit()
            throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("padded"), Role.REPORTS_READER);
        String padded = username + "\u200B".repeat(200);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(login(padded, "wrong-password-" + attempt)).endsWith("/login?error");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(basicAuthStatus(padded, "wrong-password-" + attempt)).isEqualTo(401);
        }

        assertThat(failuresAudited(username)).isEqualTo(SignInThrottle.MAX_PER_ACCOUNT);
        assertThat(login(username, TestTenants.PASSWORD)).as("paused").endsWith("/login?error");
        assertThat(basicAuthStatus(padded, TestTenants.PASSWORD)).as("paused").isEqualTo(401);
    }

    @Test
    void nfkc_case_and_space_variants_of_a_user_name_sign_in_as_the_account_and_share_its_count() throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("variant"), Role.REPORTS_READER);
        String fullWidth = username.chars()
                .mapToObj(c -> c >= '!' && c <= '~' ? Character.toString(c - '!' + '\uFF01') : Character.toString(c))
                .reduce("", String::concat);
        String upperCase = " " + username.toUpperCase(java.util.Locale.ROOT) + "\u00A0\t";

        assertThat(login(fullWidth, TestTenants.PASSWORD))
                .as("full-width letters")
                .doesNotContain("error");
        assertThat(login(upperCase, TestTenants.PASSWORD))
                .as("upper case, spaces")
                .doesNotContain("error");
        assertThat(basicAuthStatus("\u2060" + upperCase, TestTenants.PASSWORD))
                .as("word joiner")
                .isEqualTo(200);

        for (String variant : java.util.List.of(fullWidth, upperCase, fullWidth, upperCase, "\uFEFF" + username)) {
            assertThat(login(variant, "wrong-password")).endsWith("/login?error");
        }
        assertThat(login(username, TestTenants.PASSWORD)).as("paused").endsWith("/login?error");
    }

    @Test
    void an_over_long_or_impossible_user_name_is_an_ordinary_failure_that_is_audited_and_counted() throws Exception {
        String overLong = "z" + Long.toHexString(System.nanoTime()) + "y".repeat(300);
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(login(overLong, "wrong-password")).endsWith("/login?error");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(basicAuthStatus(overLong, "wrong-password")).isEqualTo(401);
        }
        assertThat(basicAuthStatus("\u00C5sa-" + overLong.substring(0, 20), "wrong-password"))
                .isEqualTo(401);

        String audited = overLong.substring(0, UserNames.MAX_LENGTH);
        assertThat(failuresAudited(audited)).isEqualTo(SignInThrottle.MAX_PER_ACCOUNT);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = :u ORDER BY id DESC LIMIT 1")
                        .param("u", audited)
                        .query(String.class)
                        .single())
                .contains("BadCredentialsException");
        assertThat(login(overLong, "wrong-password")).endsWith("/login?error");
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE actor = :u ORDER BY id DESC LIMIT 1")
                        .param("u", audited)
                        .query(String.class)
                        .single())
                .contains("LockedException");
    }

    @Test
    void failures_are_counted_even_when_the_audit_trail_cannot_be_written() throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("unaudited"), Role.REPORTS_READER);
        jdbc.sql("""
                CREATE TRIGGER audit_event_refused BEFORE INSERT ON audit_event FOR EACH ROW
                BEGIN
                  IF NEW.action = 'SIGN_IN_FAILED' AND NEW.actor LIKE '%unaudited%' THEN
                    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit trail unavailable';
                  END IF;
                END""").update();
        try {
            for (int attempt = 0; attempt < SignInThrottle.MAX_PER_ACCOUNT; attempt++) {
                if (attempt % 2 == 0) {
                    assertThat(login(username, "wrong-password")).endsWith("/login?error");
                } else {
                    assertThat(basicAuthStatus(username, "wrong-password")).isEqualTo(401);
                }
            }
            assertThat(failuresAudited(username)).isZero();

            assertThat(login(username, TestTenants.PASSWORD)).as("paused").endsWith("/login?error");
            assertThat(basicAuthStatus(username, TestTenants.PASSWORD))
                    .as("paused")
                    .isEqualTo(401);
        } finally {
            jdbc.sql("DROP TRIGGER audit_event_refused").update();
        }
    }

    @Test
    void a_rotating_x_forwarded_for_from_an_untrusted_address_does_not_escape_the_address_limit() throws Exception {
        Tenant tenant = testTenants.newTenant("rotating");
        for (int attempt = 0; attempt < SignInThrottle.MAX_PER_ADDRESS; attempt++) {
            assertThat(login(
                            "guess-" + attempt + "@" + tenant.name(),
                            "wrong-password",
                            "X-Forwarded-For: 198.51.100." + (attempt + 1) + "\r\n"))
                    .endsWith("/login?error");
        }
        String username = testTenants.newAccount(tenant, Role.REPORTS_READER);

        assertThat(login(username, TestTenants.PASSWORD, "X-Forwarded-For: 198.51.100.99\r\n"))
                .as("paused for the real address")
                .endsWith("/login?error");
        assertThat(jdbc.sql("SELECT DISTINCT remote_addr FROM audit_event WHERE actor LIKE :a")
                        .param("a", "%@" + tenant.name())
                        .query(String.class)
                        .list())
                .containsExactly(address);
    }

    @Test
    void a_configured_proxy_gives_the_clients_address_from_x_forwarded_for() throws Exception {
        address = "127.0.0.1"; // the proxy the test profile trusts
        String client = "192.0.2." + (int) (Math.random() * 200 + 1);
        String username = "nobody-" + System.nanoTime();

        assertThat(login(username, "wrong-password", "X-Forwarded-For: " + client + "\r\n"))
                .endsWith("/login?error");

        assertThat(jdbc.sql("SELECT remote_addr FROM audit_event WHERE actor = :u")
                        .param("u", username)
                        .query(String.class)
                        .single())
                .isEqualTo(client);
    }

    @Test
    void http_basic_pays_for_bcrypt_once_and_a_role_change_password_reset_or_disable_applies_at_the_next_request()
            throws Exception {
        String username = testTenants.newAccount(testTenants.newTenant("cached"), Role.REPORTS_READER);
        assertThat(basicAuthStatus(username, TestTenants.PASSWORD))
                .as("checked with bcrypt")
                .isEqualTo(200);
        long[] cached = new long[9];
        for (int call = 0; call < cached.length; call++) {
            long started = System.nanoTime();
            assertThat(basicAuthStatus(username, TestTenants.PASSWORD)).isEqualTo(200);
            cached[call] = System.nanoTime() - started;
        }
        String hash = jdbc.sql("SELECT password_hash FROM portal_account WHERE username = :u")
                .param("u", username)
                .query(String.class)
                .single();
        long started = System.nanoTime();
        assertThat(passwordEncoder.matches(TestTenants.PASSWORD, hash)).isTrue();
        long bcrypt = System.nanoTime() - started;
        java.util.Arrays.sort(cached);
        System.out.printf(
                "HTTP Basic: one bcrypt check %d ms, median remembered call (whole request) %d ms%n",
                bcrypt / 1_000_000, cached[cached.length / 2] / 1_000_000);
        assertThat(cached[cached.length / 2]).as("median remembered call, ns").isLessThan(bcrypt);

        jdbc.sql(
                        "UPDATE portal_account_role r JOIN portal_account a ON a.id = r.account_id SET r.role = 'BILLING_ADMIN' "
                                + "WHERE a.username = :u")
                .param("u", username)
                .update();
        assertThat(basicAuthStatus(username, TestTenants.PASSWORD))
                .as("roles reduced")
                .isEqualTo(403);
        jdbc.sql(
                        "UPDATE portal_account_role r JOIN portal_account a ON a.id = r.account_id SET r.role = 'REPORTS_READER' "
                                + "WHERE a.username = :u")
                .param("u", username)
                .update();
        assertThat(basicAuthStatus(username, TestTenants.PASSWORD))
                .as("roles back")
                .isEqualTo(200);

        String other = "another-long-password-42";
        jdbc.sql("UPDATE portal_account SET password_hash = :h WHERE username = :u")
                .param("h", passwordEncoder.encode(other))
                .param("u", username)
                .update();
        assertThat(basicAuthStatus(username, TestTenants.PASSWORD))
                .as("old password after a reset")
                .isEqualTo(401);
        assertThat(basicAuthStatus(username, other)).as("new password").isEqualTo(200);
        jdbc.sql("UPDATE portal_account SET enabled = FALSE WHERE username = :u")
                .param("u", username)
                .update();
        assertThat(basicAuthStatus(username, other)).as("disabled").isEqualTo(401);
    }

    private long failuresAudited(String actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :u AND action = 'SIGN_IN_FAILED'")
                .param("u", actor)
                .query(Long.class)
                .single();
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
        return login(username, password, "");
    }

    private String login(String username, String password, String extraHeaders) throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        RawResponse response = send(
                "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" + extraHeaders, form);
        assertThat(response.status()).isEqualTo(302);
        return response.header("Location");
    }

    /** The status of a Graph-style report call signed in by HTTP Basic (200 for a reports reader). */
    private int basicAuthStatus(String username, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(
                        "GET /v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period=%27D7%27) HTTP/1.1\r\n"
                                + "Authorization: Basic " + basic + "\r\n",
                        "")
                .status();
    }

    record RawResponse(int status, String head) {
        String header(String name) {
            return head.lines()
                    .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * Sends a request from this test's own loopback address (127.0.0.x), so that the per-address count of one test
     * never pauses another test's sign-ins.
     */
    private RawResponse send(String requestLineAndHeaders, String body) throws Exception {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (var socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(address, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            var out = socket.getOutputStream();
            out.write((requestLineAndHeaders + "Host: localhost:" + port + "\r\nConnection: close\r\n"
                            + "Content-Length: " + content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), head);
        }
    }
}
