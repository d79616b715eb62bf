package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A global administrator turns "Display concealed user names" on and off and sees the table's names change. */
@PortalIntegrationTest
class ConcealmentToggleBrowserIT extends BrowserTest {

    @Autowired JdbcClient jdbc;

    @Test
    void turning_concealment_on_replaces_names_with_pseudonyms_on_the_peer_to_peer_page() throws Exception {
        try {
            browser.signIn("global.admin", DemoAccounts.PASSWORD);
            assertThat(firstUserName()).as("contoso starts with real names").contains("@contoso.example");

            toggleConcealment(true);
            String pseudonym = firstUserName();
            assertThat(pseudonym).matches("[0-9a-f]{32}");
            browser.screenshot("concealed-names");

            toggleConcealment(false);
            assertThat(firstUserName()).contains("@contoso.example");
            assertThat(jdbc.sql("""
                    SELECT COUNT(*) FROM audit_event e JOIN tenant t ON t.id = e.tenant_id
                    WHERE t.name = 'contoso.example' AND e.action = 'SETTING_CHANGED'
                      AND e.detail LIKE 'Display concealed user names in all reports:%'
                    """).query(Long.class).single()).isGreaterThanOrEqualTo(2);
        } finally {
            jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE name = 'contoso.example'").update();
        }
    }

    private void toggleConcealment(boolean expected) {
        browser.open("/admin/settings");
        browser.waitFor(By.id("display-concealed-names")).click();
        browser.driver.findElement(By.id("save-settings")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> jdbc.sql(
                "SELECT display_concealed_names FROM tenant WHERE name = 'contoso.example'")
                .query(Boolean.class).single() == expected);
        browser.waitUntilIdle();
    }

    private String firstUserName() {
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));
        browser.wait(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#user-table vaadin-grid-cell-content")).isEmpty());
        browser.waitUntilIdle();
        // The first body cell of the first column: header cells come first in DOM order, so read the grid's items
        return (String) browser.script("""
                const grid = document.getElementById('user-table');
                const cells = [...grid.querySelectorAll('vaadin-grid-cell-content')]
                    .map(c => c.textContent.trim()).filter(t => t.includes('@') || /^[0-9a-f]{32}$/.test(t));
                return cells.length ? cells[0] : '';
                """);
    }
}
