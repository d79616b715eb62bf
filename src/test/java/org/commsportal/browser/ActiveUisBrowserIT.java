package org.commsportal.browser;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.springframework.beans.factory.annotation.Autowired;

/** The active-UI gauge follows the browser tabs that hold a portal page. */
@PortalIntegrationTest
class ActiveUisBrowserIT extends BrowserTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void a_tab_counts_as_an_active_ui_while_it_is_open() {
        browser.signIn("reports.reader", DemoAccounts.PASSWORD);
        browser.waitFor(By.id("home-view"));
        double before = activeUis();
        String first = browser.driver.getWindowHandle();

        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.open("/");
        browser.waitFor(By.id("home-view"));
        browser.wait(Duration.ofSeconds(10)).until(d -> activeUis() == before + 1);

        browser.driver.close();
        browser.driver.switchTo().window(first);
        browser.wait(Duration.ofSeconds(20)).until(d -> activeUis() == before);
    }

    private double activeUis() {
        return registry.get("portal.ui.active").gauge().value();
    }
}
