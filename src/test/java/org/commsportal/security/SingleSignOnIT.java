package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** The single sign-on settings: each bad input refused with its field and a message, the secret kept encrypted. */
@PortalIntegrationTest
class SingleSignOnIT {

    private static final List<SsoRoleMapping> ADMINS = List.of(new SsoRoleMapping("admins", Role.GLOBAL_ADMIN));

    @Autowired
    TestTenants tenants;

    @Autowired
    SingleSignOn sso;

    @Autowired
    SsoTenants ssoTenants;

    @Autowired
    JdbcClient jdbc;

    @Test
    void every_bad_input_is_refused_with_its_field_and_a_clear_message() {
        Tenant tenant = tenants.newTenant("sso-input");
        tenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        String good = OidcProvider.issuer(OidcProvider.newIssuerId("input"));

        assertProblem(change("", good), SsoProblem.Field.DISPLAY_NAME, "name the sign-in button shows");
        assertProblem(change("x".repeat(61), good), SsoProblem.Field.DISPLAY_NAME, "1 to 60");
        assertProblem(change("IdP", ""), SsoProblem.Field.ISSUER, "issuer URL");
        assertProblem(change("IdP", "not a url"), SsoProblem.Field.ISSUER, "not a URL");
        assertProblem(change("IdP", "http://idp.example/realms/x"), SsoProblem.Field.ISSUER, "https");
        assertProblem(change("IdP", "https://idp.example/x?y=1"), SsoProblem.Field.ISSUER, "no ? or #");
        assertProblem(
                change("IdP", "http://localhost:1/nothing-listens-here"),
                SsoProblem.Field.ISSUER,
                "could not be read from http://localhost:1/nothing-listens-here/.well-known/openid-configuration");
        assertProblem(change("IdP", good + "/"), SsoProblem.Field.ISSUER, "names the issuer " + good + ", not");
        assertProblem(
                new SsoSettingsChange("IdP", good, "", "s", "openid", "groups", true, false, ADMINS, Set.of()),
                SsoProblem.Field.CLIENT_ID,
                "client (application) id");
        assertProblem(
                new SsoSettingsChange("IdP", good, "id", "", "openid", "groups", true, false, ADMINS, Set.of()),
                SsoProblem.Field.CLIENT_SECRET,
                "Enter the client secret");
        assertProblem(
                new SsoSettingsChange("IdP", good, "id", "s", "profile email", "groups", true, false, ADMINS, Set.of()),
                SsoProblem.Field.SCOPES,
                "must include openid");
        assertProblem(
                new SsoSettingsChange(
                        "IdP", good, "id", "s", "openid pro\"file", "groups", true, false, ADMINS, Set.of()),
                SsoProblem.Field.SCOPES,
                "pro\"file");
        assertProblem(
                new SsoSettingsChange("IdP", good, "id", "s", "openid", "my groups", true, false, ADMINS, Set.of()),
                SsoProblem.Field.ROLES_CLAIM,
                "no spaces");
        assertProblem(
                new SsoSettingsChange("IdP", good, "id", "s", "openid", "groups", true, false, List.of(), Set.of()),
                SsoProblem.Field.MAPPINGS,
                "nobody can sign in");
        assertProblem(
                new SsoSettingsChange(
                        "IdP",
                        good,
                        "id",
                        "s",
                        "openid",
                        "groups",
                        true,
                        false,
                        List.of(new SsoRoleMapping(" ", Role.GLOBAL_ADMIN)),
                        Set.of()),
                SsoProblem.Field.MAPPINGS,
                "1 to 255 characters");
        assertProblem(
                new SsoSettingsChange(
                        "IdP", good, "id", "s", "openid", "groups", true, false, ADMINS, Set.of("nobody")),
                SsoProblem.Field.SSO_ONLY,
                "no local account nobody");
        assertThat(sso.settings()).isEmpty();
    }

    @Test
    void the_secret_is_stored_encrypted_never_returned_and_kept_when_left_empty() {
        var configured = ssoTenants.newTenant("sso-secret", ADMINS);
        byte[] stored = jdbc.sql("SELECT client_secret_enc FROM oidc_provider WHERE tenant_id = :id")
                .param("id", configured.tenant().id())
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(SsoTenants.CLIENT_SECRET);

        tenants.signIn(configured.admin());
        SsoSettings settings = sso.settings().orElseThrow();
        assertThat(settings.clientSecretSaved()).isTrue();
        assertThat(settings.toString()).doesNotContain(SsoTenants.CLIENT_SECRET);

        sso.save(new SsoSettingsChange(
                "Renamed IdP",
                settings.issuer(),
                settings.clientId(),
                null,
                settings.scopes(),
                settings.rolesClaim(),
                true,
                false,
                List.of(new SsoRoleMapping("readers", Role.REPORTS_READER)),
                Set.of()));
        byte[] after = jdbc.sql("SELECT client_secret_enc FROM oidc_provider WHERE tenant_id = :id")
                .param("id", configured.tenant().id())
                .query(byte[].class)
                .single();
        assertThat(after).isEqualTo(stored);
        assertThat(audit(configured.tenant()))
                .contains(
                        "SSO_PROVIDER_CHANGED single sign-on button name: sso-secret IdP -> Renamed IdP",
                        "SSO_ROLE_MAPPING_CHANGED removed: admins -> Global administrator",
                        "SSO_ROLE_MAPPING_CHANGED added: readers -> Reports reader")
                .noneMatch(line -> line.contains(SsoTenants.CLIENT_SECRET));
    }

    @Test
    void an_issuer_serves_one_tenant_only() {
        var first = ssoTenants.newTenant("sso-issuer-a", ADMINS);
        Tenant other = tenants.newTenant("sso-issuer-b");
        tenants.signInAs(other, Role.GLOBAL_ADMIN);

        assertProblem(
                SsoTenants.change("B", OidcProvider.issuer(first.issuerId()), ADMINS, false, Set.of()),
                SsoProblem.Field.ISSUER,
                "Another organization on this portal signs in with this issuer");
    }

    @Test
    void sign_in_by_single_sign_on_only_keeps_a_local_global_administrator() {
        var configured = ssoTenants.newTenant("sso-only", ADMINS);
        String reader = tenants.newAccount(configured.tenant(), Role.REPORTS_READER);
        tenants.signIn(configured.admin());
        String issuer = OidcProvider.issuer(configured.issuerId());

        assertProblem(
                SsoTenants.change("IdP", issuer, ADMINS, true, Set.of(reader)),
                SsoProblem.Field.SSO_ONLY,
                "Keep at least one enabled local global administrator");
        sso.save(SsoTenants.change("IdP", issuer, ADMINS, true, Set.of(configured.admin())));

        assertThat(sso.settings().orElseThrow().localExceptions()).containsExactly(configured.admin());
        assertThat(audit(configured.tenant()))
                .contains(
                        "SSO_PROVIDER_CHANGED sign-in only with single sign-on: off -> on",
                        "SSO_PROVIDER_CHANGED local accounts that may sign in with a password: [] -> ["
                                + configured.admin() + "]");
    }

    @Test
    void global_readers_read_the_settings_and_cannot_change_them_and_others_cannot_read_them() {
        var configured = ssoTenants.newTenant("sso-reader", ADMINS);
        tenants.signInAs(configured.tenant(), Role.GLOBAL_READER);
        assertThat(sso.settings()).isPresent();
        assertThat(sso.mayChange()).isFalse();
        assertThatThrownBy(() -> sso.save(
                        SsoTenants.change("x", OidcProvider.issuer(configured.issuerId()), ADMINS, false, Set.of())))
                .isInstanceOf(AccessDeniedException.class);

        tenants.signInAs(configured.tenant(), Role.REPORTS_READER);
        assertThatThrownBy(() -> sso.settings()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_sign_in_page_lists_enabled_providers_of_every_tenant() {
        var configured = ssoTenants.newTenant("sso-listed", ADMINS);
        TestTenants.signOut();
        assertThat(sso.signInOptions())
                .contains(new SsoSignInOption(
                        configured.registrationId(),
                        "sso-listed IdP",
                        "oauth2/authorization/" + configured.registrationId()));
    }

    @Test
    void claim_values_come_from_arrays_strings_and_nested_paths() {
        assertThat(SsoSignIn.claimValues(java.util.Map.of("groups", List.of("a", "b")), "groups"))
                .containsExactly("a", "b");
        assertThat(SsoSignIn.claimValues(java.util.Map.of("role", "admin"), "role"))
                .containsExactly("admin");
        assertThat(SsoSignIn.claimValues(
                        java.util.Map.of("realm_access", java.util.Map.of("roles", List.of("x"))),
                        "realm_access.roles"))
                .containsExactly("x");
        assertThat(SsoSignIn.claimValues(java.util.Map.of("groups", List.of("a")), "roles"))
                .isEmpty();
    }

    @Test
    void an_unknown_provider_or_a_forged_callback_gets_the_refusal_page_never_an_error() throws Exception {
        var http = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        for (String path :
                List.of("/oauth2/authorization/oidc-nobody", "/login/oauth2/code/oidc-nobody?code=x&state=y")) {
            var answer = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location"))
                    .as(path)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in-refused"));
        }
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    private void assertProblem(SsoSettingsChange change, SsoProblem.Field field, String message) {
        assertThatThrownBy(() -> sso.save(change)).isInstanceOfSatisfying(SsoProblem.class, problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.getMessage()).contains(message);
        });
    }

    private static SsoSettingsChange change(String name, String issuer) {
        return new SsoSettingsChange(name, issuer, "id", "s", "openid", "groups", true, false, ADMINS, Set.of());
    }

    private List<String> audit(Tenant tenant) {
        return jdbc.sql("SELECT CONCAT(action, ' ', detail) FROM audit_event WHERE tenant_id = :id ORDER BY id")
                .param("id", tenant.id())
                .query(String.class)
                .list();
    }
}
