package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Tables take the height the window leaves them instead of a fixed one, in a window as tall as a laptop's. */
@PortalIntegrationTest
class GridHeightsBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void tallWindowAgain() {
        browser.driver.manage().window().setSize(new Dimension(1400, 1800));
    }

    @Test
    void the_session_table_reaches_the_bottom_of_the_window_and_grows_with_it() throws Exception {
        String alias = jdbc.sql("""
                SELECT u.alias FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id AND t.name = 'contoso.example'
                JOIN comm_session s ON s.tenant_id = u.tenant_id AND s.from_user_id = u.id
                GROUP BY u.id, u.alias ORDER BY COUNT(*) DESC, u.id LIMIT 1
                """).query(String.class).single();
        browser.driver.manage().window().setSize(new Dimension(1400, 1100));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/session-details");
        browser.waitFor(By.cssSelector("#user-search input")).sendKeys(alias);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                        .anyMatch(item -> item.getText().startsWith(alias + "@")));
        browser.driver.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(item -> item.getText().startsWith(alias + "@"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
        browser.script("""
                const picker = document.getElementById('from');
                picker.value = '2020-01-01T00:00';
                picker.dispatchEvent(new CustomEvent('change', {bubbles: true}));
                """);
        browser.waitUntilIdle();
        browser.driver.findElement(By.id("search")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> !d.findElement(By.id("result-summary")).getText().isEmpty());
        browser.waitUntilIdle();

        double bottom = number("return document.getElementById('session-table').getBoundingClientRect().bottom");
        double window = number("return window.innerHeight");
        assertThat(bottom).as("the table ends where the window does").isBetween(window - 48, window);
        browser.screenshot("session-details-table-height");

        double before = number("return document.getElementById('session-table').getBoundingClientRect().height");
        browser.driver.manage().window().setSize(new Dimension(1400, 1500));
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(10)).until(d -> number("return window.innerHeight") > window + 200);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> number("return document.getElementById('session-table').getBoundingClientRect().bottom")
                        >= number("return window.innerHeight") - 48);
        double taller = number("return document.getElementById('session-table').getBoundingClientRect().height");
        assertThat(taller).as("and grows with the window").isGreaterThan(before + 200);
    }

    @Test
    void the_per_user_table_fills_the_window_when_scrolled_to() {
        browser.driver.manage().window().setSize(new Dimension(1400, 1000));
        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));

        double height = number("return document.getElementById('user-table').getBoundingClientRect().height");
        assertThat(height).isGreaterThan(number("return window.innerHeight") - 200);
    }

    @Test
    void the_active_users_table_fills_the_window_below_the_navigation_bar_when_scrolled_to_and_grows_with_it()
            throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1400, 900));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/active-users");
        browser.waitFor(By.id("active-users-grid"));
        browser.gridRows("active-users-grid");

        browser.script("document.getElementById('active-users-grid').scrollIntoView({block: 'end'})");
        browser.waitUntilIdle();
        double navbar = number("return document.querySelector('vaadin-app-layout').shadowRoot"
                + ".querySelector('[part=navbar]').getBoundingClientRect().bottom");
        double window = number("return window.innerHeight");
        double top = number("return document.getElementById('active-users-grid').getBoundingClientRect().top");
        double bottom = number("return document.getElementById('active-users-grid').getBoundingClientRect().bottom");
        browser.screenshot("active-users-table-height");
        assertThat(top).as("the table's top stays below the navigation bar").isGreaterThanOrEqualTo(navbar);
        assertThat(bottom).as("and its bottom in the window").isLessThanOrEqualTo(window);
        assertThat(bottom - top).as("filling what they leave").isGreaterThan(window - navbar - 80);

        browser.driver.manage().window().setSize(new Dimension(1400, 1400));
        browser.wait(Duration.ofSeconds(10)).until(d -> number("return window.innerHeight") > window + 400);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> number("return document.getElementById('active-users-grid').getBoundingClientRect().height")
                        > bottom - top + 400);
    }

    private double number(String script) {
        return ((Number) browser.script(script)).doubleValue();
    }
}
