package org.commsportal.browser;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** What the tests of the usage report pages do on them: periods, chart points, the per-user table's grid. */
abstract class ReportPageBrowserTest extends BrowserTest {

    void choosePeriod(String label) {
        browser.chooseInSelect("period", label);
    }

    @SuppressWarnings("unchecked")
    List<Integer> pointsPerSeries(String chartId) {
        browser.waitFor(By.id(chartId));
        browser.wait(Duration.ofSeconds(20))
                .until(d -> Boolean.TRUE.equals(browser.script(
                        "const c = document.getElementById(arguments[0]).configuration; return !!c && c.series.length > 0",
                        chartId)));
        return ((List<Long>) browser.script(
                        "return document.getElementById(arguments[0]).configuration.series"
                                + ".map(s => s.points.length)",
                        chartId))
                .stream().map(Long::intValue).toList();
    }

    /**
     * Clicks a point through Highcharts' own click path with the event data a mouse click carries. (A WebDriver
     * pointer moved onto the point does not make Highcharts hover it in headless Chromium, so a coordinate click
     * would land on nothing.) Returns the point's day.
     */
    String clickPoint(String chartId, int series, int index) {
        browser.script("""
                const c = document.getElementById(arguments[0]).configuration;
                const p = c.series[arguments[1]].points[arguments[2]];
                p.firePointEvent('click', {point: p, pageX: c.plotLeft + p.plotX, pageY: c.plotTop + p.plotY,
                    button: 0, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false});
                """, chartId, series, index);
        return (String) browser.script(
                "return document.getElementById(arguments[0]).configuration.xAxis[0]" + ".categories[arguments[1]]",
                chartId,
                index);
    }

    long gridSize() {
        browser.waitUntilIdle();
        return ((Number) browser.script("return document.getElementById('user-table').size")).longValue();
    }

    void sortBy(String header) {
        browser.driver.findElements(By.cssSelector("#user-table vaadin-grid-sorter")).stream()
                .filter(sorter -> sorter.getText().strip().equals(header))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
    }

    /** The header texts of the columns the grid shows (every column has a sorter with its header text). */
    List<String> headers() {
        browser.waitUntilIdle();
        return browser.driver.findElements(By.cssSelector("#user-table vaadin-grid-sorter")).stream()
                .filter(WebElement::isDisplayed)
                .map(sorter -> sorter.getText().strip())
                .toList();
    }

    void toggleColumn(String header) {
        browser.waitFor(By.id("column-chooser")).click();
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-context-menu-item")).stream()
                        .anyMatch(WebElement::isDisplayed));
        browser.driver.findElements(By.cssSelector("vaadin-context-menu-item")).stream()
                .filter(item -> item.getText().strip().equals(header))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
        new Actions(browser.driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
    }

    /** The rows the grid renders, in display order, as cell texts. */
    @SuppressWarnings("unchecked")
    List<List<String>> visibleRows() {
        return browser.gridRows("user-table");
    }
}
