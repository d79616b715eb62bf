package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The portal in a phone's window (390 × 844): one-line navigation bar, everything reachable without scrolling
 * sideways, and the controls of the newer pages reached and used by the keyboard.
 */
@PortalIntegrationTest
class PhoneBrowserIT extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

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
            double width = settledWidth();
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

    @Test
    void the_pstn_pages_fit_a_phone_and_their_controls_are_reached_and_used_by_the_keyboard() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        Map<String, List<String>> controls = new LinkedHashMap<>();
        controls.put(
                "/usage/pstn-usage",
                List.of("period", "copy-link", "save-view", "user-filter", "direction-filter", "export-csv"));
        controls.put(
                "/usage/users-blocked",
                List.of("day", "copy-link", "save-view", "user-filter", "action-filter", "export-csv"));
        controls.put(
                "/usage/pstn-minute-pools",
                List.of("month", "capability-filter", "copy-link", "save-view", "export-csv", "pool-table"));
        controls.put("/admin/calling-plans", List.of("allowance-mcopstn1-domestic", "save-allowances"));
        controls.put("/admin/pstn-rates", List.of("rate-currency", "rate-country", "rate-price", "add-rate"));
        for (var page : controls.entrySet()) {
            browser.open(page.getKey());
            browser.waitFor(By.id(page.getValue().get(0)));
            double width = settledWidth();
            assertThat(number("return document.documentElement.scrollWidth"))
                    .as(page.getKey() + ": no sideways scrolling")
                    .isLessThanOrEqualTo(width + 1);
            browser.screenshot("phone" + page.getKey().replace('/', '-'));
            assertThat(reachedByTab(page.getValue()))
                    .as(page.getKey() + ": reached by Tab, in this order")
                    .containsSubsequence(page.getValue());
        }

        // Save view from the keyboard: Enter opens the dialog on the name, Escape closes it and saves nothing
        browser.open("/usage/users-blocked");
        browser.waitFor(By.id("save-view"));
        reachedByTab(List.of("save-view"));
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform();
        // the dialog's overlay has no box of its own: its name field says it is open
        browser.wait(java.time.Duration.ofSeconds(10)).until(d -> "saved-view-name".equals(focusedId()));
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.wait(java.time.Duration.ofSeconds(10))
                .until(d -> d.findElements(By.id("saved-view-name")).isEmpty());
    }

    @Test
    void the_import_page_fits_a_phone_and_its_bulk_checkbox_is_reached_and_ticked_by_the_keyboard() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        browser.open("/admin/import");
        WebElement bulk = browser.waitFor(By.id("import-bulk"));
        double width = settledWidth();
        assertThat(number("return document.documentElement.scrollWidth"))
                .as("no sideways scrolling")
                .isLessThanOrEqualTo(width + 1);
        assertThat(right(bulk))
                .as("the checkbox and its helper text wrap within the window")
                .isLessThanOrEqualTo(width);
        browser.script("arguments[0].scrollIntoView({block: 'center'})", bulk);
        browser.screenshot("phone-admin-import");

        // after the source and the file upload, before the Import button (enabled once files are uploaded)
        assertThat(reachedByTab(List.of("import-source", "import-files", "import-bulk")))
                .as("reached by Tab, in this order")
                .containsSubsequence("import-source", "import-files", "import-bulk")
                .endsWith("import-bulk");
        new Actions(browser.driver).sendKeys(Keys.SPACE).perform();
        browser.wait(java.time.Duration.ofSeconds(10)).until(d -> bulk.getDomAttribute("checked") != null);
        new Actions(browser.driver).sendKeys(Keys.SPACE).perform();
        browser.wait(java.time.Duration.ofSeconds(10)).until(d -> bulk.getDomAttribute("checked") == null);
    }

    @Test
    void the_quality_pages_fit_a_phone_with_the_still_being_built_notice_and_their_filters_come_first_by_tab()
            throws Exception {
        long contoso = jdbc.sql("SELECT id FROM tenant WHERE name = 'contoso.example'")
                .query(Long.class)
                .single();
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        jdbc.sql("INSERT INTO reliability_backfill (tenant_id) VALUES (:t)")
                .param("t", contoso)
                .update();
        try {
            for (String page : List.of("/quality", "/quality/reliability", "/quality/feedback")) {
                browser.open(page);
                browser.waitFor(By.id("trend-chart"));
                double width = settledWidth();
                assertThat(number("return document.documentElement.scrollWidth"))
                        .as(page + ": no sideways scrolling")
                        .isLessThanOrEqualTo(width + 1);
                if (!page.equals("/quality")) {
                    WebElement notice = browser.waitFor(By.id("still-building"));
                    assertThat(right(notice))
                            .as(page + ": the notice wraps within the window")
                            .isLessThanOrEqualTo(width);
                    browser.script("arguments[0].scrollIntoView({block: 'center'})", notice);
                }
                browser.screenshot("phone" + page.replace('/', '-'));
                assertThat(filtersReachedByTab())
                        .as(page + ": the filters are reached by Tab")
                        .isTrue();
            }
        } finally {
            jdbc.sql("DELETE FROM reliability_backfill WHERE tenant_id = :t")
                    .param("t", contoso)
                    .update();
        }
    }

    /** The window's width once the page has settled: it reaches the server after the first render. */
    private double settledWidth() throws InterruptedException {
        browser.waitUntilIdle();
        Thread.sleep(300);
        browser.waitUntilIdle();
        return number("return window.innerWidth");
    }

    /** Presses Tab from the top of the page (at most 40 times) until a control of the page's filter bar has focus. */
    private boolean filtersReachedByTab() {
        browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        for (int i = 0; i < 40; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            if (Boolean.TRUE.equals(
                    browser.script("return document.getElementById('filters').contains(document.activeElement)"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Presses Tab from the top of the page until every id was focused (or 80 times), and gives the ids focused in
     * turn: for each focus, the nearest element with an id around it, as a screen reader names the control.
     */
    private List<String> reachedByTab(List<String> wanted) {
        browser.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 80 && !reached.containsAll(wanted); i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            String id = focusedId();
            if (id != null
                    && (reached.isEmpty() || !reached.get(reached.size() - 1).equals(id))) {
                reached.add(id);
            }
        }
        return reached;
    }

    private @Nullable String focusedId() {
        return (String) browser.script("""
                let e = document.activeElement;
                // a field's own input has a generated id (input-vaadin-text-field-19, search-input-vaadin-date-picker-12):
                // the field names the control
                while (e && (!e.id || /^[a-z-]+-vaadin-[a-z-]+-[0-9]+$/.test(e.id))) {
                  e = e.parentElement || (e.getRootNode() && e.getRootNode().host) || null;
                }
                return e ? e.id : null;
                """);
    }

    private double right(WebElement element) {
        return ((Number) browser.script("return arguments[0].getBoundingClientRect().right", element)).doubleValue();
    }

    private double number(String script) {
        return ((Number) browser.script(script)).doubleValue();
    }
}
