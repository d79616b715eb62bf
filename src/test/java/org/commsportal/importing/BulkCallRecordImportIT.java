package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code import teams-call-records --bulk} (docs/ingest.md, "Bulk imports"): the same files imported with and without
 * it end in the same sessions and the same report figures, both equal to a recomputation, and running the bulk import
 * again changes nothing.
 */
@PortalIntegrationTest
class BulkCallRecordImportIT {

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
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final String day = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();

    @Test
    void call_records_imported_in_bulk_equal_those_imported_per_request_and_a_rerun_changes_nothing()
            throws IOException {
        Tenant perRequest = tenantWithUsers("teams-per-request");
        Tenant bulk = tenantWithUsers("teams-bulk");

        assertThat(run(
                        "import",
                        "teams-call-records",
                        fixtures(perRequest).toString(),
                        "--tenant=" + perRequest.name()))
                .as(output())
                .isZero();
        for (int run = 0; run < 2; run++) {
            assertThat(run(
                            "import",
                            "teams-call-records",
                            fixtures(bulk).toString(),
                            "--tenant=" + bulk.name(),
                            "--bulk"))
                    .as(output())
                    .isZero();
        }
        assertThat(output())
                .contains("on the bulk path", "Rebuilt the daily rollups and", "Imported 5 call records: 8 sessions");

        assertThat(readModels.differences(perRequest.id(), 10)).isEmpty();
        assertThat(readModels.differences(bulk.id(), 10)).isEmpty();
        for (String sql : List.of(
                "SELECT dialog_id, start_time, end_time, media_mask, conference_url IS NULL FROM comm_session"
                        + " WHERE tenant_id = :t ORDER BY dialog_id",
                "SELECT day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing, p2p_audio_ms, conference_sessions, users_audio"
                        + " FROM tenant_daily_rollup WHERE tenant_id = :t ORDER BY day",
                "SELECT u.alias, r.day, r.p2p_audio, r.conference_sessions FROM user_daily_rollup r"
                        + " JOIN licensed_user u ON u.id = r.user_id WHERE r.tenant_id = :t ORDER BY 1, 2",
                "SELECT day, modality, SUM(good), SUM(poor), SUM(unclassified) FROM quality_day WHERE tenant_id = :t"
                        + " GROUP BY day, modality ORDER BY day, modality",
                "SELECT COUNT(*) FROM pstn_call WHERE tenant_id = :t",
                "SELECT COUNT(*) FROM feedback_rating WHERE tenant_id = :t")) {
            assertThat(rows(sql, bulk)).as(sql).isEqualTo(rows(sql, perRequest));
        }
        assertThat(rows("SELECT COUNT(*) FROM bulk_import_state WHERE tenant_id = :t", bulk))
                .containsExactly("0");
    }

    @Test
    void the_users_import_has_no_bulk_path() {
        Tenant tenant = tenantWithUsers("users-bulk");
        assertThat(run(
                        "import",
                        "users-csv",
                        files.resolve("users.csv").toString(),
                        "--tenant=" + tenant.name(),
                        "--bulk"))
                .isEqualTo(1);
        assertThat(output()).contains("--bulk is for sessions");
    }

    private Tenant tenantWithUsers(String label) {
        Tenant tenant = testTenants.newTenant(label);
        String d = tenant.name();
        LocalDate from = LocalDate.parse("2025-01-01");
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ann@" + d, "ann", "Ann Example", from, null, TeamsCallRecordImportIT.ANN_ID),
                        new UserRecord("bob@" + d, "bob", "Bob Example", from, null, TeamsCallRecordImportIT.BOB_ID),
                        new UserRecord("carol@" + d, "carol", "Carol Example", from, null))));
        return tenant;
    }

    private Path fixtures(Tenant tenant) throws IOException {
        Path dir = Files.createDirectories(files.resolve(tenant.name()));
        for (String name : TeamsCallRecordImportIT.FIXTURES) {
            try (var in = getClass().getResourceAsStream("/importing/teams/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                // the same dialog ids in both tenants: the domain is not part of them
                Files.writeString(
                        dir.resolve(name), text.replace("{{DAY}}", day).replace("{{DOMAIN}}", tenant.name()));
            }
        }
        return dir;
    }

    private List<String> rows(String sql, Tenant tenant) {
        return jdbc.sql(sql)
                .param("t", tenant.id())
                .query((rs, row) -> {
                    StringBuilder line = new StringBuilder();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        line.append(c > 1 ? "|" : "").append(rs.getString(c));
                    }
                    return line.toString();
                })
                .list();
    }

    private int run(String... args) {
        return commands.execute(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
