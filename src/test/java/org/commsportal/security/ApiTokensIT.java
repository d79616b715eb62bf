package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Personal API tokens: shown once, stored hashed, usable as Bearer credentials until they expire or are revoked. */
@PortalIntegrationTest
class ApiTokensIT {

    /** An API path that needs authentication; no report answers it yet, so an accepted token gets 404, not 401. */
    private static final String API_PATH = "/api/v1/token-check";

    @LocalServerPort
    int port;

    @Autowired
    ApiTokens tokens;

    @Autowired
    AccountService accounts;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_created_token_signs_api_calls_in_as_its_account_and_only_its_hash_is_stored() throws Exception {
        Tenant tenant = testTenants.newTenant("token");
        testTenants.signInAs(tenant, Role.REPORTS_READER);

        CreatedApiToken created = tokens.create("Power BI refresh", 30);

        assertThat(created.token()).startsWith("cup_").hasSizeGreaterThan(40);
        assertThat(created.summary().prefix()).isEqualTo(created.token().substring(0, 12));
        assertThat(tokens.mine()).extracting(ApiTokenSummary::name).containsExactly("Power BI refresh");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :t OR token_prefix = :t")
                        .param("t", created.token())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(call(created.token()).statusCode()).isEqualTo(404);
        assertThat(tokens.mine().get(0).lastUsedAt()).isNotNull();
        assertThat(call("cup_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        // The reporting web service takes the same tokens
        assertThat(call(created.token(), "/ecp/reportingwebservice/reporting.svc/")
                        .statusCode())
                .isEqualTo(200);
        assertThat(call("cup_" + "A".repeat(43), "/ecp/reportingwebservice/reporting.svc/")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void a_revoked_token_an_expired_token_and_a_disabled_accounts_token_get_401() throws Exception {
        Tenant tenant = testTenants.newTenant("revoke");
        String owner = testTenants.newAccount(tenant, Role.SFB_ADMIN);
        testTenants.signIn(owner);
        CreatedApiToken revoked = tokens.create("revoked", 30);
        CreatedApiToken expired = tokens.create("expired", 30);
        CreatedApiToken ofDisabled = tokens.create("disabled owner", 30);

        tokens.revoke(revoked.summary().id());
        jdbc.sql("UPDATE api_token SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE id = :id")
                .param("id", expired.summary().id())
                .update();

        HttpResponse<String> response = call(revoked.token());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("unknown, expired or revoked");
        assertThat(call(expired.token()).statusCode()).isEqualTo(401);
        assertThat(call(ofDisabled.token()).statusCode()).isEqualTo(404);

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        accounts.setEnabled(((PortalUser) accounts.loadUserByUsername(owner)).accountId(), false);
        assertThat(call(ofDisabled.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void nobody_revokes_or_lists_another_accounts_tokens() {
        Tenant tenant = testTenants.newTenant("mine");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        CreatedApiToken theirs = tokens.create("theirs", 7);

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        assertThat(tokens.mine()).isEmpty();
        assertThatThrownBy(() -> tokens.revoke(theirs.summary().id()))
                .isInstanceOf(AccountProblem.class)
                .hasMessage("You have no token " + theirs.summary().id() + ".");
        assertThat(jdbc.sql("SELECT revoked_at IS NULL FROM api_token WHERE id = :id")
                        .param("id", theirs.summary().id())
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void a_token_needs_a_name_and_a_validity_of_one_day_to_a_year() {
        testTenants.signInAs(testTenants.newTenant("limits"), Role.GLOBAL_ADMIN);

        assertThatThrownBy(() -> tokens.create(" ", 30)).hasMessageContaining("name");
        assertThatThrownBy(() -> tokens.create("x", 0)).hasMessageContaining("1 to 366 days");
        assertThatThrownBy(() -> tokens.create("x", 367)).hasMessageContaining("1 to 366 days");
        assertThat(tokens.mine()).isEmpty();
    }

    @Test
    void a_token_s_last_use_is_written_once_a_minute_not_on_every_call() throws Exception {
        Tenant tenant = testTenants.newTenant("token-used");
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        CreatedApiToken created = tokens.create("every minute", 30);
        long id = created.summary().id();

        assertThat(call(created.token()).statusCode()).isEqualTo(404);
        jdbc.sql("UPDATE api_token SET last_used_at = UTC_TIMESTAMP() - INTERVAL 2 MINUTE WHERE id = :id")
                .param("id", id)
                .update();
        java.time.Instant stale = lastUsed(id);

        assertThat(call(created.token()).statusCode()).isEqualTo(404);
        java.time.Instant written = lastUsed(id);
        assertThat(written).isAfter(stale.plusSeconds(60));

        assertThat(call(created.token()).statusCode()).isEqualTo(404);
        assertThat(call(created.token()).statusCode()).isEqualTo(404);
        assertThat(lastUsed(id)).isEqualTo(written);
    }

    private java.time.Instant lastUsed(long tokenId) {
        return tokens.mine().stream()
                .filter(token -> token.id() == tokenId)
                .findFirst()
                .orElseThrow()
                .lastUsedAt();
    }

    private HttpResponse<String> call(String token) throws Exception {
        return call(token, API_PATH);
    }

    private HttpResponse<String> call(String token, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
