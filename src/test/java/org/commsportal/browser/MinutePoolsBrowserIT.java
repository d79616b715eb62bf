package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.directory.CallingPlan;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.tenant.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The PSTN minute pools page and the calling plan allowances as an administrator uses them, in headless Chromium
 * on the production build (demo data, with calling plans given to demo users here).
 */
@PortalIntegrationTest
class MinutePoolsBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Test
    void an_administrator_sees_the_pools_of_both_months_exports_them_and_changes_an_allowance() throws Exception {
        long contoso = jdbc.sql("SELECT id FROM tenant WHERE name = :n")
                .param("n", DemoAccounts.CONTOSO)
                .query(Long.class)
                .single();
        List<UserRecord> planned = jdbc.sql("""
                SELECT upn, alias, display_name, licensed_from, deleted_at, usage_location FROM licensed_user
                WHERE tenant_id = :t AND usage_location IS NOT NULL ORDER BY upn LIMIT 40
                """)
                .param("t", contoso)
                .query((rs, row) -> new UserRecord(
                        rs.getString("upn"),
                        rs.getString("alias"),
                        rs.getString("display_name"),
                        rs.getObject("licensed_from", LocalDate.class),
                        rs.getObject("deleted_at", LocalDate.class),
                        null,
                        rs.getString("usage_location"),
                        null,
                        List.of(row % 2 == 0 ? CallingPlan.MCOPSTN2 : CallingPlan.MCOPSTN1)))
                .list();
        currentTenant.runAs(contoso, () -> directory.upsert(planned));

        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/usage/pstn-minute-pools");
        browser.waitFor(By.id("pool-table"));
        assertThat(gridSize()).isPositive();
        List<List<String>> rows = browser.gridRows("pool-table");
        assertThat(rows).extracting(row -> row.get(0)).contains("Domestic", "International");
        assertThat(rows).allSatisfy(row -> assertThat(row.get(1)).matches("[A-Z]{2}"));
        browser.screenshot("pstn-minute-pools");

        YearMonth previous = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        browser.chooseInSelect("month", previous + " (previous)");
        assertThat(gridSize()).isPositive();
        browser.chooseInSelect("capability-filter", "International");
        long international = gridSize();
        assertThat(browser.gridRows("pool-table"))
                .allSatisfy(row -> assertThat(row.get(0)).isEqualTo("International"));
        // the month and the capability are in the address, and the address opens them again
        browser.wait(Duration.ofSeconds(10)).until(d -> browser.currentPath().contains("capability=international"));
        String link = browser.currentPath();
        assertThat(link).contains("month=previous");
        browser.open("/usage/pstn-minute-pools");
        browser.waitFor(By.id("pool-table"));
        browser.open(link);
        browser.waitFor(By.id("pool-table"));
        assertThat(gridSize()).isEqualTo(international);
        assertThat(browser.driver.findElement(By.id("month")).getText()).contains(previous.toString());
        assertThat(browser.driver.findElement(By.id("copy-link")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("save-view")).isDisplayed()).isTrue();

        browser.driver.findElement(By.id("export-csv")).click();
        Path csv = browser.awaitDownload(".csv");
        assertThat(csv.getFileName().toString()).isEqualTo("pstn-minute-pools_" + previous + "_international.csv");
        List<String> lines = new String(Files.readAllBytes(csv), StandardCharsets.UTF_8)
                .substring(1)
                .lines()
                .toList();
        assertThat(lines.get(0))
                .isEqualTo("Capability,Country or region,Users,Total minutes,Minutes used,Minutes left,Percent used");
        assertThat(lines).hasSize((int) international + 1);

        browser.open("/admin/calling-plans");
        WebElement field = browser.waitFor(By.cssSelector("#allowance-mcopstn2-international input"));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), "450", Keys.TAB);
        browser.driver.findElement(By.id("save-allowances")).click();
        browser.waitUntilIdle();
        assertThat(jdbc.sql("""
                        SELECT minutes FROM calling_plan_allowance
                        WHERE tenant_id = :t AND plan = 'MCOPSTN2' AND capability = 'INTERNATIONAL'
                        """).param("t", contoso).query(Integer.class).single())
                .isEqualTo(450);
        browser.open("/usage/pstn-minute-pools");
        browser.chooseInSelect("capability-filter", "International");
        assertThat(browser.gridRows("pool-table")).allSatisfy(row -> {
            long users = Long.parseLong(row.get(2).replaceAll("\\D", ""));
            assertThat(Long.parseLong(row.get(3).replaceAll("\\D", ""))).isEqualTo(users * 450);
        });
        // back to the default for the other tests
        jdbc.sql("DELETE FROM calling_plan_allowance WHERE tenant_id = :t")
                .param("t", contoso)
                .update();
    }

    private long gridSize() {
        browser.waitUntilIdle();
        return ((Number) browser.script("return document.getElementById('pool-table').size")).longValue();
    }
}
