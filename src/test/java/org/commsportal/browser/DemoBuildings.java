package org.commsportal.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The building file of the browser tests, uploaded as an administrator does (docs/locations.md): the same rows as
 * {@link LocationsBrowserIT}'s good file, so the tests' figures agree whichever uploads first. "Tower campus" is
 * 10.20.0.0/19 and "Test Tower" 10.20.50.0/24, both in Testville, Test Region.
 */
final class DemoBuildings {

    static final String REGION = "Test Region";
    static final String CITY = "Testville";
    static final String CAMPUS = "Tower campus";

    /** SQL true for a subnet of "Tower campus": 10.20.0.0/19 (no longer row of the file lies inside it). */
    static final String IN_CAMPUS = "INET_ATON(%s) BETWEEN INET_ATON('10.20.0.0') AND INET_ATON('10.20.31.255')";

    private static final String FILE = "NetworkIP,NetworkName,NetworkRange,BuildingName,OwnershipType,BuildingType,"
            + "BuildingOfficeType,City,ZipCode,Country,State,Region,InsideCorp,ExpressRoute,VPN\n"
            + "10.20.0.0,Demo campus,19,Tower campus,Contoso,,,Testville,12345,US,WA,Test Region,1,0,0\n"
            + "10.20.50.0,Tower,24,Test Tower,Contoso,,,Testville,12345,US,WA,Test Region,1,0,0\n";

    private DemoBuildings() {}

    /** Uploads the file on the Locations page (signed in as a global administrator) and waits for its mapping. */
    static void upload(Browser browser) throws Exception {
        browser.open("/admin/locations");
        browser.waitFor(By.id("location-files"));
        browser.waitUntilIdle();
        int versions = browser.gridRows("location-uploads").size();
        Path file = Files.createTempFile("buildings", ".csv");
        Files.writeString(file, FILE, StandardCharsets.UTF_8);
        WebElement upload = browser.waitFor(By.id("building-file-upload"));
        WebElement input = (WebElement) browser.script(
                "const u = arguments[0]; return u.querySelector('input[type=file]')"
                        + " || (u.shadowRoot && u.shadowRoot.querySelector('input[type=file]'));",
                upload);
        browser.script("arguments[0].hidden = false; arguments[0].style.display = 'block';", input);
        input.sendKeys(file.toAbsolutePath().toString());
        browser.waitUntilIdle();
        browser.wait(Duration.ofSeconds(20))
                .until(d -> browser.gridRows("location-uploads").size() == versions + 1);
        browser.wait(Duration.ofSeconds(30)).until(d -> {
            browser.open("/quality/locations");
            browser.waitFor(By.id("locations"));
            browser.waitUntilIdle();
            return d.findElement(By.id("remapping")).getText().isEmpty();
        });
    }

    /** Types into a combo box of the place filter and clicks the item, as a person chooses. */
    static void choose(Browser browser, String id, String label) {
        WebElement input = browser.waitFor(By.cssSelector("#" + id + " input"));
        browser.script("arguments[0].scrollIntoView({block: 'center'})", input);
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

    /** Chooses Test Region › Testville › Tower campus in the place filter of the page. */
    static void chooseCampus(Browser browser) {
        choose(browser, "place-region", REGION);
        choose(browser, "place-city", CITY);
        choose(browser, "place-building", CAMPUS);
    }

    /** The names the place filter shows in its fields. */
    @SuppressWarnings("unchecked")
    static List<String> shownPlace(Browser browser) {
        browser.waitUntilIdle();
        return (List<String>) browser.script("return ['place-region', 'place-city', 'place-building']"
                + ".map(id => document.querySelector('#' + id + ' input').value)");
    }

    /** The address, decoded. */
    static String address(Browser browser) {
        return java.net.URLDecoder.decode(browser.currentPath(), StandardCharsets.UTF_8);
    }
}
