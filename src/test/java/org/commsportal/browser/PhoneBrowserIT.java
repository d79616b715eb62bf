package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/** The portal in a phone's window (390 × 844): one-line navigation bar, everything reachable without scrolling sideways. */
@PortalIntegrationTest
class PhoneBrowserIT extends BrowserTest {

    @AfterEach
    void desktopWindowAgain() {
        browser.driver.manage().window().setSize(new Dimension(1400, 1800));
    }

    @Test
    void on_a_phone_the_navigation_bar_keeps_one_line_and_exports_and_sign_out_are_on_screen() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        for (String page :
                new String[] {"/usage/peer-to-peer-activity", "/usage/device-usage", "/usage/session-details"}) {
            browser.open(page);
            browser.waitFor(By.id("export-csv"));
            browser.waitUntilIdle();
            Thread.sleep(300); // the window's width reaches the server after the first render
            browser.waitUntilIdle();
            double width = number("return window.innerWidth");
            assertThat(number("""
                    return document.querySelector('vaadin-app-layout').shadowRoot.querySelector('[part=navbar]')
                        .getBoundingClientRect().height""")).as(page + ": one line").isLessThan(70);
            assertThat(right(browser.driver.findElement(By.id("sign-out"))))
                    .as(page + ": sign out")
                    .isLessThanOrEqualTo(width);
            for (String id : new String[] {"export-csv", "export-xlsx"}) {
                assertThat(right(browser.driver.findElement(By.id(id))))
                        .as(page + ": " + id)
                        .isLessThanOrEqualTo(width);
            }
            assertThat(number("return document.documentElement.scrollWidth"))
                    .as(page + ": no sideways scrolling")
                    .isLessThanOrEqualTo(width + 1);
            browser.screenshot("phone" + page.replace('/', '-'));
        }

        browser.driver.findElement(By.cssSelector("vaadin-drawer-toggle")).click();
        browser.waitFor(By.id("drawer-sign-out"));
        browser.screenshot("phone-drawer");
        // with every usage page in the menu the account link is at the drawer's foot, under the commercial banner
        // that an unlicensed build shows (a licensed one has none): clicked where it is, not where the banner is
        WebElement account = browser.waitFor(By.id("drawer-account"));
        browser.script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", account);
        browser.waitFor(By.id("my-account"));
    }

    private double right(WebElement element) {
        return ((Number) browser.script("return arguments[0].getBoundingClientRect().right", element)).doubleValue();
    }

    private double number(String script) {
        return ((Number) browser.script(script)).doubleValue();
    }
}
