package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;

@PortalIntegrationTest
class AccountManagementIT {

    private static final String GOOD_PASSWORD = "violet-kettle-sunrise";

    @Autowired
    AccountService accounts;

    @Autowired
    TestTenants testTenants;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_global_administrator_creates_an_account_with_a_bcrypt_hash_in_the_tenants_default_time_zone() {
        Tenant tenant = testTenants.newTenant("create");
        jdbc.sql("UPDATE tenant SET default_time_zone = 'Europe/Berlin' WHERE id = :id")
                .param("id", tenant.id())
                .update();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        long id = accounts.create(
                "new.person@" + tenant.name(), "New Person", GOOD_PASSWORD, Set.of(Role.REPORTS_READER));

        AccountSummary created = accounts.accounts().stream()
                .filter(a -> a.id() == id)
                .findFirst()
                .orElseThrow();
        assertThat(created.roles()).containsExactly(Role.REPORTS_READER);
        assertThat(created.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(created.enabled()).isTrue();
        String hash = jdbc.sql("SELECT password_hash FROM portal_account WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2a$").doesNotContain(GOOD_PASSWORD);
        assertThat(passwordEncoder.matches(GOOD_PASSWORD, hash)).isTrue();
        assertThat(audit(tenant, "ACCOUNT_CREATED"))
                .filteredOn(detail -> detail.contains("new.person@"))
                .singleElement()
                .asString()
                .contains("Reports reader");
    }

    @Test
    void weak_passwords_are_refused_with_the_reason_and_nothing_is_written() {
        Tenant tenant = testTenants.newTenant("weak");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        String username = "weak.person@" + tenant.name();

        assertRefused(username, "short-pass", "at least 12 characters");
        assertRefused(username, "Password1234", "common passwords");
        assertRefused(username, "qwertyuiop123", "common passwords");
        assertRefused(username, "aaaaaaaaaaaaaaaa", "one character repeated");
        assertRefused(username, "my-weak.person-secret", "must not contain the user name");
        assertRefused(username, "x".repeat(40) + "\u00e9".repeat(20), "72 bytes");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM portal_account WHERE username = :u")
                        .param("u", username)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void bad_user_names_missing_display_names_no_roles_and_taken_names_are_refused_by_field() {
        Tenant tenant = testTenants.newTenant("fields");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        String taken = testTenants.newAccount(testTenants.newTenant("elsewhere"), Role.REPORTS_READER);

        assertThatThrownBy(() -> accounts.create("has space", "X", GOOD_PASSWORD, Set.of(Role.REPORTS_READER)))
                .isInstanceOfSatisfying(
                        AccountProblem.class, p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.USERNAME));
        assertThatThrownBy(() ->
                        accounts.create("someone@" + tenant.name(), " ", GOOD_PASSWORD, Set.of(Role.REPORTS_READER)))
                .isInstanceOfSatisfying(
                        AccountProblem.class, p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.DISPLAY_NAME));
        assertThatThrownBy(() -> accounts.create("someone@" + tenant.name(), "Someone", GOOD_PASSWORD, Set.of()))
                .isInstanceOfSatisfying(
                        AccountProblem.class, p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.ROLES));
        assertThatThrownBy(() -> accounts.create(taken, "Someone", GOOD_PASSWORD, Set.of(Role.REPORTS_READER)))
                .isInstanceOfSatisfying(
                        AccountProblem.class, p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.USERNAME))
                .hasMessageContaining("is taken");
        assertThat(accounts.accounts()).hasSize(1); // only the signed-in administrator
    }

    @Test
    void disabling_an_account_stops_its_sign_in_and_enabling_restores_it() {
        Tenant tenant = testTenants.newTenant("disable");
        String other = testTenants.newAccount(tenant, Role.REPORTS_READER);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        long id = idOf(other);

        accounts.setEnabled(id, false);
        assertThat(accounts.loadUserByUsername(other).isEnabled()).isFalse();
        accounts.setEnabled(id, true);
        assertThat(accounts.loadUserByUsername(other).isEnabled()).isTrue();
        assertThat(audit(tenant, "ACCOUNT_DISABLED")).hasSize(1);
        assertThat(audit(tenant, "ACCOUNT_ENABLED")).hasSize(1);
    }

    @Test
    void an_administrator_cannot_disable_or_demote_themself_and_the_last_enabled_global_administrator_stays() {
        Tenant tenant = testTenants.newTenant("lockout");
        String me = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        String otherAdmin = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(me);

        assertThatThrownBy(() -> accounts.setEnabled(idOf(me), false))
                .hasMessage("You cannot disable your own account.");
        assertThatThrownBy(() -> accounts.assignRoles(idOf(me), Set.of(Role.REPORTS_READER)))
                .hasMessage("You cannot remove your own global administrator role.");

        accounts.setEnabled(idOf(otherAdmin), false); // I remain as the enabled administrator
        jdbc.sql("UPDATE portal_account SET enabled = TRUE WHERE id = :id")
                .param("id", idOf(otherAdmin))
                .update();
        jdbc.sql("UPDATE portal_account SET enabled = FALSE WHERE id = :id")
                .param("id", idOf(me))
                .update();
        // Now the other administrator is the last enabled one (I am disabled but still in this test's context)
        assertThatThrownBy(() -> accounts.setEnabled(idOf(otherAdmin), false))
                .hasMessage("The tenant must keep at least one enabled global administrator.");
        assertThatThrownBy(() -> accounts.assignRoles(idOf(otherAdmin), Set.of(Role.GLOBAL_READER)))
                .hasMessage("The tenant must keep at least one enabled global administrator.");
        assertThat(accounts.loadUserByUsername(otherAdmin).isEnabled()).isTrue();
    }

    @Test
    void roles_are_replaced_and_the_change_is_audited_with_old_and_new_roles() {
        Tenant tenant = testTenants.newTenant("roles");
        String other = testTenants.newAccount(tenant, Role.REPORTS_READER);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        accounts.assignRoles(idOf(other), Set.of(Role.SFB_ADMIN, Role.GLOBAL_READER));

        assertThat(((PortalUser) accounts.loadUserByUsername(other)).roles())
                .containsExactlyInAnyOrder(Role.SFB_ADMIN, Role.GLOBAL_READER);
        assertThat(audit(tenant, "ROLES_CHANGED"))
                .singleElement()
                .asString()
                .contains("[Reports reader] -> [Skype for Business administrator, Global reader]");
    }

    @Test
    void a_reset_password_replaces_the_old_one_and_must_follow_the_policy() {
        Tenant tenant = testTenants.newTenant("reset");
        String other = testTenants.newAccount(tenant, Role.REPORTS_READER);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        assertThatThrownBy(() -> accounts.resetPassword(idOf(other), "short")).isInstanceOf(AccountProblem.class);
        accounts.resetPassword(idOf(other), GOOD_PASSWORD);

        String hash = accounts.loadUserByUsername(other).getPassword();
        assertThat(passwordEncoder.matches(GOOD_PASSWORD, hash)).isTrue();
        assertThat(passwordEncoder.matches(TestTenants.PASSWORD, hash)).isFalse();
        assertThat(audit(tenant, "PASSWORD_RESET")).hasSize(1);
    }

    @Test
    void an_account_changes_its_own_password_only_with_the_current_one() {
        Tenant tenant = testTenants.newTenant("own");
        String me = testTenants.newAccount(tenant, Role.USAGE_SUMMARY_READER);
        testTenants.signIn(me);

        assertThatThrownBy(() -> accounts.changeOwnPassword("not-my-password", GOOD_PASSWORD))
                .isInstanceOfSatisfying(
                        AccountProblem.class,
                        p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.CURRENT_PASSWORD));
        assertThatThrownBy(() -> accounts.changeOwnPassword(TestTenants.PASSWORD, "iloveyou1234"))
                .isInstanceOfSatisfying(
                        AccountProblem.class, p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.PASSWORD));
        accounts.changeOwnPassword(TestTenants.PASSWORD, GOOD_PASSWORD);

        assertThat(passwordEncoder.matches(
                        GOOD_PASSWORD, accounts.loadUserByUsername(me).getPassword()))
                .isTrue();
        assertThat(audit(tenant, "PASSWORD_CHANGED")).hasSize(1);
    }

    @Test
    void another_tenants_accounts_cannot_be_listed_changed_or_even_told_apart_from_missing_ones() {
        Tenant theirs = testTenants.newTenant("theirs");
        String victim = testTenants.newAccount(theirs, Role.GLOBAL_ADMIN);
        long victimId = idOf(victim);
        long missingId = jdbc.sql("SELECT MAX(id) + 1000 FROM portal_account")
                .query(Long.class)
                .single();
        Tenant mine = testTenants.newTenant("mine");
        testTenants.signInAs(mine, Role.GLOBAL_ADMIN);

        assertThat(accounts.accounts())
                .extracting(AccountSummary::username)
                .doesNotContain(victim)
                .hasSize(1);
        for (long id : new long[] {victimId, missingId}) {
            assertThatThrownBy(() -> accounts.setEnabled(id, false)).hasMessage("There is no account " + id + ".");
            assertThatThrownBy(() -> accounts.resetPassword(id, GOOD_PASSWORD))
                    .hasMessage("There is no account " + id + ".");
            assertThatThrownBy(() -> accounts.assignRoles(id, Set.of(Role.REPORTS_READER)))
                    .hasMessage("There is no account " + id + ".");
        }
        PortalUser untouched = (PortalUser) accounts.loadUserByUsername(victim);
        assertThat(untouched.isEnabled()).isTrue();
        assertThat(untouched.roles()).containsExactly(Role.GLOBAL_ADMIN);
        assertThat(passwordEncoder.matches(TestTenants.PASSWORD, untouched.getPassword()))
                .isTrue();
    }

    @Test
    void only_global_administrators_manage_accounts_and_global_readers_may_list_them() {
        Tenant tenant = testTenants.newTenant("manage");
        String target = testTenants.newAccount(tenant, Role.REPORTS_READER);
        long id = idOf(target);
        for (Role role : Role.values()) {
            if (role == Role.GLOBAL_ADMIN) {
                continue;
            }
            testTenants.signInAs(tenant, role);
            if (role == Role.GLOBAL_READER) {
                assertThat(accounts.accounts())
                        .extracting(AccountSummary::username)
                        .contains(target);
            } else {
                assertThatThrownBy(accounts::accounts).as(role.name()).isInstanceOf(AccessDeniedException.class);
            }
            assertThatThrownBy(() -> accounts.create(
                            "x." + role.name().toLowerCase() + "@" + tenant.name(),
                            "X",
                            GOOD_PASSWORD,
                            Set.of(Role.GLOBAL_ADMIN)))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> accounts.setEnabled(id, false))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> accounts.resetPassword(id, GOOD_PASSWORD))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> accounts.assignRoles(id, Set.of(Role.GLOBAL_ADMIN)))
                    .as(role.name())
                    .isInstanceOf(AccessDeniedException.class);
        }
        assertThat(((PortalUser) accounts.loadUserByUsername(target)).roles()).containsExactly(Role.REPORTS_READER);
    }

    private void assertRefused(String username, String password, String reason) {
        assertThatThrownBy(() -> accounts.create(username, "Weak Person", password, Set.of(Role.REPORTS_READER)))
                .as(password)
                .isInstanceOfSatisfying(
                        AccountProblem.class, p -> assertThat(p.field()).isEqualTo(AccountProblem.Field.PASSWORD))
                .hasMessageContaining(reason);
    }

    private long idOf(String username) {
        return ((PortalUser) accounts.loadUserByUsername(username)).accountId();
    }

    private List<String> audit(Tenant tenant, String action) {
        return jdbc.sql("SELECT detail FROM audit_event WHERE tenant_id = :id AND action = :action")
                .param("id", tenant.id())
                .param("action", action)
                .query(String.class)
                .list();
    }
}
