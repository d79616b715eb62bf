package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One headless Chromium per browser-test class, signed out before each test, and a check after each test that
 * Vaadin rendered real charts, not the development-mode {@code <no-license>} placeholder.
 */
abstract class BrowserTest {

    protected static Browser browser;

    @LocalServerPort
    int port;

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

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
