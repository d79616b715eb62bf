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

/**
 * The building file's upload and quality by location in headless Chromium on the production build (demo data): a
 * file with one bad line is refused with its line and stores nothing, a good one becomes a version, and its buildings
 * appear on the locations page down the region › city › building path.
 */
@PortalIntegrationTest
class LocationsBrowserIT extends BrowserTest {

    private static final String HEADER = "NetworkIP,NetworkName,NetworkRange,BuildingName,OwnershipType,BuildingType,"
            + "BuildingOfficeType,City,ZipCode,Country,State,Region,InsideCorp,ExpressRoute,VPN\n";
    private static final String GOOD = HEADER
            + "10.20.0.0,Demo campus,19,Tower campus,Contoso,,,Testville,12345,US,WA,Test Region,1,0,0\n"
            + "10.20.50.0,Tower,24,Test Tower,Contoso,,,Testville,12345,US,WA,Test Region,1,0,0\n";

    @Test
    void a_file_with_a_bad_line_is_refused_then_a_good_one_shows_its_buildings() throws Exception {
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/admin/locations");
        browser.waitFor(By.id("location-files"));
        browser.waitUntilIdle();
        int versions = browser.gridRows("location-uploads").size();

        Path bad = Files.createTempFile("buildings-bad", ".csv");
        Files.writeString(
                bad, GOOD + "10.20.60.0,Bad,40,Bad,,,,Testville,,US,,Test Region,1,0,0\n", StandardCharsets.UTF_8);
        choose(bad);
        WebElement problems = browser.wait(Duration.ofSeconds(20)).until(d -> {
            WebElement found = d.findElement(By.id("upload-problems"));
            return found.getText().contains("Line 4") ? found : null;
        });
        assertThat(problems.getText()).contains("Nothing was imported", "NetworkRange 40", "/8 to /32");
        assertThat(browser.gridRows("location-uploads")).hasSize(versions);

        Path good = Files.createTempFile("buildings-good", ".csv");
        Files.writeString(good, GOOD, StandardCharsets.UTF_8);
        browser.open("/admin/locations");
        browser.waitFor(By.id("location-files"));
        browser.waitUntilIdle();
        choose(good);
        browser.wait(Duration.ofSeconds(20))
                .until(d -> browser.gridRows("location-uploads").size() == versions + 1);
        assertThat(browser.driver.findElement(By.id("upload-problems")).getText())
                .isEmpty();
        browser.screenshot("location-files");

        // the background mapping of the demo's subnets takes a moment; the page says so meanwhile
        browser.wait(Duration.ofSeconds(30)).until(d -> {
            browser.open("/quality/locations");
            browser.waitFor(By.id("locations"));
            browser.waitUntilIdle();
            return d.findElement(By.id("remapping")).getText().isEmpty();
        });
        assertThat(browser.driver.findElements(By.tagName("no-license"))).isEmpty();
        assertThat(column0()).containsExactly("Test Region");
        drillInto("Test Region");
        assertThat(column0()).containsExactly("Testville");
        drillInto("Testville");
        assertThat(column0()).containsExactlyInAnyOrder("Tower campus", "Test Tower");
        drillInto("Test Tower");
        assertThat(column0()).containsExactly("10.20.50.0");
        browser.waitFor(By.id("location-chart"));
        browser.screenshot("locations");
        String path = java.net.URLDecoder.decode(browser.currentPath(), StandardCharsets.UTF_8);
        assertThat(path).contains("region=Test Region", "city=Testville", "building=Test Tower");

        // the path travels in a link; a level without the ones above it is named and left out
        browser.open("/quality/locations?range=D90&region=Test+Region&city=Testville");
        browser.waitFor(By.id("location-table"));
        browser.waitUntilIdle();
        assertThat(column0()).containsExactlyInAnyOrder("Tower campus", "Test Tower");
        assertThat(browser.driver.findElement(By.id("range")).getText()).contains("Last 90 days");
        browser.open("/quality/locations?building=Test+Tower");
        browser.waitFor(By.id("location-table"));
        browser.wait(Duration.ofSeconds(10))
                .until(d -> ((List<?>)
                                        browser.script(
                                                "return [...document.querySelectorAll('vaadin-notification-card')]"
                                                        + ".map(c => c.textContent).filter(t => t.includes('needs the levels above'))"))
                                .size()
                        == 1);
        assertThat(column0()).containsExactly("Test Region");
        browser.open("/admin/locations");
        browser.open(path);
        browser.waitFor(By.id("location-table"));
        browser.waitUntilIdle();
        assertThat(column0()).containsExactly("10.20.50.0");
        // the subnets that neither 10.20.0.0/19 nor 10.20.50.0/24 holds are missing
        assertThat(browser.gridRows("missing-subnets"))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get(0))
                        .startsWith("10.20.")
                        .satisfies(subnet -> assertThat(Integer.parseInt(subnet.split("\\.")[2]))
                                .isGreaterThanOrEqualTo(32)
                                .isNotEqualTo(50)));

        // the call quality page filtered to the building counts the streams the locations page counts there
        browser.open("/quality/locations?range=D90&region=Test+Region&city=Testville");
        browser.waitFor(By.id("location-table"));
        browser.waitUntilIdle();
        String towerStreams = browser.gridRows("location-table").stream()
                .filter(row -> row.get(0).equals("Test Tower"))
                .findFirst()
                .orElseThrow()
                .get(1);
        browser.open("/quality?range=D90");
        browser.waitFor(By.id("quality-content"));
        browser.waitUntilIdle();
        chooseInComboBox("place-region", "Test Region");
        chooseInComboBox("place-city", "Testville");
        chooseInComboBox("place-building", "Test Tower");
        assertThat(browser.driver.findElement(By.id("summary")).getText()).startsWith(towerStreams + " streams from");
        String filtered = java.net.URLDecoder.decode(browser.currentPath(), StandardCharsets.UTF_8);
        assertThat(filtered).contains("region=Test Region", "city=Testville", "building=Test Tower");
        browser.screenshot("quality-by-building");
        // the filter travels in the link
        browser.open("/admin/locations");
        browser.open(filtered.replace(" ", "%20"));
        browser.waitFor(By.id("quality-content"));
        browser.waitUntilIdle();
        assertThat(browser.driver.findElement(By.id("summary")).getText()).startsWith(towerStreams + " streams from");
    }

    private void chooseInComboBox(String id, String label) {
        WebElement input = browser.waitFor(By.cssSelector("#" + id + " input"));
        input.sendKeys(label);
        browser.wait(Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                        .anyMatch(item ->
                                item.isDisplayed() && item.getText().strip().equals(label)));
        browser.driver.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(item -> item.isDisplayed() && item.getText().strip().equals(label))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
    }

    private List<String> column0() {
        return browser.gridRows("location-table").stream()
                .map(row -> row.get(0))
                .toList();
    }

    private void drillInto(String value) {
        browser.driver.findElements(By.cssSelector("#location-table vaadin-button.drill-down")).stream()
                .filter(button -> button.getText().strip().equals(value))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
    }

    private void choose(Path file) {
        WebElement upload = browser.waitFor(By.id("building-file-upload"));
        WebElement input = (WebElement) browser.script(
                "const u = arguments[0]; return u.querySelector('input[type=file]')"
                        + " || (u.shadowRoot && u.shadowRoot.querySelector('input[type=file]'));",
                upload);
        browser.script("arguments[0].hidden = false; arguments[0].style.display = 'block';", input);
        input.sendKeys(file.toAbsolutePath().toString());
        browser.waitUntilIdle();
    }
}
