package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The call quality page in headless Chromium on the production build (demo data): charts, filters, roles, phone. */
@PortalIntegrationTest
class QualityBrowserIT extends BrowserTest {

    @AfterEach
    void desktopWindowAgain() {
        browser.driver.manage().window().setSize(new Dimension(1400, 1800));
    }

    @Test
    void an_administrator_reads_the_trend_filters_every_part_and_exports_the_figures() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/quality");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        assertThat(seriesNames("trend-chart"))
                .startsWith("Good", "Poor", "Unclassified")
                .contains("Poor % Audio");
        assertThat(categories("trend-chart")).hasSize(demoDaysAmongLast(30));
        assertThat(browser.driver.findElement(By.id("summary")).getText()).contains("streams from");
        assertThat(browser.gridRows("split-subnet")).isNotEmpty();
        assertThat(browser.driver.findElements(By.id("worst-users"))).hasSize(1);
        assertThat(browser.gridRows("scorecard")).isNotEmpty();
        browser.screenshot("quality");

        browser.chooseInSelect("range", "Last 7 days");
        assertThat(categories("trend-chart")).hasSize(demoDaysAmongLast(7));
        browser.chooseInSelect("modality", "Audio");
        assertThat(browser.gridRows("poor-due-to"))
                .hasSize(5)
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("Audio"));
        assertThat(seriesNames("trend-chart")).contains("Poor % Audio").doesNotContain("Poor % Video");
        browser.chooseInSelect("connection-filter", "Wi-Fi");
        assertThat(browser.gridRows("split-connection"))
                .allSatisfy(row -> assertThat(row.get(0)).startsWith("Wi-Fi"));

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString()).startsWith("call-quality");
        String text = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8);
        assertThat(text).contains("Part,Value,Modality,Streams,Good,Poor,Unclassified,Poor %,Detail");
        assertThat(text).contains("Connection,Wi-Fi,Audio,").contains("Connection: Wi-Fi");
    }

    @Test
    void a_usage_summary_reader_sees_the_figures_without_users_and_a_phone_does_not_scroll_sideways() throws Exception {
        browser.signIn("usage.reader", DemoAccounts.PASSWORD);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.open("/quality");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        Thread.sleep(300); // the window's width reaches the server after the first render
        browser.waitUntilIdle();
        assertThat(browser.driver.findElements(By.id("worst-users"))).isEmpty();
        assertThat(browser.driver.findElement(By.id("charts-only")).getText()).contains("aggregate figures only");
        double width = ((Number) browser.script("return window.innerWidth")).doubleValue();
        assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).doubleValue())
                .isLessThanOrEqualTo(width + 1);
        browser.screenshot("quality-phone");
    }

    @Test
    void the_filters_work_from_the_keyboard() {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/quality");
        browser.waitFor(By.id("trend-chart"));
        browser.waitUntilIdle();
        WebElement modality = browser.driver.findElement(By.id("modality"));
        browser.script("arguments[0].focus()", modality);
        // Arrow down opens the select, a second one moves to Audio, Enter picks it
        browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-select-item")).stream()
                        .anyMatch(WebElement::isDisplayed));
        browser.driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> browser.gridRows("poor-due-to").stream()
                        .allMatch(row -> row.get(1).equals("Audio")));
    }

    @SuppressWarnings("unchecked")
    private List<String> seriesNames(String chartId) {
        return (List<String>) browser.script(
                "return document.getElementById(arguments[0]).configuration.series.map(s => s.name)", chartId);
    }

    @SuppressWarnings("unchecked")
    private List<String> categories(String chartId) {
        return (List<String>) browser.script(
                "return document.getElementById(arguments[0]).configuration.xAxis[0].categories", chartId);
    }
}
