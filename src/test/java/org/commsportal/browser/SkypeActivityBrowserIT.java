package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.pstn.PstnUsageService;
import org.commsportal.skypeactivity.ActivityDay;
import org.commsportal.skypeactivity.ConferenceDay;
import org.commsportal.skypeactivity.SkypeActivityPage;
import org.commsportal.skypeactivity.SkypeActivityQuery;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.commsportal.skypeactivity.SkypeActivityUserRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Skype for Business activity, conference organizer and participant pages and the usage overview as an
 * administrator uses them in Chromium on the production build: every chart point and the table's first rows are the
 * service's figures (which SkypeActivityIT recomputes from raw rows), a day click scopes the table, exports stream
 * the table, and the pages fit a phone.
 */
@PortalIntegrationTest
class SkypeActivityBrowserIT extends ReportPageBrowserTest {

    @Autowired
    SkypeActivityService service;

    @Autowired
    TestTenants testTenants;

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Autowired
    PstnUsageService pstnUsage;

    @Test
    void the_activity_page_draws_the_services_figures_and_a_day_click_scopes_the_table() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/activity");
        browser.chooseInSelect("period", "Last 30 days");
        assertThat(pointsPerSeries("activity-chart")).containsExactly(30, 30, 30);
        assertThat(pointsPerSeries("users-chart")).containsExactly(30, 30, 30);

        testTenants.signIn("global.admin");
        LocalDate to = service.reportDate();
        List<ActivityDay> days = service.days(service.firstDay(ReportPeriod.D30), to);
        assertThat(series("activity-chart", 0))
                .isEqualTo(days.stream().map(ActivityDay::peerToPeerSessions).toList());
        assertThat(series("activity-chart", 1))
                .isEqualTo(days.stream().map(ActivityDay::conferencesOrganized).toList());
        assertThat(series("users-chart", 2))
                .isEqualTo(days.stream().map(ActivityDay::participants).toList());
        assertThat(days.stream().mapToLong(ActivityDay::conferencesOrganized).sum())
                .as("the demo data fills the chart")
                .isPositive();

        List<SkypeActivityUserRow> expected =
                service.users(SkypeActivityQuery.of(SkypeActivityPage.ACTIVITY, ReportPeriod.D30), 0, 5);
        List<List<String>> rows = browser.gridRows("user-table");
        assertThat(rows.get(0).get(0)).isEqualTo(expected.get(0).userName());
        assertThat(rows.get(0).get(4)).isEqualTo(String.valueOf(expected.get(0).peerToPeerSessions()));
        assertThat(rows.get(0).get(5))
                .isEqualTo(String.valueOf(expected.get(0).organized().conferences()));
        browser.screenshot("skype-for-business-activity");

        String day = clickPoint("activity-chart", 1, 27);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("day-marker")).getText().equals("day: " + day));
        browser.waitUntilIdle();
        List<SkypeActivityUserRow> ofDay = service.users(
                SkypeActivityQuery.of(SkypeActivityPage.ACTIVITY, ReportPeriod.D30)
                        .withDay(LocalDate.parse(day))
                        .sortedBy(org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED, false),
                0,
                1);
        sortBy("Conferences organized");
        sortBy("Conferences organized");
        assertThat(browser.gridRows("user-table").get(0).get(5))
                .isEqualTo(String.valueOf(ofDay.get(0).organized().conferences()));

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString()).isEqualTo("skype-for-business-activity_day-" + day + ".csv");
        List<String> lines = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();
        assertThat(lines.get(0))
                .isEqualTo("Report Refresh Date,User name,Deleted,Deleted date,Last activity date (UTC),"
                        + "Peer-to-peer sessions,Conferences organized,Conferences participated,"
                        + "Peer-to-peer last activity date,Organized last activity date,"
                        + "Participated last activity date,Report Date,Report Period");
        assertThat(lines).hasSize((int) gridSize() + 1);
    }

    @Test
    void the_conference_pages_show_conferences_users_and_minutes_by_type() throws Exception {
        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        testTenants.signIn("reports.reader");
        LocalDate to = service.reportDate();
        LocalDate from = service.firstDay(ReportPeriod.D7);
        for (String page : List.of("conference-organizer-activity", "conference-participant-activity")) {
            browser.open("/usage/" + page);
            boolean organizer = page.contains("organizer");
            // IM, audio/video, application sharing, web, dial-in/out third party (and Microsoft for organizers)
            Integer[] types = organizer ? new Integer[] {7, 7, 7, 7, 7, 7} : new Integer[] {7, 7, 7, 7, 7};
            assertThat(pointsPerSeries("activity-chart")).containsExactly(types);
            assertThat(pointsPerSeries("users-chart")).containsExactly(types);
            // audio/video (and dial-in and dial-out Microsoft for organizers)
            assertThat(pointsPerSeries("minutes-chart"))
                    .containsExactly(organizer ? new Integer[] {7, 7, 7} : new Integer[] {7});
            List<ConferenceDay> days = organizer ? service.organizedDays(from, to) : service.participatedDays(from, to);
            assertThat(series("activity-chart", 1))
                    .isEqualTo(days.stream().map(ConferenceDay::audioVideo).toList());
            assertThat(series("activity-chart", 3))
                    .as("web conferencing, said by the demo's records")
                    .isEqualTo(days.stream().map(ConferenceDay::web).toList());
            assertThat(series("minutes-chart", 0))
                    .isEqualTo(
                            days.stream().map(ConferenceDay::audioVideoMinutes).toList());
            if (organizer) {
                assertThat(series("minutes-chart", 1))
                        .isEqualTo(days.stream()
                                .map(ConferenceDay::dialInMicrosoftMinutes)
                                .toList());
            }
            assertThat(browser.driver.findElement(By.id("report-note")).getText())
                    .contains("a gap rather than a zero");
            assertThat(gridSize()).isPositive();
            browser.screenshot(page);
        }
    }

    @Test
    void the_overview_shows_a_card_per_report_with_the_report_dates_figure() throws Exception {
        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        browser.open("/usage");
        browser.waitFor(By.id("overview-cards"));
        testTenants.signIn("reports.reader");
        LocalDate to = service.reportDate();
        ActivityDay last = service.days(to, to).get(0);
        assertThat(browser.driver
                        .findElement(By.id("figure-activity"))
                        .getText()
                        .replaceAll("\\D", ""))
                .isEqualTo(String.valueOf(last.peerToPeerSessions()));
        assertThat(browser.driver
                        .findElement(By.id("figure-conference-organizer-activity"))
                        .getText()
                        .replaceAll("\\D", ""))
                .isEqualTo(String.valueOf(last.conferencesOrganized()));
        var pstnDays = pstnUsage.report(ReportPeriod.D30).days();
        assertThat(browser.driver
                        .findElement(By.id("figure-pstn-usage"))
                        .getText()
                        .replaceAll("\\D", ""))
                .isEqualTo(String.valueOf(pstnDays.get(pstnDays.size() - 1).international()));
        assertThat(browser.driver.findElements(By.cssSelector("#overview-cards .overview-card")))
                .hasSizeGreaterThanOrEqualTo(6);
        browser.screenshot("usage-overview");

        browser.driver.findElement(By.cssSelector("#card-activity a")).click();
        browser.waitFor(By.id("skype-for-business-activity"));
    }

    @Test
    void the_pages_fit_a_phone() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String page : List.of("usage", "usage/activity", "usage/conference-organizer-activity")) {
                browser.open("/" + page);
                browser.waitUntilIdle();
                Number overflow = (Number) browser.script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(overflow.intValue()).as(page + " scrolls sideways").isLessThanOrEqualTo(0);
                browser.screenshot("phone-" + page.replace('/', '-'));
            }
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1800));
        }
    }

    @SuppressWarnings("unchecked")
    private List<Long> series(String chartId, int index) {
        return ((List<Number>) browser.script(
                        "return document.getElementById(arguments[0]).configuration.series[arguments[1]]"
                                + ".points.map(p => p.y)",
                        chartId,
                        index))
                .stream().map(Number::longValue).toList();
    }
}
