package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.savedviews.SavedViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Scheduling a saved view from the Usage overview (docs/scheduled-reports.md). */
@PortalIntegrationTest
class ScheduleBrowserIT extends BrowserTest {

    private static final String ADMIN = "global.admin@fabrikam.example";

    @Autowired
    SavedViews savedViews;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void a_saved_view_is_scheduled_from_the_usage_overview_and_listed_on_the_scheduled_reports_page() throws Exception {
        String name = "Weekly P2P " + System.nanoTime();
        testTenants.signIn(ADMIN);
        savedViews.save("usage/peer-to-peer-activity", "period=D30&sort=IM&order=desc", name, false);
        TestTenants.signOut();

        browser.signIn(ADMIN, DemoAccounts.PASSWORD);
        browser.open("/usage");
        browser.waitFor(By.id("saved-view-list"));
        browser.waitFor(By.cssSelector("a.schedule-saved-view[aria-label='Schedule the saved view " + name + "']"))
                .click();
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().startsWith("/my-schedules?view="));
        browser.waitFor(By.id("save-schedule"));
        browser.waitUntilIdle(); // the dialog has opened and its fields hold their values
        browser.script("arguments[0].click()", browser.waitFor(By.id("save-schedule")));
        try {
            browser.wait(Duration.ofSeconds(20))
                    .until(d -> d.findElements(By.cssSelector("#schedule-grid vaadin-grid-cell-content")).stream()
                            .anyMatch(cell -> cell.getText().equals(name)));
        } catch (org.openqa.selenium.TimeoutException notListed) {
            browser.screenshot("schedule-not-listed");
            throw new AssertionError(
                    "Not listed; the form says: "
                            + browser.script(
                                    "const e = document.getElementById('schedule-error'); return e ? e.textContent : 'no form'"),
                    notListed);
        }
        browser.waitUntilIdle();
        assertThat(browser.driver.findElements(By.cssSelector("#schedule-grid vaadin-grid-cell-content")).stream()
                        .map(cell -> cell.getText())
                        .toList())
                .contains("Weekly on Monday at 07:00 " + accountZone(), "CSV attachment", "Not sent yet");
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM report_schedule s JOIN saved_view v ON v.id = s.saved_view_id
                        WHERE v.name = :name AND s.frequency = 'WEEKLY' AND s.delivery = 'CSV'
                        """).param("name", name).query(Long.class).single()).isEqualTo(1);
        browser.screenshot("schedule-created-from-the-overview");
    }

    private String accountZone() {
        return jdbc.sql("SELECT time_zone FROM portal_account WHERE username = :u")
                .param("u", ADMIN)
                .query(String.class)
                .single();
    }
}
