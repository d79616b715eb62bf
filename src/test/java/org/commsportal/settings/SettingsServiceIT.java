package org.commsportal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

@PortalIntegrationTest
class SettingsServiceIT {

    @Autowired
    SettingsService settings;

    @Autowired
    TenantService tenants;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_new_tenant_conceals_names_keeps_a_year_and_uses_utc() {
        testTenants.signInAs(testTenants.newTenant("defaults"), Role.GLOBAL_ADMIN);

        assertThat(settings.current()).isEqualTo(new TenantSettings(true, 365, ZoneId.of("UTC")));
    }

    @Test
    void a_global_administrator_changes_each_setting_and_each_change_is_audited_with_old_and_new_value() {
        Tenant tenant = testTenants.newTenant("change");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        int changed = settings.update(new TenantSettings(false, 90, ZoneId.of("Asia/Kathmandu")));

        assertThat(changed).isEqualTo(3);
        assertThat(settings.current()).isEqualTo(new TenantSettings(false, 90, ZoneId.of("Asia/Kathmandu")));
        assertThat(tenants.current().displayConcealedNames()).isFalse();
        assertThat(auditDetails(tenant))
                .containsExactlyInAnyOrder(
                        "Display concealed user names in all reports: on -> off",
                        "Retention (days): 365 -> 90",
                        "Default time zone: UTC -> Asia/Kathmandu");
    }

    @Test
    void saving_unchanged_settings_changes_and_audits_nothing() {
        Tenant tenant = testTenants.newTenant("same");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        assertThat(settings.update(settings.current())).isZero();
        assertThat(auditDetails(tenant)).isEmpty();
    }

    @Test
    void a_global_reader_reads_the_settings_but_cannot_change_them() {
        Tenant tenant = testTenants.newTenant("reader");
        testTenants.signInAs(tenant, Role.GLOBAL_READER);

        assertThat(settings.current().displayConcealedNames()).isTrue();
        assertThat(settings.mayChange()).isFalse();
        assertThatThrownBy(() -> settings.update(new TenantSettings(false, 365, ZoneId.of("UTC"))))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(concealed(tenant)).isTrue();
    }

    @Test
    void roles_without_the_settings_page_can_neither_read_nor_change_them() {
        Tenant tenant = testTenants.newTenant("others");
        for (Role role : List.of(
                Role.SFB_ADMIN,
                Role.REPORTS_READER,
                Role.USAGE_SUMMARY_READER,
                Role.BILLING_ADMIN,
                Role.PASSWORD_ADMIN,
                Role.USER_MANAGEMENT_ADMIN,
                Role.SERVICE_ADMIN)) {
            testTenants.signInAs(tenant, role);
            assertThatThrownBy(settings::current).as(role.name()).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> settings.update(new TenantSettings(false, 30, ZoneId.of("UTC"))))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(concealed(tenant)).isTrue();
    }

    @Test
    void retention_outside_one_day_to_ten_years_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> new TenantSettings(true, 0, ZoneId.of("UTC")))
                .hasMessage("Retention must be between 1 and 3650 days");
        assertThatThrownBy(() -> new TenantSettings(true, 3651, ZoneId.of("UTC")))
                .hasMessage("Retention must be between 1 and 3650 days");
    }

    @Test
    void an_administrator_changes_only_the_own_tenants_settings() {
        Tenant mine = testTenants.newTenant("mine");
        Tenant theirs = testTenants.newTenant("theirs");
        testTenants.signInAs(mine, Role.GLOBAL_ADMIN);

        settings.update(new TenantSettings(false, 30, ZoneId.of("Europe/Berlin")));

        assertThat(concealed(theirs)).isTrue();
        assertThat(jdbc.sql("SELECT retention_days FROM tenant WHERE id = :id")
                        .param("id", theirs.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(365);
        assertThat(auditDetails(theirs)).isEmpty();
    }

    private boolean concealed(Tenant tenant) {
        return jdbc.sql("SELECT display_concealed_names FROM tenant WHERE id = :id")
                .param("id", tenant.id())
                .query(Boolean.class)
                .single();
    }

    private List<String> auditDetails(Tenant tenant) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :id AND action = 'SETTING_CHANGED'")
                .param("id", tenant.id())
                .query(String.class)
                .list();
    }
}
