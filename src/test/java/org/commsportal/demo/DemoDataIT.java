package org.commsportal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commsportal.RollupRecomputation.normalized;

import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo tenants loaded into the empty test database at start, through the ingestion write path. */
@PortalIntegrationTest
class DemoDataIT {

    @Autowired
    TenantService tenants;

    @Autowired
    JdbcClient jdbc;

    private List<Tenant> demoTenants() {
        return tenants.all().stream()
                .filter(t -> DemoDataGenerator.TENANT_NAMES.contains(t.name()))
                .toList();
    }

    @Test
    void the_empty_database_got_two_demo_tenants_with_users_and_sessions() {
        assertThat(demoTenants()).extracting(Tenant::name).containsExactly("contoso.example", "fabrikam.example");
        for (Tenant tenant : demoTenants()) {
            assertThat(count("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t", tenant))
                    .isEqualTo(60);
            assertThat(count("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t", tenant))
                    .isGreaterThan(5_000);
            assertThat(count("SELECT COUNT(*) FROM qoe_audio_stream WHERE tenant_id = :t", tenant))
                    .isPositive();
            assertThat(count("SELECT COUNT(*) FROM qoe_feedback WHERE tenant_id = :t", tenant))
                    .isPositive();
            assertThat(count(
                            "SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND conference_url IS NOT NULL",
                            tenant))
                    .isPositive();
        }
    }

    @Test
    void demo_rollups_equal_a_recomputation_from_the_raw_sessions() {
        for (Tenant tenant : demoTenants()) {
            assertThat(normalized(RollupRecomputation.storedUserRollups(jdbc, tenant.id())))
                    .isNotEmpty()
                    .isEqualTo(normalized(RollupRecomputation.recomputedUserRollups(jdbc, tenant.id())));
            assertThat(normalized(RollupRecomputation.storedTenantRollups(jdbc, tenant.id())))
                    .isNotEmpty()
                    .isEqualTo(normalized(RollupRecomputation.recomputedTenantRollups(jdbc, tenant.id())));
            assertThat(normalized(RollupRecomputation.storedDistinctUsers(jdbc, tenant.id())))
                    .isNotEmpty()
                    .isEqualTo(normalized(RollupRecomputation.recomputedDistinctUsers(jdbc, tenant.id())));
        }
    }

    @Test
    void every_role_has_a_demo_account_in_each_demo_tenant() {
        Tenant contoso = demoTenants().get(0);
        // By name: other tests (e.g. AccountsBrowserIT) add accounts to the demo tenant, in whatever order tests run.
        List<String> demoNames = java.util.Arrays.stream(Role.values())
                .map(role -> org.commsportal.DemoAccounts.username(role, org.commsportal.DemoAccounts.CONTOSO))
                .toList();
        List<String> roles = jdbc.sql("""
                SELECT r.role FROM portal_account a JOIN portal_account_role r ON r.account_id = a.id
                WHERE a.tenant_id = :t AND a.username IN (:names) ORDER BY r.role
                """)
                .param("t", contoso.id())
                .param("names", demoNames)
                .query(String.class)
                .list();
        assertThat(roles)
                .containsExactlyInAnyOrder(
                        java.util.Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new));
        List<String> fabrikamNames = java.util.Arrays.stream(Role.values())
                .map(role -> org.commsportal.DemoAccounts.username(role, org.commsportal.DemoAccounts.FABRIKAM))
                .toList();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM portal_account WHERE username IN (:names)")
                        .param("names", fabrikamNames)
                        .query(Long.class)
                        .single())
                .isEqualTo(Role.values().length);
    }

    @Test
    void demo_passwords_are_stored_as_bcrypt_hashes() {
        assertThat(jdbc.sql("SELECT password_hash FROM portal_account WHERE username = 'global.admin'")
                        .query(String.class)
                        .single())
                .startsWith("$2a$")
                .doesNotContain("portal-demo");
    }

    private long count(String sql, Tenant tenant) {
        return jdbc.sql(sql).param("t", tenant.id()).query(Long.class).single();
    }
}
