package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A global administrator turns "Display concealed user names" on and off and sees the table's names change. */
@PortalIntegrationTest
class ConcealmentToggleBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

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
            jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE name = 'contoso.example'")
                    .update();
        }
    }

    @Test
    void pages_left_open_when_names_get_concealed_search_by_pseudonym_at_their_very_next_request() throws Exception {
        record User(String alias, String pseudonym) {}
        User user = jdbc.sql("""
                SELECT u.alias, u.pseudonym FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id
                WHERE t.name = 'contoso.example' AND u.alias REGEXP '^[a-z]+[.]' AND NOT u.deleted ORDER BY u.id LIMIT 1
                """)
                .query((rs, n) -> new User(rs.getString(1), rs.getString(2)))
                .single();
        String typed = user.alias().substring(0, 3);
        try {
            browser.signIn("global.admin", DemoAccounts.PASSWORD);
            browser.open("/usage/session-details");
            assertThat(typeAhead(user.alias()))
                    .as("names shown: the alias finds its user")
                    .anySatisfy(label -> assertThat(label).startsWith(user.alias() + "@contoso.example"));
            String sessionDetails = browser.driver.getWindowHandle();
            browser.driver.switchTo().newWindow(WindowType.TAB);
            browser.open("/usage/peer-to-peer-activity");
            browser.waitFor(By.id("user-table"));
            String peerToPeer = browser.driver.getWindowHandle();

            // another administrator switches concealment on while both pages stay open
            jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE name = 'contoso.example'")
                    .update();

            List<String> names = filterTable(typed);
            assertThat(names)
                    .as("the table's filter matches pseudonyms now")
                    .allSatisfy(name -> assertThat(name).matches("[0-9a-f]{32}").contains(typed));
            assertThat(filterTable(user.pseudonym().substring(0, 10))).containsExactly(user.pseudonym());

            browser.driver.switchTo().window(sessionDetails);
            assertThat(typeAhead(user.alias())).as("a real alias finds nobody").isEmpty();
            assertThat(typeAhead(typed))
                    .allSatisfy(
                            label -> assertThat(label).matches("[0-9a-f]{32}").startsWith(typed));
            assertThat(typeAhead(user.pseudonym().substring(0, 8))).contains(user.pseudonym());
            browser.screenshot("concealed-type-ahead");
            browser.driver.switchTo().window(peerToPeer).close();
            browser.driver.switchTo().window(sessionDetails);
        } finally {
            jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE name = 'contoso.example'")
                    .update();
        }
    }

    /** Types into the session details type-ahead and returns the labels it offers. */
    private List<String> typeAhead(String text) throws InterruptedException {
        WebElement input = browser.waitFor(By.cssSelector("#user-search input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        Thread.sleep(800);
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> Boolean.FALSE.equals(
                        browser.script("return !!document.getElementById('user-search').loading")));
        List<String> labels = new ArrayList<>();
        for (WebElement item : browser.driver.findElements(By.cssSelector("vaadin-combo-box-item"))) {
            if (item.isDisplayed()) {
                labels.add(item.getText().strip());
            }
        }
        input.sendKeys(Keys.ESCAPE);
        return labels;
    }

    /** Types into the peer-to-peer table's filter and returns the user names of the rows. */
    private List<String> filterTable(String text) throws InterruptedException {
        WebElement input = browser.waitFor(By.cssSelector("#user-filter input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        input.sendKeys(text);
        Thread.sleep(800);
        return browser.gridRows("user-table").stream()
                .map(row -> row.get(0).toLowerCase(Locale.ROOT))
                .toList();
    }

    private void toggleConcealment(boolean expected) {
        browser.open("/admin/settings");
        browser.waitFor(By.id("display-concealed-names")).click();
        browser.driver.findElement(By.id("save-settings")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> jdbc.sql("SELECT display_concealed_names FROM tenant WHERE name = 'contoso.example'")
                                .query(Boolean.class)
                                .single()
                        == expected);
        browser.waitUntilIdle();
    }

    private String firstUserName() {
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));
        browser.wait(Duration.ofSeconds(20))
                .until(d -> !d.findElements(By.cssSelector("#user-table vaadin-grid-cell-content"))
                        .isEmpty());
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
