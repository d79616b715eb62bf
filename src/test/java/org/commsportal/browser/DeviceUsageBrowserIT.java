package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The device usage page as an administrator uses it, in headless Chromium on the production build (demo data). */
@PortalIntegrationTest
class DeviceUsageBrowserIT extends BrowserTest {

    private static final List<String> PLATFORMS =
            List.of("Windows", "Windows Phone", "Android phone", "iPhone", "iPad", "Mac", "Web", "Other");

    @Test
    void an_administrator_sees_users_per_platform_the_unrecognised_clients_a_day_and_exports_the_table()
            throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/device-usage");
        browser.chooseInSelect("period", "Last 30 days");

        assertThat(seriesNames("users-chart"))
                .as("the demo data uses every platform")
                .isEqualTo(PLATFORMS);
        assertThat(pointsPerSeries("users-chart")).hasSize(8).allMatch(points -> points == 30);
        assertThat(pointsPerSeries("distribution-chart")).containsExactly(8);
        assertThat(browser.driver.getPageSource()).doesNotContain("<no-license");
        assertThat(browser.driver.findElement(By.id("data-as-of")).getText()).startsWith("Data as of ");
        assertThat(browser.gridRows("unknown-agents"))
                .extracting(row -> row.get(0))
                .contains("CPE/6.0.9319.510 (Polycom VVX 500)", "RoomSystem/2.1.0 (Conference Room)");
        long periodRows = gridSize();
        assertThat(periodRows).isPositive();

        WebElement chart = browser.driver.findElement(By.id("users-chart"));
        new Actions(browser.driver)
                .moveToElement(chart.getShadowRoot()
                        .findElements(By.cssSelector(".highcharts-legend-item"))
                        .get(0))
                .click()
                .perform();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> Boolean.FALSE.equals(browser.script(
                        "return document.getElementById('users-chart').configuration.series[0].visible")));
        browser.waitUntilIdle();
        assertThat(gridSize()).as("a legend click leaves the table alone").isEqualTo(periodRows);
        browser.screenshot("device-usage");

        String day = clickPoint("users-chart", 1, 27);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.driver
                        .findElement(By.id("day-marker"))
                        .getText()
                        .equals("day: " + day));
        browser.waitUntilIdle();
        assertThat(browser.gridRows("user-table"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.subList(3, 11)).allMatch(v -> v.equals("Yes") || v.equals("No")));
        browser.driver.findElement(By.id("remove-day")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> !browser.driver.findElement(By.id("day-marker")).isDisplayed());

        sortBy("iPhone");
        sortBy("iPhone"); // descending: users of an iPhone first
        assertThat(browser.gridRows("user-table").get(0).get(6)).isEqualTo("Yes");

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString())
                .matches("device-usage_D30-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}\\.csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines =
                new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("Report Refresh Date,User name,Display name,Last activity date (UTC),Windows,"
                        + "Windows Phone,Android Phone,iPhone,iPad,Mac,Web,Other,Report Period");
        assertThat(lines).hasSize((int) periodRows + 1);
        assertThat(lines.get(1)).contains(",Yes,").endsWith(",30");
    }

    @Test
    void a_usage_summary_reader_sees_the_charts_and_no_table() {
        browser.signIn(
                DemoAccounts.username(org.commsportal.security.Role.USAGE_SUMMARY_READER, DemoAccounts.CONTOSO),
                DemoAccounts.PASSWORD);
        browser.open("/usage/device-usage");
        browser.waitFor(By.id("charts-only"));
        assertThat(pointsPerSeries("users-chart")).isNotEmpty();
        assertThat(browser.driver.findElements(By.id("user-table"))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames(String chartId) {
        pointsPerSeries(chartId);
        return (List<String>) browser.script(
                "return document.getElementById(arguments[0]).configuration.series.map(s => s.name)", chartId);
    }

    @SuppressWarnings("unchecked")
    private List<Integer> pointsPerSeries(String chartId) {
        browser.waitFor(By.id(chartId));
        browser.wait(Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(browser.script(
                        "const c = document.getElementById(arguments[0]).configuration; return !!c && c.series.length > 0",
                        chartId)));
        return ((List<Long>) browser.script(
                        "return document.getElementById(arguments[0]).configuration.series.map(s => s.points.length)",
                        chartId))
                .stream().map(Long::intValue).toList();
    }

    /** Clicks a point through Highcharts' own click path, as PeerToPeerBrowserIT does; returns the point's day. */
    private String clickPoint(String chartId, int series, int index) {
        browser.script("""
                const c = document.getElementById(arguments[0]).configuration;
                const p = c.series[arguments[1]].points[arguments[2]];
                p.firePointEvent('click', {point: p, pageX: c.plotLeft + p.plotX, pageY: c.plotTop + p.plotY,
                    button: 0, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false});
                """, chartId, series, index);
        return (String) browser.script(
                "return document.getElementById(arguments[0]).configuration.xAxis[0].categories[arguments[1]]",
                chartId,
                index);
    }

    private long gridSize() {
        browser.waitUntilIdle();
        return ((Number) browser.script("return document.getElementById('user-table').size")).longValue();
    }

    private void sortBy(String header) {
        WebElement sorter = browser.driver.findElements(By.cssSelector("#user-table vaadin-grid-sorter")).stream()
                .filter(s -> s.getText().strip().equals(header))
                .findFirst()
                .orElseThrow();
        // a platform column may lie beyond the grid's right edge: scrolled to, as a person would
        browser.script(
                "arguments[0].scrollIntoView({block: 'center', inline: 'center'}); arguments[0].click();", sorter);
        browser.waitUntilIdle();
    }
}
