package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.security.ApiTokens;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The portal's tables in a window 1400 px wide: no header or value is cut short, every column can be resized and
 * the first one stays in view while the others scroll sideways. The session table, whose Dialog ID column is narrow
 * on purpose with the full id on hover, has its own test in {@link SessionDetailsBrowserIT}.
 */
@PortalIntegrationTest
class GridColumnsBrowserIT extends BrowserTest {

    @Autowired
    TestTenants testTenants;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApiTokens apiTokens;

    @Autowired
    IngestionKeys ingestionKeys;

    @AfterEach
    void tallWindowAgain() {
        browser.driver.manage().window().setSize(new Dimension(1400, 1800));
    }

    @Test
    void the_administration_tables_show_every_text_whole_at_1400_px() throws Exception {
        // An account holding every role: the longest roles text there is, beside an API token, an ingestion key and
        // an audit entry with a long detail
        Tenant tenant = testTenants.newTenant("grid-columns");
        String admin = testTenants.newAccount(tenant, Role.values());
        testTenants.newIngestionKey(tenant, ingestionKeys, "Contoso front end pool in the primary data centre");
        testTenants.signIn(admin);
        apiTokens.create("Monthly usage report for the finance department", 30);
        auditLog.record(
                AuditAction.EXPORT,
                "peer-to-peer activity per-user table as XLSX, period 180 days, user name contains 'jensen', sorted "
                        + "by Audio minutes descending, columns [User name, Deleted, Deleted date, Last activity date, "
                        + "IM, Audio, Video, Application sharing, File transfers, Audio minutes, Video minutes], "
                        + "12,345 rows");
        TestTenants.signOut();
        browser.driver.manage().window().setSize(new Dimension(1400, 900));
        browser.signIn(admin, TestTenants.PASSWORD);

        Map<String, String> pages = Map.of(
                "/admin/accounts", "accounts-grid",
                "/admin/audit-log", "audit-grid",
                "/account", "token-grid",
                "/admin/ingestion-keys", "ingestion-key-grid");
        for (var page : pages.entrySet()) {
            browser.open(page.getKey());
            browser.waitFor(By.id(page.getValue()));
            browser.gridRows(page.getValue());
            browser.screenshot("columns" + page.getKey().replace('/', '-'));
            assertThat(browser.cutCells(page.getValue()))
                    .as("texts cut short in %s", page.getValue())
                    .isEmpty();
        }
        for (String grid : List.of("accounts-grid", "audit-grid", "token-grid")) {
            browser.open(pages.entrySet().stream()
                    .filter(page -> page.getValue().equals(grid))
                    .findFirst()
                    .orElseThrow()
                    .getKey());
            browser.waitFor(By.id(grid));
            assertResizableWithTheFirstFrozen(grid);
        }
    }

    @Test
    void the_report_tables_show_every_text_whole_at_1400_px() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1400, 900));
        browser.signIn("global.admin", DemoAccounts.PASSWORD);
        for (var page : Map.of(
                        "/usage/peer-to-peer-activity", "user-table",
                        "/usage/active-users", "active-users-grid")
                .entrySet()) {
            browser.open(page.getKey());
            browser.waitFor(By.id(page.getValue()));
            browser.gridRows(page.getValue());
            browser.screenshot("columns" + page.getKey().replace('/', '-'));
            assertThat(browser.cutCells(page.getValue()))
                    .as("texts cut short in %s", page.getValue())
                    .isEmpty();
            assertResizableWithTheFirstFrozen(page.getValue());
        }
    }

    private static void assertResizableWithTheFirstFrozen(String grid) {
        List<List<Boolean>> columns = browser.columnFlags(grid);
        assertThat(columns).as("columns of %s", grid).isNotEmpty();
        assertThat(columns).as("every column of %s resizable", grid).allMatch(flags -> flags.get(0));
        assertThat(columns.get(0).get(1))
                .as("the first column of %s frozen", grid)
                .isTrue();
    }
}
