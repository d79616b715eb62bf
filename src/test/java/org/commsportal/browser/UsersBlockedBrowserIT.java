package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.directory.PstnBlocking;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.tenant.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The users blocked page as an administrator uses it, in headless Chromium on the production build (demo data). */
@PortalIntegrationTest
class UsersBlockedBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Test
    void an_administrator_sees_who_is_blocked_on_a_day_filters_by_action_and_exports_them() throws Exception {
        long contoso = jdbc.sql("SELECT id FROM tenant WHERE name = :n")
                .param("n", DemoAccounts.CONTOSO)
                .query(Long.class)
                .single();
        List<UserRecord> demoUsers = jdbc.sql("""
                SELECT upn, alias, display_name, licensed_from, deleted_at FROM licensed_user
                WHERE tenant_id = :t AND deleted_at IS NULL ORDER BY upn LIMIT 3
                """)
                .param("t", contoso)
                .query((rs, row) -> new UserRecord(
                        rs.getString("upn"),
                        rs.getString("alias"),
                        rs.getString("display_name"),
                        rs.getObject("licensed_from", LocalDate.class),
                        null))
                .list();
        Instant since = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        currentTenant.runAs(
                contoso,
                () -> directory.upsert(List.of(
                        blocked(demoUsers.get(0), PstnBlockAction.BLOCKED_FOR_PSTN, "Unpaid invoice", since),
                        blocked(demoUsers.get(1), PstnBlockAction.INTERNATIONAL_CALLS_BLOCKED, "Fraud check", since),
                        blocked(demoUsers.get(2), PstnBlockAction.INTERNATIONAL_CALLS_BLOCKED, null, since))));

        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/users-blocked");
        browser.waitFor(By.id("user-table"));
        String zone = browser.driver.findElement(By.id("time-zone")).getText();
        assertThat(zone).startsWith("Times in ");
        assertThat(gridSize()).isGreaterThanOrEqualTo(3);
        assertThat(browser.driver.findElement(By.id("blocked-count")).getText()).matches("\\d+ users blocked on .*");
        assertThat(browser.gridRows("user-table"))
                .extracting(row -> row.get(1))
                .contains("BlockedForPstn", "InternationalCallsBlocked");
        browser.screenshot("users-blocked");

        browser.chooseInSelect("action-filter", "InternationalCallsBlocked");
        long international = gridSize();
        assertThat(international).isGreaterThanOrEqualTo(2);
        assertThat(browser.gridRows("user-table"))
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("InternationalCallsBlocked"));

        // the filter is in the address, and a link opens the page with it
        assertThat(browser.currentPath()).isEqualTo("/usage/users-blocked?action=InternationalCallsBlocked");
        browser.open("/usage/users-blocked?action=BlockedForPstn&sort=USER&order=desc");
        browser.waitFor(By.id("user-table"));
        assertThat(gridSize()).isPositive();
        assertThat(browser.gridRows("user-table"))
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("BlockedForPstn"));
        browser.chooseInSelect("action-filter", "InternationalCallsBlocked");
        assertThat(gridSize()).isEqualTo(international);

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString())
                .matches("users-blocked_day-\\d{4}-\\d{2}-\\d{2}_internationalcallsblocked\\.csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines =
                new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        String zoneId = zone.substring("Times in ".length());
        assertThat(lines.get(0))
                .isEqualTo("User,Block action,Block action reason,Blocked since (" + zoneId + "),Blocked until ("
                        + zoneId + ")");
        assertThat(lines).hasSize((int) international + 1);

        // the visible columns are in the link too, and the view can be saved from there
        browser.open("/usage/users-blocked?action=BlockedForPstn&columns=USER,ACTION");
        browser.waitFor(By.id("user-table"));
        assertThat(browser.gridRows("user-table"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).hasSize(2));
        assertThat(java.net.URLDecoder.decode(browser.currentPath(), StandardCharsets.UTF_8))
                .startsWith("/usage/users-blocked?")
                .contains("action=BlockedForPstn", "columns=USER,ACTION");
        assertThat(browser.driver.findElement(By.id("save-view")).isDisplayed()).isTrue();

        // a day before the blocks shows none of them
        browser.script("""
                const picker = document.getElementById('day');
                picker.value = arguments[0];
                picker.dispatchEvent(new CustomEvent('change', {bubbles: true}));
                """, LocalDate.now().minusDays(20).toString());
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("blocked-count")).getText())
                .contains(LocalDate.now().minusDays(20).toString());
        assertThat(gridSize()).isZero();
    }

    @Test
    void a_usage_summary_reader_sees_how_many_users_are_blocked_and_not_who() {
        browser.signIn(DemoAccounts.username(Role.USAGE_SUMMARY_READER, DemoAccounts.CONTOSO), DemoAccounts.PASSWORD);
        browser.open("/usage/users-blocked");
        browser.waitFor(By.id("charts-only"));
        assertThat(browser.driver.findElement(By.id("blocked-count")).getText()).matches("\\d+ users? blocked on .*");
        assertThat(browser.driver.findElements(By.id("user-table"))).isEmpty();
    }

    private static UserRecord blocked(UserRecord user, PstnBlockAction action, String reason, Instant since) {
        return new UserRecord(
                user.upn(),
                user.alias(),
                user.displayName(),
                user.licensedFrom(),
                user.deletedAt(),
                null,
                null,
                PstnBlocking.blocked(action, reason, since),
                null);
    }

    private long gridSize() {
        browser.waitUntilIdle();
        return ((Number) browser.script("return document.getElementById('user-table').size")).longValue();
    }
}
