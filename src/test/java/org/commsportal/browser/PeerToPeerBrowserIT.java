package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The peer-to-peer activity page as an administrator uses it, in headless Chromium on the production build. */
@PortalIntegrationTest
class PeerToPeerBrowserIT extends ReportPageBrowserTest {

    @Test
    void an_administrator_reads_charts_drills_into_a_day_sorts_filters_and_exports_the_table() throws Exception {
        browser.signIn("global.admin", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");

        choosePeriod("Last 30 days");
        assertThat(pointsPerSeries("activity-chart")).containsExactly(30, 30, 30, 30, 30);
        assertThat(pointsPerSeries("users-chart")).containsExactly(30, 30, 30, 30, 30);
        assertThat(pointsPerSeries("minutes-chart")).containsExactly(30, 30);
        assertThat(browser.driver.findElement(By.id("data-as-of")).getText()).startsWith("Data as of ");
        long periodRows = gridSize();
        assertThat(periodRows).isPositive();

        WebElement activityChart = browser.driver.findElement(By.id("activity-chart"));
        // Where a person clicks the legend entry; Highcharts lays an accessible button over it
        new Actions(browser.driver)
                .moveToElement(activityChart
                        .getShadowRoot()
                        .findElements(By.cssSelector(".highcharts-legend-item"))
                        .get(0))
                .click()
                .perform();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> Boolean.FALSE.equals(browser.script(
                        "return document.getElementById('activity-chart').configuration.series[0].visible")));
        browser.waitUntilIdle();
        assertThat(gridSize()).as("a legend click leaves the table alone").isEqualTo(periodRows);
        browser.screenshot("peer-to-peer-activity");

        String day = clickPoint("activity-chart", 1, 27);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.driver
                        .findElement(By.id("day-marker"))
                        .getText()
                        .equals("day: " + day));
        browser.waitUntilIdle();
        browser.driver.findElement(By.id("remove-day")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> !browser.driver.findElement(By.id("day-marker")).isDisplayed());

        sortBy("IM");
        sortBy("IM"); // second click: descending
        List<List<String>> rows = visibleRows();
        List<Long> im = rows.stream()
                .map(row -> Long.parseLong(row.get(4).replace(",", "")))
                .toList();
        assertThat(im).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        String someone = rows.get(0).get(0);
        String part = someone.substring(0, someone.indexOf('@'));
        browser.driver.findElement(By.cssSelector("#user-filter input")).sendKeys(part);
        browser.wait(Duration.ofSeconds(10)).until(d -> gridSize() < periodRows);
        browser.waitUntilIdle();
        assertThat(visibleRows())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(0)).contains(part));
        long filteredRows = gridSize();

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString())
                .as("report, period, its days and the filter")
                .matches("peer-to-peer-activity_D30-\\d{4}-\\d{2}-\\d{2}-to-\\d{4}-\\d{2}-\\d{2}_user-name-contains-"
                        + java.util.regex.Pattern.quote(part) + "\\.csv");
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines =
                new String(bytes, StandardCharsets.UTF_8).substring(1).lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "Report Refresh Date,User name,Deleted,Deleted date,Last activity date (UTC),"
                                + "IM,Audio,Video,Application sharing,File transfers,Audio minutes,Video minutes,Report Period");
        assertThat(lines).hasSize((int) filteredRows + 1);
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).contains(part).matches("\\d{4}-\\d{2}-\\d{2},.*,30"));
    }

    @Test
    void the_table_says_how_many_users_it_holds_and_how_many_the_filter_leaves() {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        long all = gridSize();
        assertThat(all).isGreaterThan(1);
        assertThat(browser.waitFor(By.id("user-count")).getText()).isEqualTo(all + " users");

        String someone = visibleRows().get(0).get(0);
        String part = someone.substring(0, 3);
        browser.driver.findElement(By.cssSelector("#user-filter input")).sendKeys(part);
        browser.wait(Duration.ofSeconds(10)).until(d -> gridSize() < all);
        browser.waitUntilIdle();
        long filtered = gridSize();
        assertThat(browser.driver.findElement(By.id("user-count")).getText())
                .isEqualTo(filtered + " of " + all + " users");

        browser.driver.findElement(By.cssSelector("#user-filter input")).sendKeys("no such user at all");
        browser.wait(Duration.ofSeconds(10)).until(d -> gridSize() == 0);
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("user-count")).getText()).isEqualTo("0 of " + all + " users");
    }

    @Test
    void an_excel_export_of_a_day_is_named_after_it_and_describes_itself_on_an_info_sheet() throws Exception {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        String day = clickPoint("activity-chart", 1, 5);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.driver
                        .findElement(By.id("day-marker"))
                        .getText()
                        .equals("day: " + day));
        browser.waitUntilIdle();
        long rows = gridSize();

        browser.driver.findElement(By.id("export-xlsx")).click();
        Path xlsx = browser.awaitDownload(".xlsx");
        assertThat(xlsx.getFileName().toString()).isEqualTo("peer-to-peer-activity_day-" + day + ".xlsx");
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(xlsx.toFile())) {
            var sheets = workbook.getSheets().toList();
            assertThat(sheets)
                    .extracting(org.dhatim.fastexcel.reader.Sheet::getName)
                    .containsExactly("Peer-to-peer activity", "Report information");
            assertThat(sheets.get(0).read()).hasSize((int) rows + 1);
            var info = new java.util.LinkedHashMap<String, String>();
            sheets.get(1).read().forEach(row -> info.put(row.getCellText(0), row.getCellText(1)));
            assertThat(info).containsKeys("Report", "Report Refresh Date", "Report Period", "Day", "Time zone");
            assertThat(info.get("Report Period")).isEqualTo("7");
            assertThat(info.get("Time zone")).startsWith("UTC");
        }
        try (var zip = new java.util.zip.ZipFile(xlsx.toFile());
                var sheet = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
            String xml = new String(sheet.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(xml)
                    .as("frozen header and autofilter")
                    .contains("state=\"frozen\"")
                    .contains("<autoFilter ");
        }
    }

    @Test
    void a_click_anywhere_in_a_days_column_picks_that_day_and_a_logarithmic_scale_keeps_it() {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        WebElement chart = browser.waitFor(By.id("activity-chart"));
        browser.waitUntilIdle();
        @SuppressWarnings("unchecked")
        var spot = (java.util.Map<String, Object>) browser.script("""
                const chart = document.getElementById('activity-chart');
                const c = chart.configuration;
                return {day: c.xAxis[0].categories[3], x: c.plotLeft + c.xAxis[0].toPixels(3, true),
                        y: c.plotTop + 3, width: chart.offsetWidth, height: chart.offsetHeight};
                """);
        String day = (String) spot.get("day");
        // the top edge of the plot above the fourth day, where no line needs to pass
        new Actions(browser.driver)
                .moveToElement(
                        chart,
                        (int) (((Number) spot.get("x")).doubleValue() - ((Number) spot.get("width")).doubleValue() / 2),
                        (int) (((Number) spot.get("y")).doubleValue()
                                - ((Number) spot.get("height")).doubleValue() / 2))
                .click()
                .perform();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("day-marker")).getText().equals("day: " + day));

        browser.driver.findElement(By.cssSelector("#log-scale input")).click();
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(10))
                .until(
                        d -> "logarithmic"
                                .equals(
                                        browser.script(
                                                "return document.getElementById('activity-chart').configuration.yAxis[0].options.type")));
        assertThat(browser.driver.findElement(By.id("day-marker")).getText()).isEqualTo("day: " + day);
        assertThat(pointsPerSeries("activity-chart")).hasSize(5);
    }

    @Test
    void header_texts_line_up_with_their_values_at_1400_px() {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        browser.waitFor(By.id("user-table"));
        browser.gridRows("user-table");

        assertThat(browser.misalignedHeaders("user-table")).isEmpty();
    }

    @Test
    void chart_tooltips_and_axis_labels_format_numbers_as_the_browsers_locale_does() {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        pointsPerSeries("activity-chart");

        Object formatted = browser.script("""
                const chart = document.getElementById('activity-chart').configuration;
                return [chart.numberFormatter(2451, -1), chart.numberFormatter(12345.5, 1),
                        new Intl.NumberFormat(navigator.language).format(2451),
                        new Intl.NumberFormat(navigator.language, {minimumFractionDigits: 1}).format(12345.5)];
                """);
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) formatted;
        assertThat(texts.get(0)).isEqualTo(texts.get(2));
        assertThat(texts.get(1)).isEqualTo(texts.get(3));
    }

    @Test
    void enter_on_a_point_reached_by_keyboard_picks_its_day() {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        pointsPerSeries("activity-chart");
        // Tab from the period selector into the first chart, then the arrow keys through its points
        browser.driver.findElement(By.cssSelector("#period")).click();
        browser.driver.findElement(By.cssSelector("#period")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        var keys = new Actions(browser.driver);
        for (int i = 0; i < 12 && !Boolean.TRUE.equals(browser.script("""
                const chart = document.getElementById('activity-chart');
                return chart.shadowRoot.activeElement !== null || document.activeElement === chart;
                """)); i++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        keys.sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT)
                .pause(Duration.ofMillis(100))
                .sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT)
                .pause(Duration.ofMillis(100))
                .perform();
        String day = (String) browser.script("""
                const c = document.getElementById('activity-chart').configuration;
                return c.highlightedPoint ? c.xAxis[0].categories[c.highlightedPoint.index] : null;
                """);
        assertThat(day).as("a point is focused").isNotNull();
        keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("day-marker")).getText().equals("day: " + day));
    }

    @Test
    void the_column_choice_is_remembered_across_sign_ins() {
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        toggleColumn("Video minutes");
        browser.wait(Duration.ofSeconds(10)).until(d -> !headers().contains("Video minutes"));

        browser.driver.findElement(By.id("sign-out")).click();
        browser.waitFor(By.id("signed-out-message"));
        browser.signIn("reports.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");

        assertThat(headers()).contains("User name", "Audio minutes").doesNotContain("Video minutes");
        toggleColumn("Video minutes"); // leave the account as it was
        browser.wait(Duration.ofSeconds(10)).until(d -> headers().contains("Video minutes"));
    }

    /**
     * The Columns menu by keyboard: Enter (and Space) on its button opens it with the first item focused and each
     * column's state, Escape closes it, and the button says whether it is open; its items are made when it first opens
     * (docs/load-test.md), and show a column hidden since on the next open.
     */
    @Test
    void the_column_menu_works_by_keyboard_and_shows_each_columns_state() throws Exception {
        browser.signIn("global.admin", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");
        browser.waitUntilIdle();
        assertThat(browser.driver.findElements(By.cssSelector("vaadin-context-menu-item")))
                .as("no item before the menu first opens")
                .isEmpty();
        var keys = openColumnMenuBy(org.openqa.selenium.Keys.ENTER);
        assertThat(menuItems()).contains("✓ User name", "✓ Video minutes");
        assertThat(focusedItem())
                .as("opening by keyboard focuses the first item")
                .isEqualTo("User name");
        assertThat(browser.driver.findElement(By.id("column-chooser")).getAttribute("aria-expanded"))
                .isEqualTo("true");
        browser.screenshot("peer-to-peer-columns-menu");
        keys.sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        browser.waitUntilIdle();

        toggleColumn("Video minutes");
        browser.wait(Duration.ofSeconds(10)).until(d -> !headers().contains("Video minutes"));
        openColumnMenuBy(org.openqa.selenium.Keys.SPACE);
        assertThat(menuItems()).contains("✓ User name", "  Video minutes");
        assertThat(focusedItem())
                .as("opening again by keyboard focuses the first item")
                .isEqualTo("User name");
        keys.sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        browser.wait(Duration.ofSeconds(10))
                .until(d ->
                        "false".equals(d.findElement(By.id("column-chooser")).getAttribute("aria-expanded")));
        toggleColumn("Video minutes"); // leave the account as it was
        browser.wait(Duration.ofSeconds(10)).until(d -> headers().contains("Video minutes"));
    }

    /** Focuses the Columns button, presses the key and waits for the menu's items; returns the keyboard. */
    private org.openqa.selenium.interactions.Actions openColumnMenuBy(org.openqa.selenium.Keys key) {
        browser.script("document.getElementById('column-chooser').focus()");
        var keys = new org.openqa.selenium.interactions.Actions(browser.driver);
        keys.sendKeys(key).perform();
        browser.wait(Duration.ofSeconds(10)).until(d -> !menuItems().isEmpty());
        return keys;
    }

    private @org.jspecify.annotations.Nullable String focusedItem() {
        return (String) browser.script("""
                const focused = [...document.querySelectorAll('vaadin-context-menu-item')]
                    .find(i => i.hasAttribute('focused') || i === document.activeElement);
                return focused ? focused.textContent.trim() : null;
                """);
    }

    /** The open menu's items, each "✓ " or two spaces before its text. */
    @SuppressWarnings("unchecked")
    private List<String> menuItems() {
        return (List<String>) browser.script("""
                return [...document.querySelectorAll('vaadin-context-menu-item')]
                    .filter(i => i.offsetParent !== null)
                    .map(i => (i.hasAttribute('menu-item-checked') ? '\u2713 ' : '  ') + i.textContent.trim());
                """);
    }

    @Test
    void a_tenant_that_conceals_names_shows_pseudonyms_in_the_table() {
        browser.signIn("global.admin@fabrikam.example", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");

        assertThat(visibleRows())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(0)).matches("[0-9a-f]{32}"));
    }

    @Test
    void a_usage_summary_reader_sees_the_charts_without_the_per_user_table() {
        browser.signIn("usage.reader", "portal-demo-2026");
        browser.open("/usage/peer-to-peer-activity");

        assertThat(pointsPerSeries("activity-chart")).hasSize(5);
        assertThat(browser.waitFor(By.id("charts-only")).getText()).contains("charts only");
        assertThat(browser.driver.findElements(By.id("user-table"))).isEmpty();
    }
}
