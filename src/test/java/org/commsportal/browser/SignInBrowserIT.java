package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Sign-in, layout, a rendered chart, sign-out and a refused view, in headless Chromium on the production build. */
@PortalIntegrationTest
class SignInBrowserIT extends BrowserTest {

    @Test
    void a_global_administrator_signs_in_sees_the_layout_and_the_activity_chart_and_signs_out() {
        browser.signIn("global.admin", "portal-demo-2026");

        assertThat(browser.waitFor(By.id("signed-in-account")).getText()).contains("global.admin");
        assertThat(browser.driver.findElement(By.id("signed-in-tenant")).getText())
                .isEqualTo("contoso.example");
        assertThat(navigationLabels())
                .contains("Usage", "Peer-to-peer activity", "Session details", "Active users", "Settings");

        var js = (org.openqa.selenium.JavascriptExecutor) browser.driver;
        js.executeScript("window.portalPageBeforeMenuClick = true;");
        WebElement menuItem = browser.driver.findElement(
                By.cssSelector("#usage-group vaadin-side-nav-item[path$='usage/peer-to-peer-activity']"));
        menuItem.click();
        WebElement chart = browser.waitFor(By.id("activity-chart"));
        browser.waitUntilIdle();
        assertThat(js.executeScript("return window.portalPageBeforeMenuClick === true"))
                .as("the menu navigates inside the page, without loading it again")
                .isEqualTo(true);
        assertThat(menuItem.getDomAttribute("current"))
                .as("the menu marks the page shown")
                .isNotNull();
        browser.wait(Duration.ofSeconds(20))
                .until(d -> chart.getShadowRoot()
                                .findElements(By.cssSelector(".highcharts-series"))
                                .size()
                        == 5);
        assertThat(chart.getShadowRoot().findElements(By.cssSelector(".highcharts-legend-item")))
                .extracting(WebElement::getText)
                .containsExactly("IM", "Audio", "Video", "Application sharing", "File transfers");
        assertThat(browser.driver.findElement(By.id("data-as-of")).getText()).startsWith("Data as of ");

        browser.driver.findElement(By.id("sign-out")).click();
        browser.waitFor(By.id("signed-out-message"));
        assertThat(browser.currentPath()).isEqualTo("/login?logout");

        browser.open("/usage/peer-to-peer-activity");
        assertThat(browser.currentPath()).isEqualTo("/login");
    }

    @Test
    void a_billing_administrator_sees_no_reports_and_is_refused_one_with_a_clear_403_page() {
        browser.signIn("billing.admin", "portal-demo-2026");

        browser.waitFor(By.id("home-view"));
        assertThat(navigationLabels()).doesNotContain("Peer-to-peer activity", "Session details", "Settings");

        browser.open("/usage/peer-to-peer-activity");

        assertThat(browser.waitFor(By.id("access-denied")).getText())
                .contains("Access denied (403)")
                .contains("usage/peer-to-peer-activity");
        assertThat(browser.driver.findElements(By.id("activity-chart"))).isEmpty();
    }

    @Test
    void a_wrong_password_shows_the_login_forms_error() {
        browser.open("/login");
        browser.waitFor(By.cssSelector("vaadin-login-form vaadin-text-field input"))
                .sendKeys("global.admin");
        browser.driver
                .findElement(By.cssSelector("vaadin-login-form vaadin-password-field input"))
                .sendKeys("not-the-password", org.openqa.selenium.Keys.ENTER);

        browser.wait(Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/login?error"));
        browser.waitUntilIdle();
        WebElement form = browser.driver.findElement(By.tagName("vaadin-login-form"));
        assertThat(form.getDomProperty("error")).isEqualTo("true");
        assertThat(browser.driver.findElements(By.id("signed-in-account"))).isEmpty();
    }

    private List<String> navigationLabels() {
        browser.wait(Duration.ofSeconds(20))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                        By.id("main-navigation")));
        // An item's label is its own unslotted content; getText() would add the labels of nested items.
        @SuppressWarnings("unchecked")
        List<String> labels =
                (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("""
                return Array.from(document.querySelectorAll('#main-navigation vaadin-side-nav-item'))
                    .map(item => Array.from(item.childNodes)
                        .filter(n => n.nodeType === Node.TEXT_NODE
                            || (n.nodeType === Node.ELEMENT_NODE && !n.hasAttribute('slot')
                                && n.localName !== 'vaadin-side-nav-item'))
                        .map(n => n.textContent).join('').trim());
                """);
        return labels;
    }
}
