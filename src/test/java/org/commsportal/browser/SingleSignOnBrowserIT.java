package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.OidcProvider;
import org.commsportal.security.Role;
import org.commsportal.security.SingleSignOn;
import org.commsportal.security.SsoRoleMapping;
import org.commsportal.security.SsoTenants;
import org.commsportal.security.SsoTenants.Configured;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * OpenID Connect single sign-on in Chromium against a real provider started by the test (mock-oauth2-server): sign-in
 * with roles from groups, roles evaluated again at the next sign-in, refusal without a mapped group, two tenants with
 * two issuers kept apart, forged issuer and audience refused, sign-out with the provider's end-session endpoint,
 * SSO-only sign-in with a named local exception, and the settings page's errors.
 */
@PortalIntegrationTest
class SingleSignOnBrowserIT extends BrowserTest {

    private static final List<SsoRoleMapping> MAPPINGS = List.of(
            new SsoRoleMapping("portal-admins", Role.GLOBAL_ADMIN),
            new SsoRoleMapping("report-readers", Role.REPORTS_READER));

    @Autowired
    SsoTenants ssoTenants;

    @Autowired
    TestTenants tenants;

    @Autowired
    SingleSignOn sso;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_person_signs_in_with_the_provider_gets_the_roles_of_their_groups_again_at_each_sign_in_and_signs_out() {
        Configured a = ssoTenants.newTenant("sso-browser", MAPPINGS);
        OidcProvider.nextSignIn(
                a.issuerId(),
                "alice-sub",
                OidcProvider.person("alice", "Alice Example", List.of("report-readers", "x")));

        signInWithProvider(a);

        String username = "alice@" + a.tenant().name();
        assertThat(browser.waitFor(By.id("signed-in-account")).getText()).contains("Alice Example");
        assertThat(browser.driver.findElement(By.id("signed-in-tenant")).getText())
                .isEqualTo(a.tenant().name());
        assertThat(roles(username)).containsExactly(Role.REPORTS_READER.name());
        browser.open("/admin/settings");
        assertThat(browser.waitFor(By.id("access-denied")).getText()).contains("Access denied (403)");

        browser.driver.findElement(By.id("sign-out")).click();
        WebElement offer = browser.waitFor(By.id("provider-sign-out-link"));
        assertThat(offer.getText()).isEqualTo("Sign out of sso-browser IdP too");
        assertThat(offer.getDomAttribute("href"))
                .startsWith(OidcProvider.server()
                        .endSessionEndpointUrl(a.issuerId())
                        .toString())
                .contains("client_id=" + SsoTenants.CLIENT_ID)
                .contains("post_logout_redirect_uri=");
        offer.click();
        browser.wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/login?logout"));
        browser.open("/");
        assertThat(browser.currentPath()).isEqualTo("/login");

        // The groups changed at the provider: the next sign-in brings the portal roles up to date
        OidcProvider.nextSignIn(
                a.issuerId(), "alice-sub", OidcProvider.person("alice", "Alice Example", List.of("portal-admins")));
        signInWithProvider(a);
        assertThat(roles(username)).containsExactly(Role.GLOBAL_ADMIN.name());
        browser.open("/admin/settings");
        browser.waitFor(By.id("settings"));

        assertThat(audit(a.tenant()))
                .anyMatch(line -> line.startsWith("ACCOUNT_CREATED account " + username + " at its first sign-in"))
                .anyMatch(line -> line.startsWith("SSO_SIGN_IN signed in with sso-browser IdP (subject alice-sub)"))
                .anyMatch(line -> line.startsWith("ROLES_CHANGED account " + username)
                        && line.endsWith("[Reports reader] -> [Global administrator]"))
                .anyMatch(line -> line.equals("SIGN_OUT signed out"));
    }

    @Test
    void a_person_whose_groups_map_to_no_portal_role_is_refused_with_a_page_that_says_why() {
        Configured a = ssoTenants.newTenant("sso-refused", MAPPINGS);
        OidcProvider.nextSignIn(
                a.issuerId(), "bob-sub", OidcProvider.person("bob", "Bob", List.of("marketing", "everyone")));

        browser.open("/login");
        browser.waitFor(By.id("sso-" + a.registrationId())).click();

        assertThat(browser.waitFor(By.id("sign-in-refused-reason")).getText())
                .contains("none of your groups or roles there gives you a role in this portal");
        assertThat(browser.currentPath()).isEqualTo("/sign-in-refused");
        assertThat(accountsOf(a.tenant())).containsExactly(a.admin());
        assertThat(audit(a.tenant()))
                .anyMatch(line -> line.equals("SSO_SIGN_IN_REFUSED single sign-on with sso-refused IdP refused: no "
                        + "portal role for the values of claim groups: marketing, everyone"));
        browser.open("/");
        assertThat(browser.currentPath()).isEqualTo("/login");
    }

    @Test
    void two_tenants_with_two_issuers_stay_apart_even_for_the_same_subject_and_group_names() {
        Configured a = ssoTenants.newTenant("sso-two-a", MAPPINGS);
        Configured b = ssoTenants.newTenant("sso-two-b", List.of(new SsoRoleMapping("b-readers", Role.REPORTS_READER)));

        OidcProvider.nextSignIn(
                b.issuerId(), "same-sub", OidcProvider.person("carol", "Carol B", List.of("b-readers")));
        signInWithProvider(b);
        assertThat(browser.waitFor(By.id("signed-in-tenant")).getText())
                .isEqualTo(b.tenant().name());
        browser.signOutByCookies();

        OidcProvider.nextSignIn(
                a.issuerId(), "same-sub", OidcProvider.person("carol", "Carol A", List.of("portal-admins")));
        signInWithProvider(a);
        assertThat(browser.waitFor(By.id("signed-in-tenant")).getText())
                .isEqualTo(a.tenant().name());
        browser.signOutByCookies();

        assertThat(accountsOf(a.tenant())).contains("carol@" + a.tenant().name());
        assertThat(accountsOf(b.tenant())).contains("carol@" + b.tenant().name());
        assertThat(roles("carol@" + a.tenant().name())).containsExactly(Role.GLOBAL_ADMIN.name());
        assertThat(roles("carol@" + b.tenant().name())).containsExactly(Role.REPORTS_READER.name());

        // Tenant A's group means nothing at tenant B's provider: refused, no role leaks across
        OidcProvider.nextSignIn(
                b.issuerId(), "same-sub", OidcProvider.person("carol", "Carol B", List.of("portal-admins")));
        browser.open("/login");
        browser.waitFor(By.id("sso-" + b.registrationId())).click();
        browser.waitFor(By.id("sign-in-refused-reason"));
        assertThat(roles("carol@" + b.tenant().name())).containsExactly(Role.REPORTS_READER.name());
    }

    @Test
    void an_id_token_from_another_issuer_is_refused() {
        Configured a = ssoTenants.newTenant("sso-forged-iss", MAPPINGS);
        Configured b = ssoTenants.newTenant("sso-other-iss", MAPPINGS);
        var claims = new java.util.HashMap<String, Object>(
                OidcProvider.person("mallory", "Mallory", List.of("portal-admins")));
        claims.put("iss", OidcProvider.issuer(b.issuerId()));
        OidcProvider.nextSignIn(a.issuerId(), "mallory-sub", claims);

        browser.open("/login");
        browser.waitFor(By.id("sso-" + a.registrationId())).click();

        assertThat(browser.waitFor(By.id("sign-in-refused-reason")).getText())
                .contains("did not pass the portal's checks");
        assertThat(accountsOf(a.tenant())).containsExactly(a.admin());
        assertThat(accountsOf(b.tenant())).containsExactly(b.admin());
        assertThat(audit(a.tenant()))
                .anyMatch(line -> line.startsWith("SSO_SIGN_IN_REFUSED ID token from sso-forged-iss IdP refused")
                        && line.contains("iss"));
    }

    @Test
    void an_id_token_for_another_audience_is_refused() {
        Configured a = ssoTenants.newTenant("sso-forged-aud", MAPPINGS);
        var claims = new java.util.HashMap<String, Object>(
                OidcProvider.person("mallory", "Mallory", List.of("portal-admins")));
        claims.put("aud", List.of("some-other-application"));
        OidcProvider.nextSignIn(a.issuerId(), "mallory-sub", claims);

        browser.open("/login");
        browser.waitFor(By.id("sso-" + a.registrationId())).click();

        assertThat(browser.waitFor(By.id("sign-in-refused-reason")).getText())
                .contains("did not pass the portal's checks");
        assertThat(accountsOf(a.tenant())).containsExactly(a.admin());
        assertThat(audit(a.tenant()))
                .anyMatch(line -> line.startsWith("SSO_SIGN_IN_REFUSED ID token from sso-forged-aud IdP refused")
                        && line.contains("aud"));
    }

    @Test
    void a_tenant_that_signs_in_with_single_sign_on_only_takes_passwords_from_its_named_local_accounts_only() {
        Configured a = ssoTenants.newTenant("sso-only", MAPPINGS);
        String reader = tenants.newAccount(a.tenant(), Role.REPORTS_READER);
        tenants.signIn(a.admin());
        try {
            sso.save(SsoTenants.change(
                    "Only IdP", OidcProvider.issuer(a.issuerId()), MAPPINGS, true, Set.of(a.admin())));
        } finally {
            TestTenants.signOut();
        }

        browser.open("/login");
        browser.waitFor(By.cssSelector("vaadin-login-form vaadin-text-field input"))
                .sendKeys(reader);
        browser.driver
                .findElement(By.cssSelector("vaadin-login-form vaadin-password-field input"))
                .sendKeys(TestTenants.PASSWORD, Keys.ENTER);
        browser.wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/login?error"));
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.tagName("vaadin-login-form")).getText())
                .contains("Sign in with single sign-on")
                .contains("signs in to the portal with Only IdP only");
        assertThat(browser.driver.findElements(By.id("signed-in-account"))).isEmpty();

        browser.signIn(a.admin(), TestTenants.PASSWORD);
        assertThat(browser.waitFor(By.id("signed-in-tenant")).getText())
                .isEqualTo(a.tenant().name());
    }

    @Test
    void the_settings_page_says_what_is_wrong_and_saves_a_provider_with_its_mapping() {
        Tenant tenant = tenants.newTenant("sso-page");
        String admin = tenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        browser.signIn(admin, TestTenants.PASSWORD);
        browser.open("/admin/single-sign-on");

        type("sso-display-name", "Page IdP");
        type("sso-issuer", "ftp://idp.example/realm");
        type("sso-client-id", "portal-client");
        type("sso-client-secret", "page-secret-123");
        click("sso-save");
        browser.waitUntilIdle();
        WebElement issuer = browser.driver.findElement(By.id("sso-issuer"));
        assertThat(issuer.getDomProperty("invalid")).isEqualTo("true");
        assertThat(issuer.getDomProperty("errorMessage")).contains("must be an https URL");
        assertThat(browser.driver.findElement(By.id("sso-mappings-error")).getText())
                .isEmpty();

        String issuerId = OidcProvider.newIssuerId("page");
        type("sso-issuer", OidcProvider.issuer(issuerId));
        click("sso-save");
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("sso-mappings-error")).getText())
                .contains("Map at least one group or role value");

        type("sso-new-value", "page-admins");
        browser.chooseInSelect("sso-new-role", "Global administrator");
        click("sso-add-mapping");
        browser.waitUntilIdle();
        click("sso-save");
        browser.wait(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("sso-redirect-uri")).getText().contains("/login/oauth2/code/oidc-"));
        assertThat((String) browser.script("return [...document.querySelectorAll('vaadin-notification-card')]"
                        + ".map(card => card.textContent).join(' ')"))
                .contains("Single sign-on saved.");

        assertThat(browser.gridRows("sso-mappings"))
                .containsExactly(List.of("page-admins", "Global administrator", "Remove"));
        WebElement secret = browser.driver.findElement(By.id("sso-client-secret"));
        assertThat(secret.getDomProperty("value")).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("page-secret-123");
        assertThat(browser.driver.findElement(By.id("sso-redirect-uri")).getText())
                .contains("/login/oauth2/code/oidc-");
        assertThat(audit(tenant))
                .anyMatch(line -> line.startsWith("SSO_PROVIDER_CHANGED single sign-on provider Page IdP added"))
                .contains("SSO_ROLE_MAPPING_CHANGED added: page-admins -> Global administrator")
                .noneMatch(line -> line.contains("page-secret-123"));
    }

    private void signInWithProvider(Configured configured) {
        browser.open("/login");
        browser.waitFor(By.id("sso-" + configured.registrationId())).click();
        browser.wait(Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("/login"));
        browser.waitUntilIdle();
        browser.waitFor(By.id("signed-in-account"));
    }

    /** Clicks a button of the long settings form, which may sit under Vaadin's commercial banner at the bottom. */
    private void click(String id) {
        WebElement button = browser.waitFor(By.id(id));
        browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", button);
        browser.waitUntilIdle();
    }

    private void type(String id, String text) {
        WebElement field = browser.waitFor(By.cssSelector("#" + id + " input"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text, Keys.TAB);
        browser.waitUntilIdle();
    }

    private List<String> roles(String username) {
        return jdbc.sql("""
                SELECT r.role FROM portal_account_role r JOIN portal_account a ON a.id = r.account_id
                WHERE a.username = :username ORDER BY r.role
                """).param("username", username).query(String.class).list();
    }

    private List<String> accountsOf(Tenant tenant) {
        return jdbc.sql("SELECT username FROM portal_account WHERE tenant_id = :id ORDER BY id")
                .param("id", tenant.id())
                .query(String.class)
                .list();
    }

    private List<String> audit(Tenant tenant) {
        return jdbc.sql("SELECT CONCAT(action, ' ', detail) FROM audit_event WHERE tenant_id = :id ORDER BY id")
                .param("id", tenant.id())
                .query(String.class)
                .list();
    }
}
