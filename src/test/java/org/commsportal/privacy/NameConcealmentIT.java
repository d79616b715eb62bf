package org.commsportal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalIntegrationTest
class NameConcealmentIT {

    private static final String NAME = "sip:Ada.Adams@contoso.example";

    @Autowired
    NameConcealment concealment;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_new_tenant_conceals_names_with_a_stable_pseudonym() {
        Tenant tenant = testTenants.newTenant("conceal");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        NameMask mask = concealment.forCurrentViewer();

        assertThat(mask.concealed()).isTrue();
        assertThat(mask.userName(NAME))
                .matches("[0-9a-f]{32}")
                .isEqualTo(concealment.forCurrentViewer().userName("ada.adams@contoso.example"));
    }

    @Test
    void with_the_setting_off_administrators_see_real_names_and_global_readers_still_do_not() {
        Tenant tenant = testTenants.newTenant("reveal");
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();

        testTenants.signInAs(tenant, Role.REPORTS_READER);
        assertThat(concealment.forCurrentViewer().userName(NAME)).isEqualTo(NAME);

        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThat(concealment.forCurrentViewer().userName(NAME)).matches("[0-9a-f]{32}");

        testTenants.signInAs(tenant, Role.GLOBAL_READER, Role.SFB_ADMIN);
        assertThat(concealment.forCurrentViewer().userName(NAME)).isEqualTo(NAME);
    }

    @Test
    void two_tenants_give_the_same_name_unrelated_pseudonyms() {
        testTenants.signInAs(testTenants.newTenant("one"), Role.GLOBAL_ADMIN);
        String first = concealment.forCurrentViewer().userName(NAME);
        testTenants.signInAs(testTenants.newTenant("two"), Role.GLOBAL_ADMIN);
        String second = concealment.forCurrentViewer().userName(NAME);

        assertThat(first).isNotEqualTo(second);
    }
}
