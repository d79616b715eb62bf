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

/** The PSTN usage page as an administrator uses it, in headless Chromium on the production build (demo data). */
@PortalIntegrationTest
class PstnUsageBrowserIT extends BrowserTest {

    @Test
    void an_administrator_sees_minutes_per_day_the_masked_calls_a_day_a_direction_and_exports_them() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/pstn-usage");
        browser.chooseInSelect("period", "Last 30 days");

        assertThat(seriesNames("type-chart"))
                .containsExactly("Outbound", "Inbound", "Conference dial-in", "Conference dial-out");
        assertThat(seriesNames("reach-chart")).containsExactly("Domestic", "International", "Unknown");
        assertThat(pointsPerSeries("type-chart")).allMatch(points -> points == 30);
        assertThat(browser.driver.getPageSource()).doesNotContain("<no-license");
        String zone = browser.driver.findElement(By.id("time-zone")).getText();
        assertThat(zone).startsWith("Times in ");
        long periodRows = gridSize();
        assertThat(periodRows).isPositive();
        List<List<String>> rows = browser.gridRows("user-table");
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(row.get(3)).matches("\\+\\d+xxxx");
        });
        assertThat(rows).extracting(row -> row.get(7)).contains("International");
        browser.screenshot("pstn-usage");

        String day = clickPoint("type-chart", 0, 27);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.driver
                        .findElement(By.id("day-marker"))
                        .getText()
                        .equals("day: " + day));
        browser.waitUntilIdle();
        assertThat(gridSize()).isLessThan(periodRows);
        browser.driver.findElement(By.id("remove-day")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> !browser.driver.findElement(By.id("day-marker")).isDisplayed());

        browser.chooseInSelect("direction-filter", "Inbound");
        long inbound = gridSize();
        assertThat(inbound).isPositive().isLessThan(periodRows);
        assertThat(browser.gridRows("user-table"))
                .allSatisfy(row -> assertThat(row.get(5)).isEqualTo("Inbound"));
        assertThat(browser.driver.findElement(By.id("call-count")).getText()).isEqualTo(inbound + " calls");

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString())
                .matches("pstn-usage_D30-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}_inbound\\.csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines =
                new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("Start time (" + zone.substring("Times in ".length()) + "),User,User number,Other number,"
                        + "Call type,Direction,Destination country,Domestic / international,Duration (seconds)");
        assertThat(lines).hasSize((int) inbound + 1);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",Inbound,"));
    }

    @Test
    void a_usage_summary_reader_sees_the_charts_and_no_calls() {
        browser.signIn(
                DemoAccounts.username(org.commsportal.security.Role.USAGE_SUMMARY_READER, DemoAccounts.CONTOSO),
                DemoAccounts.PASSWORD);
        browser.open("/usage/pstn-usage");
        browser.waitFor(By.id("charts-only"));
        assertThat(pointsPerSeries("type-chart")).isNotEmpty();
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
}
