package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.importing.ImportUploads.Options;
import org.commsportal.importing.ImportUploads.Source;
import org.commsportal.security.Role;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The upload page's imports against MariaDB: the command line's importers behind a temporary folder, as the
 * uploading administrator, with the same checks, progress, summary and an audit entry at start and end.
 */
@PortalIntegrationTest
class ImportUploadsIT {

    static final String ANN_ID = TeamsCallRecordImportIT.ANN_ID;
    static final String BOB_ID = TeamsCallRecordImportIT.BOB_ID;

    @Autowired
    ImportUploads uploads;

    @Autowired
    ImportCommands commands;

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    ReadModelCheck readModels;

    @Autowired
    ActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path scratch;

    private final String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();

    @Test
    void uploaded_call_records_import_exactly_as_the_command_line_imports_them_with_progress_summary_and_audit()
            throws Exception {
        Tenant uploaded = tenantWithUsers("upload");
        Tenant commandLine = tenantWithUsers("upload-cli");
        testTenants.signInAs(uploaded, Role.GLOBAL_ADMIN);
        UploadFolder folder = uploads.newFolder();
        for (String name : TeamsCallRecordImportIT.FIXTURES) {
            folder.receive(
                    name, new ByteArrayInputStream(fixture(uploaded, name).getBytes(StandardCharsets.UTF_8)));
        }

        Recorder run = new Recorder();
        uploads.start(Source.TEAMS_CALL_RECORDS, folder, Options.NONE, run);
        ImportUploads.Outcome outcome = run.outcome.get(60, TimeUnit.SECONDS);

        assertThat(outcome.status()).as(run.lines.toString()).isZero();
        assertThat(outcome.summary()).startsWith("Imported 5 call records: 8 sessions written");
        ImportUploads.Progress last = run.progress.get(run.progress.size() - 1);
        assertThat(last.done()).isEqualTo(5);
        assertThat(last.total()).isEqualTo(5);
        assertThat(last.perSecond()).isPositive();
        assertThat(last.describe()).contains("5 of 5 call records (100%)").contains("/s, about 0 s left");
        assertThat(Files.exists(folder.dir()))
                .as("the temporary folder is deleted")
                .isFalse();

        // the same files through the command line give the same stored state, the domain aside
        Path dir = Files.createDirectories(scratch.resolve("cli"));
        for (String name : TeamsCallRecordImportIT.FIXTURES) {
            Files.writeString(dir.resolve(name), fixture(commandLine, name));
        }
        var out = new java.io.ByteArrayOutputStream();
        assertThat(commands.execute(
                        List.of("import", "teams-call-records", dir.toString(), "--tenant=" + commandLine.name()),
                        new java.io.PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(state(uploaded)).hasSize(8).isEqualTo(state(commandLine));
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, uploaded.id());
        assertThat(readModels.differences(uploaded.id(), 20)).isEmpty();

        assertThat(auditDetails(uploaded)).hasSize(2).satisfies(details -> {
            assertThat(details.get(0))
                    .startsWith("started teams-call-records p2p-call.json (")
                    .contains(" bytes), meetings.ndjson (");
            assertThat(details.get(1))
                    .startsWith("finished teams-call-records p2p-call.json (")
                    .endsWith(": " + outcome.summary());
        });
    }

    @Test
    void uploaded_call_records_on_the_bulk_path_end_in_the_same_reports_as_without_it_and_the_audit_says_bulk()
            throws Exception {
        Tenant perRequest = tenantWithUsers("upload-rows");
        Tenant bulk = tenantWithUsers("upload-bulk");

        Recorder rows = upload(perRequest, Source.TEAMS_CALL_RECORDS, Options.NONE, teamsFiles(perRequest));
        Recorder bulked = upload(bulk, Source.TEAMS_CALL_RECORDS, Options.BULK, teamsFiles(bulk));

        ImportUploads.Outcome outcome = bulked.outcome.get();
        assertThat(outcome.status()).as(bulked.lines.toString()).isZero();
        assertThat(outcome.summary()).startsWith("Imported 5 call records: 8 sessions written");
        assertThat(rows.outcome.get().summary()).startsWith("Imported 5 call records: 8 sessions written");
        assertThat(String.join("\n", bulked.lines))
                .contains("Importing 5 call records with 8 sessions on the bulk path ...")
                .contains("Rebuilding the reports of the imported days ...")
                .contains("Rebuilt the daily rollups and");
        // the rebuild's steps reach the page in order, the daily rollups first, then every read model
        assertThat(rows.rebuilding).isEmpty();
        assertThat(bulked.rebuilding)
                .isNotEmpty()
                .allSatisfy(step -> assertThat(step.steps()).isEqualTo(bulked.rebuilding.size()));
        assertThat(bulked.rebuilding.stream().map(ImportUploads.Rebuilding::step))
                .isSorted()
                .startsWith(1)
                .doesNotHaveDuplicates();
        assertThat(bulked.rebuilding.get(0).describe())
                .matches("Rebuilding the reports of the imported days: step 1 of \\d+ \\(daily rollups of"
                        + " \\d{4}-\\d\\d-\\d\\d to \\d{4}-\\d\\d-\\d\\d\\) \\.\\.\\.");
        assertThat(bulked.rebuilding.stream().map(ImportUploads.Rebuilding::what))
                .contains("read model UserPeriodTotals", "read model QualityStreams");

        // the same sessions, the same read models, each equal to its recomputation, the same report figures
        assertThat(state(bulk)).hasSize(8).isEqualTo(state(perRequest));
        assertThat(readModels.differences(bulk.id(), 10)).isEmpty();
        assertThat(readModels.differences(perRequest.id(), 10)).isEmpty();
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, bulk.id());
        for (String table : List.of(
                "tenant_daily_rollup",
                "user_daily_rollup",
                "activity_party_day",
                "quality_day",
                "reliability_day",
                "session_slot_figure")) {
            assertThat(readModelRows(table, bulk)).as(table).isNotEmpty().isEqualTo(readModelRows(table, perRequest));
        }
        assertThat(report(bulk))
                .isEqualTo(report(perRequest))
                .anySatisfy(day -> assertThat(day.audio()).isPositive());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM bulk_import_state WHERE tenant_id = :t")
                        .param("t", bulk.id())
                        .query(Long.class)
                        .single())
                .as("the reports no longer say an import is in progress")
                .isZero();

        assertThat(auditDetails(bulk)).hasSize(2).satisfies(details -> {
            assertThat(details.get(0))
                    .startsWith("started teams-call-records p2p-call.json (")
                    .endsWith(" bytes) (bulk path)");
            assertThat(details.get(1))
                    .startsWith("finished teams-call-records p2p-call.json (")
                    .endsWith(" bytes) (bulk path): " + outcome.summary());
        });
        assertThat(auditDetails(perRequest)).hasSize(2).noneMatch(detail -> detail.contains("bulk"));
    }

    @Test
    void an_uploaded_skype_for_business_server_export_on_the_bulk_path_ends_as_without_it() throws Exception {
        Tenant perRequest = tenantWithUsers("upload-sfb-rows");
        Tenant bulk = tenantWithUsers("upload-sfb-bulk");

        Recorder rows = upload(perRequest, Source.SFB_SERVER, Options.NONE, sfbFiles(perRequest));
        Recorder bulked = upload(bulk, Source.SFB_SERVER, Options.BULK, sfbFiles(bulk));

        assertThat(bulked.outcome.get().status()).as(bulked.lines.toString()).isZero();
        assertThat(rows.outcome.get().summary()).startsWith("Imported 5 dialogs (0 stored ones replaced");
        assertThat(bulked.outcome.get().summary()).startsWith("Imported 5 dialogs (0 stored ones replaced");
        assertThat(String.join("\n", bulked.lines)).contains("dialogs on the bulk path ...");
        assertThat(bulked.rebuilding).isNotEmpty();
        assertThat(readModels.differences(bulk.id(), 10)).isEmpty();
        assertThat(state(bulk)).isNotEmpty().isEqualTo(state(perRequest));
        for (String table : List.of("tenant_daily_rollup", "user_daily_rollup", "session_slot_figure", "pstn_call")) {
            assertThat(readModelRows(table, bulk)).as(table).isNotEmpty().isEqualTo(readModelRows(table, perRequest));
        }
        assertThat(report(bulk)).isEqualTo(report(perRequest));
        assertThat(auditDetails(bulk)).allSatisfy(detail -> assertThat(detail).contains(" (bulk path)"));
    }

    @Test
    void the_users_import_has_no_bulk_path_and_the_service_refuses_it_with_the_reason() throws Exception {
        Tenant tenant = testTenants.newTenant("upload-users-bulk");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        UploadFolder folder = uploads.newFolder();
        folder.receive(
                "users.csv",
                stream("UserPrincipalName,DisplayName,WhenCreated\r\nann@" + tenant.name() + ",Ann,2025-01-01\r\n"));

        assertThatThrownBy(() -> uploads.start(Source.USERS_CSV, folder, Options.BULK, new Recorder()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The bulk path (history backfill) is for sessions: Teams call records and Skype for"
                        + " Business Server exports. A users import has none; import the users without it.");
        assertThat(users(tenant)).isZero();
        assertThat(auditDetails(tenant)).as("nothing started").isEmpty();

        // refused before it counted as running: the same files import without the bulk path
        Recorder run = new Recorder();
        uploads.start(Source.USERS_CSV, folder, Options.NONE, run);
        assertThat(run.outcome.get(60, TimeUnit.SECONDS).summary()).startsWith("Imported 1 users");
        assertThat(users(tenant)).isOne();
    }

    @Test
    void hostile_json_files_import_nothing_and_every_problem_names_the_uploaded_file_line_and_column()
            throws Exception {
        Tenant tenant = tenantWithUsers("upload-hostile");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        UploadFolder folder = uploads.newFolder();
        folder.receive("p2p-call.json", stream(fixture(tenant, "p2p-call.json")));
        folder.receive("bad.json", stream("{\"id\": \"x\",\n  \"version\": 1,\n  \"sessions\": [ }\n"));
        folder.receive("huge.ndjson", stream("{\"id\":\"" + "x".repeat(3 << 20) + "\"}\n"));
        byte[] latin1 = "{\"id\":\"caf\u00e9\",\"version\":1}".getBytes(StandardCharsets.ISO_8859_1);
        folder.receive("latin1.json", new ByteArrayInputStream(latin1));

        Recorder run = new Recorder();
        uploads.start(Source.TEAMS_CALL_RECORDS, folder, Options.NONE, run);
        ImportUploads.Outcome outcome = run.outcome.get(60, TimeUnit.SECONDS);

        assertThat(outcome.status()).isEqualTo(2);
        assertThat(outcome.summary()).endsWith("nothing was imported.");
        String lines = String.join("\n", run.lines);
        assertThat(lines)
                .containsPattern("  bad\\.json:3:\\d+: record: not valid JSON: Unexpected close marker '}'")
                .containsPattern(
                        "  huge\\.ndjson:1:\\d+: record: not valid JSON: String value length \\(\\d+\\) exceeds")
                .containsPattern("  latin1\\.json:1:\\d+: record: not valid JSON: Invalid UTF-8")
                .doesNotContain(folder.dir().toString());
        assertThat(sessions(tenant)).isZero();
    }

    @Test
    void hostile_csv_files_import_nothing_and_say_where_while_a_utf16_export_imports() throws Exception {
        Tenant tenant = testTenants.newTenant("upload-csv");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        String header = "UserPrincipalName,DisplayName,WhenCreated\r\n";

        byte[] latin1 = (header + "ann@" + tenant.name() + ",Ann,2025-01-01\r\nrene@" + tenant.name()
                        + ",Ren\u00e9,2025-01-01\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        int badColumn = ("rene@" + tenant.name() + ",Ren").length() + 1;
        assertThat(importCsv("users.csv", latin1))
                .contains("users.csv:3:" + badColumn + ": line 3, column " + badColumn + " is not UTF-8 text")
                .contains("nothing was imported");

        byte[] longLine = (header + "ann@" + tenant.name() + "," + "A".repeat(CsvReader.MAX_RECORD_CHARS)
                        + ",2025-01-01\r\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(importCsv("long.csv", longLine))
                .contains("long.csv:2:1: the record on line 2 is longer than 1048576 characters")
                .contains("nothing was imported");
        assertThat(users(tenant)).isZero();

        byte[] unicode = ("\uFEFF" + header + "ann@" + tenant.name() + ",Ann,2025-01-01\r\nrene@" + tenant.name()
                        + ",Ren\u00e9,2025-01-01\r\n")
                .getBytes(StandardCharsets.UTF_16LE);
        assertThat(importCsv("unicode.csv", unicode)).contains("Imported 2 users");
        assertThat(jdbc.sql("SELECT display_name FROM licensed_user WHERE tenant_id = :t ORDER BY upn")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactly("Ann", "Ren\u00e9");
    }

    @Test
    void an_import_whose_page_was_closed_meanwhile_still_completes_and_is_audited() throws Exception {
        Tenant tenant = tenantWithUsers("upload-closed");
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        UploadFolder folder = uploads.newFolder();
        folder.receive("meetings.ndjson", stream(fixture(tenant, "meetings.ndjson")));
        CompletableFuture<ImportUploads.Outcome> ended = new CompletableFuture<>();
        ImportUploads.Watcher closedPage = new ImportUploads.Watcher() {
            @Override
            public void line(String line) {
                throw new IllegalStateException("the UI is detached");
            }

            @Override
            public void progress(ImportUploads.Progress progress) {
                throw new IllegalStateException("the UI is detached");
            }

            @Override
            public void finished(ImportUploads.Outcome outcome) {
                ended.complete(outcome);
            }
        };

        uploads.start(Source.TEAMS_CALL_RECORDS, folder, Options.NONE, closedPage);

        assertThat(ended.get(60, TimeUnit.SECONDS).summary()).startsWith("Imported 2 call records: 5 sessions written");
        assertThat(sessions(tenant)).isEqualTo(5);
        assertThat(auditDetails(tenant)).hasSize(2);
    }

    @Test
    void an_upload_over_the_limit_is_refused_and_not_kept_and_names_cannot_leave_the_folder() throws Exception {
        try (UploadFolder folder = new UploadFolder(Files.createDirectory(scratch.resolve("limit")), 10)) {
            folder.receive("../../etc/a.json", stream("12345"));
            assertThatThrownBy(() -> folder.receive("b.json", stream("123456")))
                    .isInstanceOf(UploadFolder.TooLarge.class)
                    .hasMessageContaining("\"b.json\" makes the upload larger than the limit of 10 bytes");
            assertThat(folder.received()).containsExactly(new UploadFolder.Received("a.json", 5));
            try (var files = Files.list(folder.dir())) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactly("a.json");
            }
            folder.receive("a.json", stream("1234567890")); // the same name again replaces the first
            assertThat(folder.received()).containsExactly(new UploadFolder.Received("a.json", 10));
        }
    }

    @Test
    void only_global_administrators_upload_and_start_imports() throws Exception {
        Tenant tenant = testTenants.newTenant("upload-denied");
        for (Role role : List.of(Role.SFB_ADMIN, Role.GLOBAL_READER, Role.REPORTS_READER)) {
            testTenants.signInAs(tenant, role);
            assertThatThrownBy(uploads::newFolder).as(role.name()).isInstanceOf(AccessDeniedException.class);
            try (UploadFolder folder = new UploadFolder(Files.createTempDirectory(scratch, "x"), 100)) {
                assertThatThrownBy(() -> uploads.start(Source.USERS_CSV, folder, Options.NONE, new Recorder()))
                        .as(role.name())
                        .isInstanceOf(AccessDeniedException.class);
            }
        }
        assertThat(auditDetails(tenant)).isEmpty();
    }

    private String importCsv(String name, byte[] bytes) throws Exception {
        UploadFolder folder = uploads.newFolder();
        folder.receive(name, new ByteArrayInputStream(bytes));
        Recorder run = new Recorder();
        uploads.start(Source.USERS_CSV, folder, Options.NONE, run);
        ImportUploads.Outcome outcome = run.outcome.get(60, TimeUnit.SECONDS);
        return String.join("\n", run.lines) + "\n" + outcome.summary();
    }

    /** What the page would show, recorded from the import's thread. */
    static final class Recorder implements ImportUploads.Watcher {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final List<ImportUploads.Progress> progress = Collections.synchronizedList(new ArrayList<>());
        final List<ImportUploads.Rebuilding> rebuilding = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<ImportUploads.Outcome> outcome = new CompletableFuture<>();

        @Override
        public void line(String line) {
            lines.add(line);
        }

        @Override
        public void progress(ImportUploads.Progress step) {
            progress.add(step);
        }

        @Override
        public void rebuilding(ImportUploads.Rebuilding step) {
            rebuilding.add(step);
        }

        @Override
        public void finished(ImportUploads.Outcome done) {
            outcome.complete(done);
        }
    }

    /** Uploads the files into the tenant as its global administrator and waits for the import to end. */
    private Recorder upload(Tenant tenant, Source source, Options options, java.util.Map<String, String> files)
            throws Exception {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        UploadFolder folder = uploads.newFolder();
        for (var file : files.entrySet()) {
            folder.receive(file.getKey(), stream(file.getValue()));
        }
        Recorder run = new Recorder();
        uploads.start(source, folder, options, run);
        run.outcome.get(60, TimeUnit.SECONDS);
        return run;
    }

    private java.util.Map<String, String> teamsFiles(Tenant tenant) throws IOException {
        var files = new java.util.LinkedHashMap<String, String>();
        for (String name : TeamsCallRecordImportIT.FIXTURES) {
            files.put(name, fixture(tenant, name));
        }
        return files;
    }

    private java.util.Map<String, String> sfbFiles(Tenant tenant) throws IOException {
        var files = new java.util.LinkedHashMap<String, String>();
        for (String name : SfbServerImportIT.FIXTURES) {
            try (var in = getClass().getResourceAsStream("/importing/sfb/" + name)) {
                files.put(
                        name,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                .replace("{{DAY}}", day)
                                .replace("{{DOMAIN}}", tenant.name()));
            }
        }
        return files;
    }

    /** The peer-to-peer activity report's days, as its page shows them to the tenant's administrator. */
    private List<org.commsportal.activity.DailyActivity> report(Tenant tenant) {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        return activity.activity(ReportPeriod.D7).days();
    }

    /**
     * A read model's rows of the tenant, comparable across tenants: users by alias, sessions by dialog id, whether a
     * conference key is set, the domain written as D.
     */
    private List<String> readModelRows(String table, Tenant tenant) {
        java.util.Map<Long, String> aliases = new java.util.HashMap<>();
        jdbc.sql("SELECT id, alias FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> aliases.put(rs.getLong(1), rs.getString(2)))
                .list();
        java.util.Map<Long, String> dialogs = new java.util.HashMap<>();
        jdbc.sql("SELECT id, dialog_id FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> dialogs.put(rs.getLong(1), rs.getString(2)))
                .list();
        List<String> rows = new ArrayList<>();
        for (var row : jdbc.sql("SELECT * FROM " + table + " WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query()
                .listOfRows()) {
            var comparable = new java.util.TreeMap<String, Object>();
            row.forEach((column, value) -> {
                String name = column.toLowerCase(java.util.Locale.ROOT);
                if (name.equals("tenant_id") || name.equals("id")) {
                    return;
                }
                if (value != null && name.endsWith("user_id")) {
                    value = aliases.get(((Number) value).longValue());
                } else if (value != null && name.endsWith("session_id")) {
                    value = dialogs.get(((Number) value).longValue());
                } else if (value instanceof byte[] bytes && name.equals("conference_key")) {
                    // a hash of the conference's address, which names the tenant's domain
                    value = java.util.Arrays.equals(bytes, new byte[bytes.length]) ? "none" : "a conference";
                } else if (value instanceof byte[] bytes) {
                    value = java.util.HexFormat.of().formatHex(bytes);
                } else if (value instanceof String text) {
                    value = text.replace(tenant.name(), "D");
                }
                comparable.put(name, value);
            });
            rows.add(comparable.toString());
        }
        rows.sort(null);
        return rows;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private Tenant tenantWithUsers(String label) {
        Tenant tenant = testTenants.newTenant(label);
        String d = tenant.name();
        LocalDate from = LocalDate.parse("2025-01-01");
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ann@" + d, "ann", "Ann Example", from, null, ANN_ID),
                        new UserRecord("bob@" + d, "bob", "Bob Example", from, null, BOB_ID),
                        new UserRecord("carol@" + d, "carol", "Carol Example", from, null))));
        return tenant;
    }

    private String fixture(Tenant tenant, String name) throws IOException {
        try (var in = getClass().getResourceAsStream("/importing/teams/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{DAY}}", day)
                    .replace("{{DOMAIN}}", tenant.name());
        }
    }

    /** The stored sessions and their quality rows, the tenant's domain written as D. */
    private List<String> state(Tenant tenant) {
        return jdbc.sql("""
                SELECT CONCAT_WS('|', s.dialog_id, s.start_time, s.end_time, s.from_uri, s.to_uri,
                                 COALESCE(s.conference_url, ''), s.media_mask, COALESCE(f.upn, ''),
                                 COALESCE(t.upn, ''),
                                 (SELECT COUNT(*) FROM qoe_audio_stream q WHERE q.session_id = s.id),
                                 (SELECT COUNT(*) FROM qoe_media_line q WHERE q.session_id = s.id))
                FROM comm_session s LEFT JOIN licensed_user f ON f.id = s.from_user_id
                LEFT JOIN licensed_user t ON t.id = s.to_user_id
                WHERE s.tenant_id = :t ORDER BY s.dialog_id""").param("t", tenant.id()).query(String.class).list().stream()
                .map(row -> row.replace(tenant.name(), "D"))
                .toList();
    }

    private long sessions(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    private long users(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    private List<String> auditDetails(Tenant tenant) {
        return jdbc.sql("""
                SELECT detail FROM audit_event WHERE tenant_id = :t AND action = 'IMPORT_UPLOAD' ORDER BY id""").param("t", tenant.id()).query(String.class).list();
    }
}
