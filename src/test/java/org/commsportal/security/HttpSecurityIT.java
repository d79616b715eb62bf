package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The two filter chains over real HTTP. */
@PortalIntegrationTest
class HttpSecurityIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/ingest/sessions",
                "/ecp/reportingwebservice/reporting.svc/CsActiveUserDaily",
                "/v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period='D7')"
            })
    void api_calls_without_credentials_get_401_with_a_challenge_never_a_login_redirect(String path) throws Exception {
        HttpResponse<String> response = get(path, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        // Ingestion takes only ingestion keys (Bearer); the other APIs take accounts (Basic) or API tokens
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValue(
                        path.startsWith("/api/v1/ingest/")
                                ? "Bearer realm=\"Comms Usage Portal ingestion\""
                                : "Basic realm=\"Comms Usage Portal\"");
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("\"code\":\"unauthenticated\"");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void api_calls_with_a_wrong_password_get_401() throws Exception {
        String basic =
                Base64.getEncoder().encodeToString("global.admin:wrong-password".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                get("/ecp/reportingwebservice/reporting.svc/", Map.of("Authorization", "Basic " + basic));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void pages_redirect_an_anonymous_browser_to_the_login_view() throws Exception {
        HttpResponse<String> response = get("/usage/peer-to-peer-activity", Map.of());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void the_login_page_carries_security_headers() throws Exception {
        HttpResponse<String> response = get("/login", Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    }

    @Test
    void pages_carry_a_content_security_policy_that_forbids_framing_and_foreign_sources() throws Exception {
        HttpResponse<String> response = get("/login", Map.of());

        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains(
                                "default-src 'self'",
                                "frame-ancestors 'none'",
                                "object-src 'none'",
                                "form-action 'self'"));
    }

    @Test
    void signing_in_issues_a_new_session_id() throws Exception {
        HttpResponse<String> loginPage = get("/login", Map.of());
        String before = sessionCookie(loginPage);
        assertThat(before).isNotEmpty();

        HttpResponse<String> signedIn = postLogin("usage.reader", "portal-demo-2026", Map.of("Cookie", before));

        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(sessionCookie(signedIn)).isNotEmpty().isNotEqualTo(before);
    }

    @Test
    void behind_a_tls_proxy_the_session_cookie_is_secure_http_only_and_same_site() throws Exception {
        HttpResponse<String> response = get("/login", Map.of("X-Forwarded-Proto", "https"));

        assertThat(response.headers().allValues("Set-Cookie"))
                .filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement()
                .asString()
                .contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(get("/login", Map.of()).headers().allValues("Set-Cookie"))
                .filteredOn(c -> c.startsWith("JSESSIONID="))
                .singleElement()
                .asString()
                .doesNotContain("Secure");
    }

    @Test
    void a_disabled_account_cannot_sign_in() throws Exception {
        jdbc.sql("UPDATE portal_account SET enabled = FALSE WHERE username = 'password.admin'")
                .update();
        try {
            HttpResponse<String> response = postLogin("password.admin", "portal-demo-2026");

            assertThat(response.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        } finally {
            jdbc.sql("UPDATE portal_account SET enabled = TRUE WHERE username = 'password.admin'")
                    .update();
        }
    }

    @Test
    void a_wrong_password_shows_the_login_error_and_is_audited_in_the_accounts_tenant() throws Exception {
        HttpResponse<String> response = postLogin("reports.reader", "not-the-password");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(auditActions("reports.reader")).contains("SIGN_IN_FAILED");
        assertThat(jdbc.sql("""
                SELECT t.name FROM audit_event e JOIN tenant t ON t.id = e.tenant_id
                WHERE e.actor = 'reports.reader' AND e.action = 'SIGN_IN_FAILED' LIMIT 1
                """).query(String.class).single()).isEqualTo("contoso.example");
    }

    @Test
    void a_sign_in_with_an_unknown_name_is_audited_without_a_tenant() throws Exception {
        postLogin("nobody-at-all", "whatever-password");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = 'nobody-at-all' AND tenant_id IS NULL "
                                + "AND action = 'SIGN_IN_FAILED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_correct_password_signs_in_and_is_audited() throws Exception {
        HttpResponse<String> response = postLogin("sfb.admin", "portal-demo-2026");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        assertThat(auditActions("sfb.admin")).contains("SIGN_IN");
    }

    @Test
    void a_sign_in_form_posted_from_another_site_is_refused_and_one_from_the_portals_page_is_accepted()
            throws Exception {
        for (Map<String, String> crossSite : List.of(
                Map.of("Origin", "https://attacker.example"),
                Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://attacker.example"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "null"),
                Map.of("Referer", "https://attacker.example/login.html"))) {
            HttpResponse<String> refused = postLogin("usage.reader", "portal-demo-2026", crossSite);

            assertThat(refused.statusCode()).as(crossSite.toString()).isEqualTo(403);
            assertThat(sessionCookie(refused)).as(crossSite.toString()).isEmpty();
        }
        String portal = "http://localhost:" + port;
        for (Map<String, String> sameOrigin : List.of(
                Map.of("Origin", portal),
                Map.of("Sec-Fetch-Site", "same-origin", "Origin", portal),
                Map.of("Referer", portal + "/login"))) {
            HttpResponse<String> signedIn = postLogin("usage.reader", "portal-demo-2026", sameOrigin);

            assertThat(signedIn.statusCode()).as(sameOrigin.toString()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/login",
                "/",
                "/api/v1/ingest/sessions",
                "/v1.0/reports/getSkypeForBusinessPeerToPeerActivityCounts(period='D7')",
                "/ecp/reportingwebservice/reporting.svc"
            })
    void options_and_trace_get_405_with_a_json_error(String path) throws Exception {
        String target = path.replace("'", "%27");
        HttpResponse<String> options = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + target))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // TRACE as a client sends it, without a body or Content-Length
        String trace =
                raw("TRACE " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n");

        assertThat(options.statusCode()).as("OPTIONS " + path).isEqualTo(405);
        assertThat(options.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        assertThat(options.headers().firstValue("Content-Type"))
                .as("OPTIONS " + path)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(options.body()).as("OPTIONS " + path).contains("\"methodNotAllowed\"");
        assertThat(trace)
                .as("TRACE " + path)
                .startsWith("HTTP/1.1 405")
                .containsIgnoringCase("Content-Type: application/json")
                .contains("\"methodNotAllowed\"")
                .doesNotContain("<html");
    }

    /** Sends a request as it is written and returns the whole response. */
    private String raw(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void headers_over_8_kb_get_a_json_error_instead_of_tomcats_page() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/sessions"))
                        .header("X-Padding", "x".repeat(9_000))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"badRequest\"").doesNotContain("<html");
    }

    private List<String> auditActions(String actor) {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = :actor")
                .param("actor", actor)
                .query(String.class)
                .list();
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postLogin(String username, String password) throws Exception {
        return postLogin(username, password, Map.of());
    }

    private HttpResponse<String> postLogin(String username, String password, Map<String, String> headers)
            throws Exception {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The "JSESSIONID=..." pair a response sets, or "" if it sets none. */
    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.split(";", 2)[0])
                .findFirst()
                .orElse("");
    }
}
