package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.commsportal.DemoAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One headless Chromium per browser-test class, signed out before each test, and a check after each test that
 * Vaadin rendered real charts, not the development-mode {@code <no-license>} placeholder.
 */
abstract class BrowserTest {

    protected static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    private JdbcClient demoData;

    @BeforeEach
    void signedOutBrowser() throws Exception {
        if (browser == null) {
            browser = Browser.start(port);
        }
        browser.open("/login");
        browser.signOutByCookies();
    }

    @AfterEach
    void noLicensePlaceholderAnywhere() {
        assertThat(browser.driver.findElements(By.tagName("no-license"))).isEmpty();
    }

    /**
     * How many of the last {@code days} complete UTC days hold contoso's demo data, so how many columns a trend of
     * them draws: all of them, but the test context writes its demo data once, through the day before it starts, so
     * each midnight since then leaves the newest day of the range empty.
     */
    protected int demoDaysAmongLast(int days) {
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        LocalDate lastDemoDay = demoData.sql("""
                        SELECT CAST(MAX(s.start_time) AS DATE)
                        FROM comm_session s JOIN tenant t ON t.id = s.tenant_id
                        WHERE t.name = :tenant AND s.start_time < UTC_DATE()
                        """)
                .param("tenant", DemoAccounts.CONTOSO)
                .query(LocalDate.class)
                .single();
        return (int) Math.max(0, days - ChronoUnit.DAYS.between(lastDemoDay, yesterday));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
