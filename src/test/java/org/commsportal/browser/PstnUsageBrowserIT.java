package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.pstn.PstnUsageService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The PSTN usage page as an administrator uses it, in headless Chromium on the production build (demo data). */
@PortalIntegrationTest
class PstnUsageBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PstnUsageService pstnUsage;

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
        assertThat(browser.driver.findElement(By.id("call-count")).getText()).startsWith(inbound + " calls, ");
        // the view is in the address: another reader opens the same calls
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("direction=inbound"));
        String link = browser.currentPath();
        assertThat(link).startsWith("/usage/pstn-usage?").contains("period=D30");

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
                        + "Call type,Direction,Destination country,Domestic / international,Duration (seconds),Charge,"
                        + "Currency");
        assertThat(lines).hasSize((int) inbound + 1);
        assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",Inbound,"));

        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        browser.open(link);
        browser.wait(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("call-count")).getText().startsWith(inbound + " calls, "));
        assertThat(gridSize()).isEqualTo(inbound);
        assertThat(pointsPerSeries("type-chart")).allMatch(points -> points == 30);
        assertThat(browser.gridRows("user-table"))
                .allSatisfy(row -> assertThat(row.get(5)).isEqualTo("Inbound"));

        // Copy link and Save view beside the period (saving a PSTN view and attaching its table: PstnChargesIT)
        assertThat(browser.driver.findElement(By.id("copy-link")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("save-view")).isDisplayed()).isTrue();
    }

    @Test
    void an_administrator_sets_rates_bad_ones_are_named_and_the_calls_show_their_charge_and_total() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/admin/pstn-rates");
        type("rate-currency", "EUR");
        addRate("XX", "0.05", "");
        browser.driver.findElement(By.id("save-rates")).click();
        awaitProblem("country \"XX\" is not an ISO 3166 region code");
        removeRate("XX");
        addRate("US", "-1", "");
        browser.driver.findElement(By.id("save-rates")).click();
        awaitProblem("the price per minute -1 is negative");
        removeRate("US");
        addRate("US", "0.05", "0.10");
        browser.driver.findElement(By.id("save-rates")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("rate-problems")).getText().isEmpty()
                        && d.findElement(By.id("unsaved")).getText().isEmpty());
        assertThat(browser.gridRows("rates"))
                .singleElement()
                .satisfies(row ->
                        assertThat(row.subList(0, 4)).containsExactly("US", "Outbound (user_out)", "0.05", "0.1"));

        browser.open("/usage/pstn-usage?period=D30&direction=outbound&country=US&columns=START_TIME,DURATION,CHARGE,"
                + "CURRENCY&sort=CHARGE&order=desc");
        browser.wait(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("charge-total")).getText().startsWith("Charge "));
        // the total against a recomputation from the read model's rows: per started minute, plus the fee
        LocalDate reportDate = pstnUsage.reportDate();
        List<Long> durations = jdbc.sql("""
                        SELECT p.duration_ms FROM pstn_call p JOIN tenant t ON t.id = p.tenant_id
                        WHERE t.name = 'contoso.example' AND p.destination_country = 'US' AND p.call_type IN (1, 4)
                            AND p.start_time >= :from AND p.start_time < :to
                        """)
                .param("from", reportDate.minusDays(29).atStartOfDay())
                .param("to", reportDate.plusDays(1).atStartOfDay())
                .query(Long.class)
                .list();
        BigDecimal userOut = BigDecimal.ZERO;
        List<Long> outbound = jdbc.sql("""
                        SELECT p.duration_ms FROM pstn_call p JOIN tenant t ON t.id = p.tenant_id
                        WHERE t.name = 'contoso.example' AND p.destination_country = 'US' AND p.call_type = 1
                            AND p.start_time >= :from AND p.start_time < :to
                        """)
                .param("from", reportDate.minusDays(29).atStartOfDay())
                .param("to", reportDate.plusDays(1).atStartOfDay())
                .query(Long.class)
                .list();
        for (long ms : outbound) {
            userOut = userOut.add(
                    ms == 0
                            ? BigDecimal.ZERO
                            : new BigDecimal("0.10")
                                    .add(new BigDecimal("0.05").multiply(BigDecimal.valueOf((ms + 59_999) / 60_000))));
        }
        assertThat(outbound).isNotEmpty();
        assertThat(browser.driver.findElement(By.id("charge-total")).getText())
                .isEqualTo("Charge " + userOut.setScale(2, RoundingMode.HALF_UP).toPlainString() + " EUR");
        assertThat(gridSize()).isEqualTo(durations.size());
        assertThat(headers())
                .containsExactly("Start time (" + zone() + ")", "Duration (seconds)", "Charge", "Currency");
        List<List<String>> rows = browser.gridRows("user-table");
        // sorted by charge, highest first; conference dial-outs have no rate and come last
        assertThat(rows.get(0).get(2)).matches("\\d+\\.\\d{2}");
        assertThat(rows.get(0).get(3)).isEqualTo("EUR");
        assertThat(rows.stream()
                        .map(row -> row.get(2))
                        .filter(cell -> !cell.isEmpty())
                        .map(BigDecimal::new)
                        .toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        browser.screenshot("pstn-usage-charges");

        jdbc.sql("DELETE r FROM pstn_rate r JOIN tenant t ON t.id = r.tenant_id WHERE t.name = 'contoso.example'")
                .update();
    }

    @Test
    void a_real_name_in_a_pstn_link_opened_by_a_concealed_viewer_finds_no_call() {
        String realName = jdbc.sql("""
                        SELECT p.user_upn FROM pstn_call p JOIN tenant t ON t.id = p.tenant_id
                        JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
                        WHERE t.name = 'fabrikam.example' ORDER BY p.start_time DESC LIMIT 1
                        """).query(String.class).single();
        browser.signIn("global.admin@fabrikam.example", DemoAccounts.PASSWORD);
        browser.open("/usage/pstn-usage?period=D180");
        assertThat(gridSize()).isPositive();
        browser.open("/usage/pstn-usage?period=D180&user=" + realName);
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("user="));
        assertThat(gridSize()).isZero();
        assertThat(browser.driver.findElement(By.id("call-count")).getText()).startsWith("0 calls");
    }

    private void type(String id, String text) {
        var input = browser.waitFor(By.cssSelector("#" + id + " input"));
        input.clear();
        input.sendKeys(text, Keys.TAB);
    }

    private void addRate(String country, String price, String fee) throws Exception {
        type("rate-country", country);
        type("rate-price", price);
        type("rate-fee", fee);
        browser.driver.findElement(By.id("add-rate")).click();
        browser.waitUntilIdle();
        browser.screenshot("pstn-rates-" + country);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.gridRows("rates").stream()
                        .anyMatch(row -> row.get(0).equals(country)));
    }

    /** Clicks the Remove button of the rate's row. */
    private void removeRate(String country) {
        browser.driver.findElements(By.cssSelector("#rates vaadin-button")).stream()
                .filter(button -> ("remove-" + country + "-user_out").equals(button.getAttribute("id")))
                .findFirst()
                .orElseThrow()
                .click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.gridRows("rates").stream()
                        .noneMatch(row -> row.get(0).equals(country)));
    }

    private void awaitProblem(String text) {
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("rate-problems")).getText().contains(text));
    }

    private String zone() {
        return browser.driver.findElement(By.id("time-zone")).getText().substring("Times in ".length());
    }

    /** The header texts of the columns the grid shows (every column has a sorter with its header text). */
    private List<String> headers() {
        browser.waitUntilIdle();
        return browser.driver.findElements(By.cssSelector("#user-table vaadin-grid-sorter")).stream()
                .filter(org.openqa.selenium.WebElement::isDisplayed)
                .map(sorter -> sorter.getText().strip())
                .toList();
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
