package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.security.Role;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The active users page in headless Chromium on the production build: its chart and table show, for each period
 * length and time zone, exactly what the service (and so the reporting web service) answers for the same tenant.
 */
@PortalIntegrationTest
class ActiveUsersBrowserIT extends BrowserTest {

    private static final String GRID = "active-users-grid";
    private static final String CHART = "active-users-chart";
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    @Autowired
    ActiveUsersService service;

    @Autowired
    ViewerTimeZone viewerTimeZone;

    @Autowired
    TestTenants testTenants;

    @Autowired
    TenantService tenants;

    @Test
    void an_administrator_sees_the_service_figures_per_period_length_and_time_zone() throws Exception {
        testTenants.signIn("global.admin");
        ZoneId ownZone = viewerTimeZone.current();

        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/active-users");
        assertThat(browser.waitFor(By.id("explanation")).getText())
                .isEqualTo("Distinct licensed users with audio or "
                        + "video in use at some moment of the period, in " + ownZone.getId()
                        + ". Daily figures stop at the "
                        + "last complete day; the current week, month and year are included. Only periods wholly within the "
                        + "retained data (the last " + tenants.current().retentionDays() + " days) are shown.");
        assertThat(browser.driver.findElement(By.id("data-as-of")).getText())
                .startsWith("Data as of ")
                .endsWith("(" + ownZone.getId() + ")");
        assertPageShows(service.report(ActiveUserPeriod.DAILY, ownZone));
        browser.screenshot("active-users-daily");

        choosePeriod("Weekly");
        assertPageShows(service.report(ActiveUserPeriod.WEEKLY, ownZone));

        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        chooseZone(kathmandu);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("explanation")).getText().contains("in Asia/Kathmandu."));
        assertPageShows(service.report(ActiveUserPeriod.WEEKLY, kathmandu));
        browser.screenshot("active-users-weekly-kathmandu");

        choosePeriod("Monthly");
        assertPageShows(service.report(ActiveUserPeriod.MONTHLY, kathmandu));
        choosePeriod("Yearly");
        assertPageShows(service.report(ActiveUserPeriod.YEARLY, kathmandu));
    }

    @Test
    void a_period_length_without_a_whole_retained_period_says_there_is_no_data() {
        Tenant tenant = testTenants.newTenant("active-users-page");
        String admin = testTenants.newAccount(tenant, Role.GLOBAL_ADMIN);
        testTenants.signIn(admin);
        // One retained day: no whole day of any zone before today lies within it
        tenants.updateSettings(true, 1, "UTC");
        ZoneId ownZone = viewerTimeZone.current();
        assertThat(service.report(ActiveUserPeriod.DAILY, ownZone).rows()).isEmpty();

        browser.signIn(admin, TestTenants.PASSWORD);
        browser.open("/usage/active-users");

        assertThat(browser.waitFor(By.id("no-data")).getText()).startsWith("No data for this period length");
        assertThat(browser.driver.findElements(By.id(GRID))).noneMatch(WebElement::isDisplayed);
        assertThat(browser.driver.findElements(By.id(CHART))).isEmpty();
        assertThat(browser.driver.findElement(By.id("explanation")).getText()).contains("(the last 1 days)");
    }

    @Test
    void chart_and_table_format_numbers_as_the_browsers_locale_does_on_a_page_opened_first() {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        // straight to this page: no other chart page of the tab has set the charts' number format before
        browser.open("/usage/active-users");
        browser.wait(Duration.ofSeconds(20)).until(d -> categories() != null);

        Object formatted = browser.script("""
                const chart = document.getElementById(arguments[0]).configuration;
                return [chart.numberFormatter(2451, -1), chart.numberFormatter(12345.5, 1),
                        new Intl.NumberFormat(navigator.language).format(2451),
                        new Intl.NumberFormat(navigator.language, {minimumFractionDigits: 1}).format(12345.5)];
                """, CHART);
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) formatted;
        assertThat(texts.get(0)).as("a tooltip's or axis label's whole number").isEqualTo(texts.get(2));
        assertThat(texts.get(1)).as("and a fraction").isEqualTo(texts.get(3));
        List<String> newestFirst = new ArrayList<>(
                points().stream().map(n -> localNumber(n.longValue())).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(allGridRows().stream().map(row -> row.get(2)).toList())
                .as("the table's figures")
                .isEqualTo(newestFirst);
    }

    /** A whole number as the browser's language writes it (Intl.NumberFormat), independently of the page. */
    private String localNumber(long value) {
        return (String) browser.script("return new Intl.NumberFormat(navigator.language).format(arguments[0])", value);
    }

    /** The chart has one point per period, oldest first, and the grid the same rows newest first. */
    private void assertPageShows(ActiveUserReport report) {
        assertThat(report.rows()).isNotEmpty();
        List<String> labels =
                report.rows().stream().map(row -> label(report.period(), row)).toList();
        try {
            browser.wait(Duration.ofSeconds(20)).until(d -> labels.equals(categories()));
        } catch (TimeoutException e) {
            // the page never showed these periods: say what it shows instead
            assertThat(categories()).as("chart categories").isEqualTo(labels);
        }
        assertThat(points())
                .as("chart points")
                .isEqualTo(
                        report.rows().stream().map(ActiveUserRow::activeUsers).toList());
        WebElement chart = browser.driver.findElement(By.id(CHART));
        assertThat(chart.getShadowRoot().findElements(By.cssSelector(".highcharts-series .highcharts-point")))
                .isNotEmpty();

        List<List<String>> expected = new ArrayList<>();
        for (ActiveUserRow row : report.rows()) {
            expected.add(
                    0,
                    List.of(label(report.period(), row), DATE_TIME.format(row.date()), localNumber(row.activeUsers())));
        }
        assertThat(allGridRows()).isEqualTo(expected);
        assertThat(report.rows()).as("the demo tenant has active users").anyMatch(row -> row.activeUsers() > 0);
    }

    /** Written independently of the page: a row's date is the midnight that closes its period. */
    private static String label(ActiveUserPeriod period, ActiveUserRow row) {
        LocalDate end = row.date().toLocalDate();
        return switch (period) {
            case DAILY -> end.minusDays(1).toString();
            case WEEKLY -> "Week of " + end.minusWeeks(1);
            case MONTHLY -> MONTH.format(end.minusMonths(1));
            case YEARLY -> String.valueOf(end.getYear() - 1);
        };
    }

    @SuppressWarnings("unchecked")
    private List<String> categories() {
        browser.waitUntilIdle();
        return (List<String>) browser.script("""
                const el = document.getElementById(arguments[0]);
                const c = el && el.configuration;
                return c && c.series.length > 0 ? c.xAxis[0].categories : null;
                """, CHART);
    }

    @SuppressWarnings("unchecked")
    private List<Long> points() {
        return (List<Long>) browser.script(
                "return document.getElementById(arguments[0]).configuration.series[0]" + ".points.map(p => p.y)",
                CHART);
    }

    /** Every row of the grid, scrolling it so that each row renders once. */
    @SuppressWarnings("unchecked")
    private List<List<String>> allGridRows() {
        browser.waitUntilIdle();
        long size = ((Number) browser.script("return document.getElementById(arguments[0]).size", GRID)).longValue();
        Map<Long, List<String>> rows = new TreeMap<>();
        while (rows.size() < size) {
            long next = 0;
            while (rows.containsKey(next)) {
                next++;
            }
            long target = next;
            browser.script("document.getElementById(arguments[0]).scrollToIndex(arguments[1])", GRID, target);
            browser.wait(Duration.ofSeconds(10)).until(d -> {
                List<List<Object>> rendered = renderedRows();
                rendered.forEach(row -> {
                    List<String> cells = (List<String>) (List<?>) row.subList(1, row.size());
                    if (cells.stream().noneMatch(String::isEmpty)) {
                        rows.put(((Number) row.get(0)).longValue(), cells);
                    }
                });
                return rows.containsKey(target);
            });
        }
        return new ArrayList<>(rows.values());
    }

    /** The rendered body rows as [index, cell texts...]. */
    @SuppressWarnings("unchecked")
    private List<List<Object>> renderedRows() {
        browser.waitUntilIdle();
        return (List<List<Object>>) browser.script("""
                const grid = document.getElementById(arguments[0]);
                if (grid.loading) {
                    return [];
                }
                return [...grid.shadowRoot.querySelectorAll('#items tr')]
                    .filter(tr => !tr.hidden && tr.index !== undefined && tr.index < grid.size)
                    .map(tr => [tr.index, ...[...tr.querySelectorAll('td')].filter(td => !td.hidden).map(td => {
                        const slot = td.querySelector('slot');
                        const content = slot && slot.assignedNodes()[0];
                        return content ? content.textContent.trim() : '';
                    })]);
                """, GRID);
    }

    private void choosePeriod(String label) {
        browser.chooseInSelect("period", label);
    }

    private void chooseZone(ZoneId zone) {
        WebElement input = browser.waitFor(By.cssSelector("#time-zone input"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), zone.getId());
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                        .anyMatch(item -> item.isDisplayed() && item.getText().startsWith(zone.getId() + " ")));
        browser.driver.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(item -> item.isDisplayed() && item.getText().startsWith(zone.getId() + " "))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
    }
}
