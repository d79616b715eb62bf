package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.security.ApiTokens;
import org.commsportal.security.CreatedApiToken;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may read the reporting web service (every role, not an account without one), as which tenant, with which
 * credentials, without a session, and the audit trail of what they read.
 */
@PortalIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RwsAccessIT {

    private static final String DAILY = RwsHttp.ROOT + "/CsActiveUserDaily";

    @LocalServerPort
    int port;

    @Autowired
    TestTenants testTenants;

    @Autowired
    ActiveUsersService activeUsers;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JdbcClient jdbc;

    private RwsHttp http;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void client() {
        http = new RwsHttp(port);
    }

    @Test
    void a_wrong_password_or_no_credentials_get_401() throws Exception {
        assertThat(http.get(DAILY, "", "global.admin", "not-the-password", Map.of())
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> anonymous = http.send("GET", DAILY, "", null, Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    }

    @Test
    void an_account_without_roles_gets_an_odata_403_everywhere_and_is_not_audited(CapturedOutput output)
            throws Exception {
        Tenant tenant = testTenants.newTenant("rws-no-role");
        String account = testTenants.newAccount(tenant, Role.REPORTS_READER);
        jdbc.sql(
                        "DELETE FROM portal_account_role WHERE account_id = (SELECT id FROM portal_account WHERE username = :u)")
                .param("u", account)
                .update();
        int logged = output.getAll().length();

        for (String resource : List.of("/CsActiveUserDaily", "/CsActiveUserYearly", "/", "/$metadata")) {
            HttpResponse<String> response =
                    http.get(RwsHttp.ROOT + resource, "", account, TestTenants.PASSWORD, Map.of());
            assertThat(response.statusCode()).as(resource).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml;charset=utf-8");
            var error = RwsMalformedRequestIT.xmlError(response.body());
            assertThat(error.getTextContent()).contains("Forbidden", "roles do not allow the reporting web service");
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        HttpResponse<String> asJson = http.get(DAILY, "$format=json", account, TestTenants.PASSWORD, Map.of());
        assertThat(asJson.statusCode()).isEqualTo(403);
        assertThat(json.readTree(asJson.body()).get("error").get("code").asText())
                .isEqualTo("Forbidden");
        assertThat(audited(account)).isEmpty();
        assertThat(output.getAll().substring(logged)).doesNotContain(" ERROR ");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void every_role_reads_its_own_tenants_report(Role role) throws Exception {
        Tenant tenant = testTenants.newTenant(
                "rws-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        String account = testTenants.newAccount(tenant, role);
        testTenants.signIn(account);
        ActiveUserReport report = activeUsers.report(ActiveUserPeriod.WEEKLY, ZoneId.of("UTC"));
        TestTenants.signOut();

        HttpResponse<String> response =
                http.get(RwsHttp.ROOT + "/CsActiveUserWeekly", "$format=json", account, TestTenants.PASSWORD, Map.of());

        assertThat(response.statusCode()).as(role + ": " + response.body()).isEqualTo(200);
        JsonNode results = json.readTree(response.body()).get("d").get("results");
        assertThat(results).hasSize(report.rows().size()).isNotEmpty();
        assertThat(results).allSatisfy(result -> {
            assertThat(result.get("TenantGuid").asText())
                    .isEqualTo(tenant.guid().toString());
            assertThat(result.get("TenantName").asText()).isEqualTo(tenant.name());
            assertThat(result.get("ActiveUsers").asText())
                    .as("a new tenant has no activity yet")
                    .isEqualTo("0");
        });
        assertThat(http.get(RwsHttp.ROOT + "/", "", account, TestTenants.PASSWORD, Map.of())
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get(RwsHttp.ROOT + "/$metadata", "", account, TestTenants.PASSWORD, Map.of())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void another_tenants_account_sees_only_its_own_tenant() throws Exception {
        String fabrikam = DemoAccounts.username(Role.BILLING_ADMIN, DemoAccounts.FABRIKAM);

        JsonNode own = json.readTree(
                        http.get(DAILY, "$format=json&$top=3", fabrikam).body())
                .get("d")
                .get("results");
        JsonNode contoso = json.readTree(
                        http.get(DAILY, "$format=json&$filter=TenantName eq 'contoso.example'", fabrikam)
                                .body())
                .get("d")
                .get("results");

        assertThat(own)
                .hasSize(3)
                .allSatisfy(
                        result -> assertThat(result.get("TenantName").asText()).isEqualTo(DemoAccounts.FABRIKAM));
        assertThat(contoso).isEmpty();
    }

    @Test
    void a_personal_api_token_reads_the_service_until_it_is_revoked() throws Exception {
        Tenant tenant = testTenants.newTenant("rws-token");
        testTenants.signInAs(tenant, Role.SERVICE_ADMIN);
        CreatedApiToken token = tokens.create("reporting web service", 1);
        String bearer = "Bearer " + token.token();

        HttpResponse<String> feed = http.send("GET", DAILY, "$format=json&$top=2", bearer, Map.of());
        assertThat(feed.statusCode()).isEqualTo(200);
        JsonNode results = json.readTree(feed.body()).get("d").get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("TenantName").asText()).isEqualTo(tenant.name());
        assertThat(http.send("GET", RwsHttp.ROOT + "/$metadata", "", bearer, Map.of())
                        .statusCode())
                .isEqualTo(200);

        tokens.revoke(token.summary().id());
        assertThat(http.send("GET", DAILY, "", bearer, Map.of()).statusCode()).isEqualTo(401);
    }

    @Test
    void no_answer_creates_a_session() throws Exception {
        for (String query : List.of("", "$format=json", "$top=-1", "$filter=Foo eq 1")) {
            for (String resource : List.of("/CsActiveUserDaily", "/", "/$metadata", "/Nothing")) {
                HttpResponse<String> response = http.get(RwsHttp.ROOT + resource, query, "reports.reader");
                assertThat(response.headers().allValues("Set-Cookie"))
                        .as(resource + "?" + query)
                        .isEmpty();
            }
        }
    }

    @Test
    void every_feed_request_is_audited_with_the_set_the_options_the_zone_and_the_row_count() throws Exception {
        Tenant tenant = testTenants.newTenant("rws-audit");
        String account = testTenants.newAccount(tenant, Role.USAGE_SUMMARY_READER);

        HttpResponse<String> response = http.get(
                RwsHttp.ROOT + "/CsActiveUserMonthly",
                "$filter=ActiveUsers eq 0&$top=2&$select=Date",
                account,
                TestTenants.PASSWORD,
                Map.of("X-timezone", "W. Europe Standard Time"));
        http.get(DAILY, "$top=nope", account, TestTenants.PASSWORD, Map.of());
        http.get(RwsHttp.ROOT + "/$metadata", "", account, TestTenants.PASSWORD, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(audited(account))
                .singleElement()
                .asString()
                .isEqualTo(
                        "ACTIVE_USERS_REQUESTED reporting web service "
                                + "CsActiveUserMonthly in Europe/Berlin as atom, $filter=ActiveUsers eq 0 $top=2 $select=Date: 2 rows");
        assertThat(jdbc.sql("SELECT tenant_id FROM audit_event WHERE actor = :a")
                        .param("a", account)
                        .query(Long.class)
                        .single())
                .isEqualTo(tenant.id());
    }

    private List<String> audited(String actor) {
        return jdbc.sql("SELECT CONCAT(action, ' ', detail) FROM audit_event WHERE actor = :a AND action <> 'SIGN_IN' "
                        + "ORDER BY id")
                .param("a", actor)
                .query(String.class)
                .list();
    }
}
