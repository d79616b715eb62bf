package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A usage report's view travels in its address (docs/pages.md#links): opened by another account, a link restores the
 * period, day, filter, sort and columns, as far as that account's roles and concealment allow.
 */
@PortalIntegrationTest
class ReportLinkBrowserIT extends ReportPageBrowserTest {

    @Autowired
    ActivityService activity;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void the_address_follows_the_view_and_the_same_address_opens_the_same_view_for_another_reader() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/peer-to-peer-activity");
        choosePeriod("Last 30 days");
        sortBy("IM");
        sortBy("IM"); // descending
        toggleColumn("Video minutes");
        browser.driver.findElement(By.cssSelector("#user-filter input")).sendKeys("a");
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("user=a"));
        String path = browser.currentPath();
        assertThat(path)
                .startsWith("/usage/peer-to-peer-activity?")
                .contains("period=D30", "sort=IM", "order=desc", "user=a", "columns=")
                .doesNotContain("VIDEO_MINUTES");
        List<List<String>> rows = visibleRows();
        List<String> headers = headers();
        toggleColumn("Video minutes"); // leave the account's remembered columns as they were

        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        browser.open(path);
        assertThat(pointsPerSeries("activity-chart")).allMatch(points -> points == 30);
        assertThat(browser.driver
                        .findElement(By.cssSelector("#user-filter input"))
                        .getAttribute("value"))
                .isEqualTo("a");
        assertThat(headers()).isEqualTo(headers).doesNotContain("Video minutes");
        assertThat(visibleRows()).isEqualTo(rows);
        assertThat(visibleRows().stream()
                        .map(row ->
                                Long.parseLong(row.get(headers.indexOf("IM")).replace(",", "")))
                        .toList())
                .isSortedAccordingTo(Comparator.reverseOrder());
        browser.screenshot("report-link-opened-by-another-reader");
    }

    @Test
    void a_linked_day_scopes_the_table_and_the_copy_button_confirms() {
        testTenants.signIn("global.admin");
        LocalDate reportDate = activity.reportDate();
        TestTenants.signOut();
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/conference-organizer-activity?period=D7&day=" + reportDate.minusDays(2));

        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("day-marker")).getText().equals("day: " + reportDate.minusDays(2)));
        browser.driver.findElement(By.id("copy-link")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream()
                        .anyMatch(text -> text.contains("Link copied") || text.contains("did not allow copying")));
        browser.driver.findElement(By.id("remove-day")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> !browser.currentPath().contains("day="));
    }

    @Test
    void a_bad_parameter_is_named_and_left_out_while_the_rest_applies() {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/device-usage?period=D999&day=2026-02-30&sort=NO_SUCH&columns=USER_NAME,WINDOWS&user="
                + "x".repeat(300));

        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream().anyMatch(text -> text.contains("period \"D999\" is not one of")));
        String message = notifications().stream()
                .filter(text -> text.contains("D999"))
                .findFirst()
                .orElseThrow();
        assertThat(message)
                .contains(
                        "day \"2026-02-30\" is not a date",
                        "sort \"NO_SUCH\" is not a visible column",
                        "user filter is longer than 200 characters")
                .doesNotContain("Exception");
        assertThat(headers()).containsExactly("User name", "Windows");
        assertThat(gridSize()).isPositive();
    }

    @Test
    void a_real_name_in_a_link_opened_by_a_concealed_viewer_finds_nobody() {
        String realName = jdbc.sql("""
                        SELECT u.upn FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id
                        WHERE t.name = 'fabrikam.example' ORDER BY u.id LIMIT 1
                        """).query(String.class).single();
        browser.signIn("global.admin@fabrikam.example", DemoAccounts.PASSWORD);
        browser.open("/usage/activity?period=D180&user=" + realName);

        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("user="));
        assertThat(gridSize()).isZero();
        assertThat(browser.driver.findElement(By.id("user-count")).getText()).startsWith("0 of ");
    }

    @Test
    void a_shared_saved_view_is_listed_on_the_usage_overview_and_opens_as_it_was_saved() throws Exception {
        String name = "Device month " + System.nanoTime();
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/device-usage");
        choosePeriod("Last 30 days");
        sortBy("Windows");
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("sort=WINDOWS"));
        String saved = browser.currentPath();
        browser.driver.findElement(By.id("save-view")).click();
        browser.waitFor(By.cssSelector("#saved-view-name input")).sendKeys(name, org.openqa.selenium.Keys.TAB);
        // the dialog's controls, clicked as soon as they exist (the dialog may still be moving in)
        browser.script("arguments[0].click()", browser.waitFor(By.id("saved-view-shared")));
        browser.script("arguments[0].click()", browser.waitFor(By.id("confirm-save-view")));
        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream().anyMatch(text -> text.contains("Usage overview lists it")));

        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        browser.open("/usage");
        browser.waitFor(By.id("saved-view-list"));
        var item = browser.driver.findElements(By.cssSelector("#saved-view-list li")).stream()
                .filter(li -> li.getText().contains(name))
                .findFirst()
                .orElseThrow();
        assertThat(item.getText()).contains("Device usage", "shared by global.admin");
        item.findElement(By.tagName("a")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().startsWith("/usage/device-usage?"));
        browser.waitUntilIdle();
        assertThat(browser.currentPath()).isEqualTo(saved);
        assertThat(pointsPerSeries("users-chart")).allMatch(points -> points == 30);
        browser.screenshot("saved-view-opened-from-the-overview");
    }

    @Test
    void the_call_quality_filters_travel_in_the_address_and_a_saved_quality_view_opens_them_for_a_summary_reader()
            throws Exception {
        String name = "Wi-Fi audio " + System.nanoTime();
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/quality");
        browser.waitFor(By.id("summary"));
        browser.chooseInSelect("range", "Last 7 days");
        browser.chooseInSelect("modality", "Audio");
        browser.chooseInSelect("connection-filter", "Wi-Fi");
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("connection="));
        String path = browser.currentPath();
        assertThat(path).startsWith("/quality?").contains("range=D7", "modality=audio");
        String summary = browser.driver.findElement(By.id("summary")).getText();
        browser.driver.findElement(By.id("save-view")).click();
        browser.waitFor(By.cssSelector("#saved-view-name input")).sendKeys(name, org.openqa.selenium.Keys.TAB);
        browser.script("arguments[0].click()", browser.waitFor(By.id("saved-view-shared")));
        browser.script("arguments[0].click()", browser.waitFor(By.id("confirm-save-view")));
        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream().anyMatch(text -> text.contains("Usage overview lists it")));

        browser.signIn("usage.reader", DemoAccounts.PASSWORD);
        browser.open("/usage");
        browser.waitFor(By.id("saved-view-list"));
        var item = browser.driver.findElements(By.cssSelector("#saved-view-list li")).stream()
                .filter(li -> li.getText().contains(name))
                .findFirst()
                .orElseThrow();
        assertThat(item.getText()).contains("Call quality");
        item.findElement(By.tagName("a")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().startsWith("/quality?"));
        browser.waitFor(By.id("summary"));
        browser.waitUntilIdle();
        assertThat(browser.currentPath()).isEqualTo(path);
        assertThat(browser.driver.findElement(By.id("summary")).getText()).isEqualTo(summary);
        assertThat(browser.driver.findElement(By.id("range")).getText()).contains("Last 7 days");
        browser.screenshot("quality-view-opened-from-a-saved-view");
    }

    @Test
    void reliability_feedback_and_active_users_restore_their_links_and_name_what_they_cannot_use() {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/quality/reliability?range=D90&modality=video&codes=480,503");
        browser.waitFor(By.id("summary"));
        browser.waitUntilIdle();
        assertThat(browser.currentPath()).contains("range=D90", "modality=video", "codes=480%2C503");
        assertThat(browser.driver.findElement(By.id("range")).getText()).contains("Last 90 days");

        browser.open("/quality/reliability?range=D999&modality=fax&codes=abc&vpn=maybe");
        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream().anyMatch(text -> text.contains("range \"D999\"")));
        assertThat(notifications().stream()
                        .filter(text -> text.contains("D999"))
                        .findFirst()
                        .orElseThrow())
                .contains("modality \"fax\"", "codes \"abc\"", "vpn \"maybe\"")
                .doesNotContain("Exception");
        assertThat(browser.currentPath()).isEqualTo("/quality/reliability");

        browser.open("/quality/feedback?from=2026-01-01&to=2026-01-31&conference=conference");
        browser.waitFor(By.id("summary"));
        browser.waitUntilIdle();
        assertThat(browser.currentPath()).contains("from=2026-01-01", "to=2026-01-31", "conference=");
        assertThat(browser.driver.findElement(By.id("summary")).getText()).contains("2026-01-01");

        browser.open("/usage/active-users?period=weekly&zone=Asia/Kathmandu");
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("data-as-of")).getText().contains("Asia/Kathmandu"));
        assertThat(browser.driver.findElement(By.id("period")).getText()).contains("Weekly");
        assertThat(browser.currentPath()).contains("period=weekly", "zone=Asia");

        browser.open("/usage/active-users?period=hourly&zone=Mars/Olympus");
        browser.wait(Duration.ofSeconds(10))
                .until(d -> notifications().stream().anyMatch(text -> text.contains("period \"hourly\"")));
        assertThat(notifications().stream()
                        .filter(text -> text.contains("hourly"))
                        .findFirst()
                        .orElseThrow())
                .contains("zone \"Mars/Olympus\"");
    }

    @SuppressWarnings("unchecked")
    private List<String> notifications() {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('vaadin-notification-card')].map(c => c.textContent)");
    }
}
