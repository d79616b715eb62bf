package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Account management and the own account page as people use them. */
@PortalIntegrationTest
class AccountsBrowserIT extends BrowserTest {

    private static final String NEW_PASSWORD = "amber-lantern-orbit";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTenants testTenants;

    @Test
    void an_administrator_creates_an_account_that_signs_in_until_it_is_disabled() {
        // A tenant of its own, so the demo tenants keep exactly their demo accounts
        Tenant tenant = testTenants.newTenant("accounts-ui");
        String newAccount = "browser.created@" + tenant.name();
        browser.signIn(testTenants.newAccount(tenant, Role.GLOBAL_ADMIN), TestTenants.PASSWORD);
        browser.open("/admin/accounts");
        browser.waitFor(By.id("new-account")).click();
        type("account-username", newAccount);
        type("account-display-name", "Created In The Browser");
        type("account-password", "password1234");
        browser.driver.findElements(By.cssSelector("#account-roles vaadin-checkbox")).stream()
                .filter(box -> box.getText().equals("Reports reader"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.driver.findElement(By.id("save-account")).click();
        browser.waitUntilIdle();
        assertThat(errorOf("account-password")).contains("common passwords");

        type("account-password", NEW_PASSWORD);
        browser.driver.findElement(By.id("save-account")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("account-username")).isEmpty());
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("accounts-grid")).getText()).contains(newAccount);

        browser.signOutByCookies();
        browser.signIn(newAccount, NEW_PASSWORD);
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));

        jdbc.sql("UPDATE portal_account SET enabled = FALSE WHERE username = :u")
                .param("u", newAccount)
                .update();
        browser.open("/account");
        browser.wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/login"));
        browser.open("/usage/peer-to-peer-activity");
        assertThat(browser.currentPath()).startsWith("/login");
    }

    @Test
    void a_role_reduction_applies_to_an_open_session_at_its_next_request() {
        Tenant tenant = testTenants.newTenant("demoted-ui");
        String username = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN, Role.REPORTS_READER);
        browser.signIn(username, TestTenants.PASSWORD);
        browser.open("/admin/settings");
        browser.waitFor(By.id("retention-days"));

        jdbc.sql("""
                DELETE r FROM portal_account_role r JOIN portal_account a ON a.id = r.account_id
                WHERE a.username = :u AND r.role = 'GLOBAL_ADMIN'""").param("u", username).update();
        browser.open("/admin/settings");

        assertThat(browser.waitFor(By.id("access-denied")).getText()).contains("Access denied (403)");
        assertThat(browser.driver.findElements(By.id("retention-days"))).isEmpty();
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));
    }

    @Test
    void an_account_creates_a_token_that_is_shown_once_and_works_until_revoked() throws Exception {
        browser.signIn("sfb.admin", DemoAccounts.PASSWORD);
        browser.open("/account");
        type("token-name", "nightly export");
        browser.driver.findElement(By.id("create-token")).click();
        WebElement shown = browser.waitFor(By.cssSelector("#created-token input"));
        String token = shown.getAttribute("value");
        assertThat(token).startsWith("cup_");
        assertThat(copied("copy-created-token")).isEqualTo(token);
        browser.driver.findElement(By.id("close-created-token")).click();
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("token-grid")).getText())
                .contains("nightly export")
                .contains(token.substring(0, 12))
                .doesNotContain(token);
        assertThat(callApi(token)).isEqualTo(404); // signed in; no report lives at that path

        clickRevoke("token-grid");
        browser.waitFor(By.id("cancel-revoke-token")).click();
        browser.waitUntilIdle();
        assertThat(callApi(token)).as("cancelled: the token still works").isEqualTo(404);
        clickRevoke("token-grid");
        browser.waitFor(By.id("confirm-revoke-token")).click();
        browser.waitUntilIdle();
        assertThat(callApi(token)).isEqualTo(401);
        assertThat(browser.driver.findElement(By.id("token-grid")).getText())
                .containsPattern("Revoked \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
    }

    @Test
    void revoking_an_ingestion_key_and_disabling_an_account_ask_first_and_show_the_full_status() throws Exception {
        Tenant tenant = testTenants.newTenant("confirm-ui");
        String colleague = testTenants.newAccount(tenant, Role.REPORTS_READER);
        browser.signIn(testTenants.newAccount(tenant, Role.GLOBAL_ADMIN), TestTenants.PASSWORD);
        browser.open("/admin/ingestion-keys");
        type("ingestion-key-name", "pool 1");
        browser.driver.findElement(By.id("create-ingestion-key")).click();
        String key =
                browser.waitFor(By.cssSelector("#created-ingestion-key input")).getAttribute("value");
        assertThat(copied("copy-created-ingestion-key")).isEqualTo(key);
        browser.driver.findElement(By.id("close-created-ingestion-key")).click();
        browser.waitUntilIdle();

        clickRevoke("ingestion-key-grid");
        assertThat(browser.waitFor(By.id("revoke-ingestion-key-question")).getText())
                .contains("pool 1");
        browser.driver.findElement(By.id("cancel-revoke-ingestion-key")).click();
        browser.waitUntilIdle();
        assertThat(revokedKeys(tenant)).as("cancelled").isZero();
        assertThat(browser.driver.findElement(By.id("ingestion-key-grid")).getText())
                .contains("Active");
        clickRevoke("ingestion-key-grid");
        browser.waitFor(By.id("confirm-revoke-ingestion-key")).click();
        browser.waitUntilIdle();
        assertThat(revokedKeys(tenant)).isEqualTo(1);
        assertThat(browser.driver.findElement(By.id("ingestion-key-grid")).getText())
                .containsPattern("Revoked \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");

        long id = jdbc.sql("SELECT id FROM portal_account WHERE username = :u")
                .param("u", colleague)
                .query(Long.class)
                .single();
        browser.open("/admin/accounts");
        clickInView(browser.waitFor(By.id("disable-" + id)));
        assertThat(browser.waitFor(By.id("disable-account-question")).getText()).contains(colleague);
        browser.screenshot("confirm-disable-account");
        browser.driver.findElement(By.id("cancel-disable-account")).click();
        browser.waitUntilIdle();
        assertThat(enabled(colleague)).as("cancelled").isTrue();
        clickInView(browser.driver.findElement(By.id("disable-" + id)));
        browser.waitFor(By.id("confirm-disable-account")).click();
        browser.waitUntilIdle();
        assertThat(enabled(colleague)).isFalse();
        browser.waitFor(By.id("enable-" + id));
    }

    /** Clicks the copy button of a shown-once dialog and returns what it put on the clipboard. */
    private String copied(String buttonId) {
        browser.script("""
                window.__copied = null;
                const write = navigator.clipboard.writeText.bind(navigator.clipboard);
                navigator.clipboard.writeText = text => { window.__copied = text; return write(text).catch(() => {}); };
                """);
        browser.driver.findElement(By.id(buttonId)).click();
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id(buttonId)).getText()).isEqualTo("Copied");
        return (String) browser.script("return window.__copied");
    }

    /**
     * Scrolls the grid's actions column into view as a person would, then clicks; while the page is still laying out
     * (a slow machine), another element can lie over the button for a moment, so the click is tried again, as a person
     * would, for up to 10 s.
     */
    private void clickInView(WebElement button) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            browser.script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", button);
            try {
                button.click();
                break;
            } catch (org.openqa.selenium.ElementClickInterceptedException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                browser.waitUntilIdle();
                java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            }
        }
        browser.waitUntilIdle();
    }

    private void clickRevoke(String gridId) {
        browser.driver.findElements(By.cssSelector("#" + gridId + " vaadin-button")).stream()
                .filter(button -> button.getText().equals("Revoke") && button.isEnabled())
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
    }

    private long revokedKeys(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM ingestion_key WHERE tenant_id = :t AND revoked_at IS NOT NULL")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    private boolean enabled(String username) {
        return jdbc.sql("SELECT enabled FROM portal_account WHERE username = :u")
                .param("u", username)
                .query(Boolean.class)
                .single();
    }

    private int callApi(String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/token-check"))
                .header("Authorization", "Bearer " + token)
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private void type(String fieldId, String text) {
        WebElement input = browser.waitFor(By.cssSelector("#" + fieldId + " input"));
        input.clear();
        input.sendKeys(text);
    }

    private String errorOf(String fieldId) {
        return browser.driver
                .findElement(By.cssSelector("#" + fieldId + " [slot='error-message']"))
                .getText();
    }
}
