package org.commsportal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The import page as an administrator uses it: files chosen in the browser, checked, imported, summarized. */
@PortalIntegrationTest
class ImportUploadBrowserIT extends BrowserTest {

    private static final List<String> CALL_RECORDS = List.of("p2p-call.json", "meetings.ndjson");

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    ReadModelCheck readModels;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();

    @Test
    void an_administrator_uploads_call_records_and_sees_them_imported_with_rate_and_summary() throws Exception {
        Tenant tenant = tenantWithUsers("upload-ui");
        List<Path> chosen = fixtures(tenant, CALL_RECORDS);
        browser.signIn(testTenants.newAccount(tenant, Role.GLOBAL_ADMIN), TestTenants.PASSWORD);
        browser.open("/admin/import");

        WebElement bulk = browser.waitFor(By.id("import-bulk"));
        assertThat(bulk.getDomAttribute("checked"))
                .as("bulk is off unless ticked")
                .isNull();

        choose(chosen);
        browser.wait(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("import-received")).getText().contains("meetings.ndjson ("));
        browser.driver.findElement(By.id("start-import")).click();
        String summary = summary();

        assertThat(summary).startsWith("Imported 3 call records: 6 sessions written");
        assertThat(browser.driver.findElement(By.id("import-step")).getText())
                .as("no rebuild step without the bulk path")
                .isEmpty();
        assertThat(browser.driver.findElement(By.id("import-rate")).getText())
                .matches("3 of 3 call records \\(100%\\), [0-9,]+/s, about 0 s left");
        assertThat(browser.driver.findElement(By.id("import-output")).getText())
                .contains("Checking 2 file(s) ...")
                .doesNotContain(System.getProperty("java.io.tmpdir") + "/portal-import-");
        assertThat(sessions(tenant)).isEqualTo(6);
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND action = 'IMPORT_UPLOAD'""").param("t", tenant.id()).query(Long.class).single())
                .isEqualTo(2);
        assertThat(browser.driver.findElement(By.id("import-received")).getText())
                .as("the page is ready for the next import")
                .isEqualTo("No files uploaded yet.");
    }

    @Test
    void an_administrator_ticks_bulk_and_sees_the_import_finish_with_the_reports_of_its_days_rebuilt()
            throws Exception {
        Tenant tenant = tenantWithUsers("upload-bulk-ui");
        List<Path> chosen = fixtures(tenant, CALL_RECORDS);
        browser.signIn(testTenants.newAccount(tenant, Role.GLOBAL_ADMIN), TestTenants.PASSWORD);
        browser.open("/admin/import");

        WebElement bulk = browser.waitFor(By.id("import-bulk"));
        assertThat(bulk.getText())
                .contains("Bulk (history backfill)")
                .contains("Raw rows first, then the reports of the imported days rebuilt at the end")
                .contains("\"Import in progress, figures up to ...\"")
                .contains("webhooks are not notified");
        bulk.findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.wait(Duration.ofSeconds(10)).until(d -> bulk.getDomAttribute("checked") != null);
        browser.waitUntilIdle();
        choose(chosen);
        browser.wait(Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("import-received")).getText().contains("meetings.ndjson ("));
        browser.driver.findElement(By.id("start-import")).click();

        assertThat(summary()).startsWith("Imported 3 call records: 6 sessions written");
        assertThat(browser.driver.findElement(By.id("import-summary")).getAttribute("theme"))
                .isEqualTo("badge success");
        // shown only after the rebuild's steps reached the page (each step replaces it while the rebuild runs)
        assertThat(browser.driver.findElement(By.id("import-step")).getText())
                .isEqualTo("The reports of the imported days are rebuilt.");
        assertThat(browser.driver.findElement(By.id("import-output")).getText())
                .contains("Importing 3 call records with 6 sessions on the bulk path ...")
                .contains("Rebuilding the reports of the imported days ...")
                .contains("every report is exact again.");
        assertThat(sessions(tenant)).isEqualTo(6);
        assertThat(readModels.differences(tenant.id(), 10)).isEmpty();
        assertThat(jdbc.sql("""
                        SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'IMPORT_UPLOAD'""").param("t", tenant.id()).query(String.class).list())
                .hasSize(2)
                .allSatisfy(detail -> assertThat(detail).contains(" (bulk path)"));
        assertThat(bulk.getDomAttribute("disabled"))
                .as("ready for the next import")
                .isNull();
    }

    @Test
    void hostile_files_import_nothing_and_the_page_lists_each_problem_with_file_line_and_column() throws Exception {
        Tenant tenant = tenantWithUsers("upload-hostile-ui");
        List<Path> chosen = new java.util.ArrayList<>(fixtures(tenant, List.of("p2p-call.json")));
        chosen.add(Files.writeString(
                files.resolve("bad.json"), "{\"id\": \"x\",\n  \"version\": 1,\n  \"sessions\": [ }\n"));
        chosen.add(Files.writeString(files.resolve("huge.ndjson"), "{\"id\":\"" + "x".repeat(3 << 20) + "\"}\n"));
        chosen.add(Files.write(
                files.resolve("latin1.json"),
                "{\"id\":\"caf\u00e9\",\"version\":1}".getBytes(StandardCharsets.ISO_8859_1)));
        browser.signIn(testTenants.newAccount(tenant, Role.GLOBAL_ADMIN), TestTenants.PASSWORD);
        browser.open("/admin/import");

        choose(chosen);
        browser.wait(Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("import-received")).getText().split("bytes\\)").length == 4);
        browser.driver.findElement(By.id("start-import")).click();
        String summary = summary();

        assertThat(summary).endsWith("nothing was imported.");
        assertThat(browser.driver.findElement(By.id("import-summary")).getAttribute("theme"))
                .isEqualTo("badge error");
        assertThat(browser.driver.findElement(By.id("import-output")).getText())
                .containsPattern("bad\\.json:3:\\d+: record: not valid JSON")
                .containsPattern("huge\\.ndjson:1:\\d+: record: not valid JSON: String value length")
                .containsPattern("latin1\\.json:1:\\d+: record: not valid JSON: Invalid UTF-8");
        assertThat(sessions(tenant)).isZero();
    }

    @Test
    void a_users_csv_in_another_encoding_is_refused_with_its_line_and_column() throws Exception {
        Tenant tenant = testTenants.newTenant("upload-csv-ui");
        String d = tenant.name();
        Path csv = Files.write(
                files.resolve("users.csv"),
                ("UserPrincipalName,DisplayName,WhenCreated\r\nren@" + d + ",Ren\u00e9,2025-01-01\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        browser.signIn(testTenants.newAccount(tenant, Role.GLOBAL_ADMIN), TestTenants.PASSWORD);
        browser.open("/admin/import");
        browser.driver.findElements(By.cssSelector("#import-source vaadin-radio-button")).stream()
                .filter(radio -> radio.getText().startsWith("Users"))
                .findFirst()
                .orElseThrow()
                .click();
        browser.waitUntilIdle();
        assertThat(browser.waitFor(By.id("import-dry-run")).isDisplayed()).isTrue();
        assertThat(browser.driver.findElement(By.id("import-bulk")).isDisplayed())
                .as("a users import has no bulk path")
                .isFalse();

        choose(List.of(csv));
        browser.wait(Duration.ofSeconds(20))
                .until(driver ->
                        driver.findElement(By.id("import-received")).getText().contains("users.csv ("));
        browser.driver.findElement(By.id("start-import")).click();
        int column = ("ren@" + d + ",Ren").length() + 1;

        assertThat(summary())
                .isEqualTo("users.csv:2:" + column + ": line 2, column " + column + " is not UTF-8 text; save the file"
                        + " as UTF-8 (or UTF-16 with a byte order mark); nothing was imported.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void other_roles_get_access_denied_and_no_upload_field() {
        Tenant tenant = testTenants.newTenant("upload-denied-ui");
        for (Role role : List.of(Role.SFB_ADMIN, Role.GLOBAL_READER)) {
            browser.signOutByCookies();
            browser.signIn(testTenants.newAccount(tenant, role), TestTenants.PASSWORD);
            browser.open("/admin/import");
            assertThat(browser.waitFor(By.id("access-denied")).getText()).contains("Access denied (403)");
            assertThat(browser.driver.findElements(By.id("import-files")))
                    .as(role.name())
                    .isEmpty();
        }
    }

    /** Chooses the files in the upload's file input, as the file dialog would. */
    private void choose(List<Path> chosen) {
        WebElement upload = browser.waitFor(By.id("import-files"));
        SearchContext inside = upload.getShadowRoot();
        List<WebElement> inputs = upload.findElements(By.cssSelector("input[type=file]"));
        WebElement input = inputs.isEmpty() ? inside.findElement(By.cssSelector("input[type=file]")) : inputs.get(0);
        input.sendKeys(chosen.stream().map(Path::toString).collect(Collectors.joining("\n")));
    }

    private String summary() {
        return browser.wait(Duration.ofSeconds(60)).until(d -> {
            String text = d.findElement(By.id("import-summary")).getText();
            return text.isBlank() ? null : text;
        });
    }

    private long sessions(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    private Tenant tenantWithUsers(String label) {
        Tenant tenant = testTenants.newTenant(label);
        String d = tenant.name();
        LocalDate from = LocalDate.parse("2025-01-01");
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord(
                                "ann@" + d, "ann", "Ann Example", from, null, "aaaaaaaa-0000-4000-8000-000000000001"),
                        new UserRecord(
                                "bob@" + d, "bob", "Bob Example", from, null, "bbbbbbbb-0000-4000-8000-000000000002"),
                        new UserRecord("carol@" + d, "carol", "Carol Example", from, null))));
        return tenant;
    }

    private List<Path> fixtures(Tenant tenant, List<String> names) throws IOException {
        List<Path> written = new java.util.ArrayList<>();
        for (String name : names) {
            try (var in = getClass().getResourceAsStream("/importing/teams/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("{{DAY}}", day)
                        .replace("{{DOMAIN}}", tenant.name());
                written.add(Files.writeString(files.resolve(name), text));
            }
        }
        return written;
    }
}
