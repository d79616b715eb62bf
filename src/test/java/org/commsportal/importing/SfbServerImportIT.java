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
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
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
 * {@code import sfb-server} against MariaDB, with files written as the queries and export commands of
 * docs/import-sfb-server.md produce them (PowerShell CSV, sqlcmd with its underline, bcp with a header put in front).
 */
@PortalIntegrationTest
class SfbServerImportIT {

    static final List<String> FIXTURES = List.of("media.csv", "sessions.tsv", "conference-sessions.txt");

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
    private final String day = LocalDate.now(ZoneOffset.UTC).minusDays(4).toString();

    @Test
    void exported_dialogs_media_and_conferences_become_sessions_and_the_reports_equal_a_recomputation()
            throws Exception {
        Tenant tenant = tenantWithUsers("sfb");
        Path dir = fixtures(tenant, "export");

        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .as(output())
                .isZero();

        String d = tenant.name();
        assertThat(output()).contains("Imported 5 dialogs (0 stored ones replaced, 1 without media rows skipped)");
        assertThat(row(tenant, "sfb:" + day + "T09:00:00.123Z:1"))
                .containsEntry("start_time", day + " 09:00:00.123")
                .containsEntry("end_time", day + " 09:10:00.123")
                .containsEntry("from_uri", "sip:ann@" + d)
                .containsEntry("to_uri", "sip:bob@" + d)
                .containsEntry("from_client_version", "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)")
                .containsEntry("to_client_version", "UCCAPI/16.0.5000.1000 OC/16.0.5000.1000 (Skype for Business)")
                .containsEntry("from_endpoint_id", "0f8fad5b-d9cb-469f-a165-70867728950e")
                .containsEntry("to_endpoint_id", "7c9e6679-7425-40de-944b-e07fc1f90ae7")
                .containsEntry("on_behalf_of_uri", "sip:dave@" + d)
                .containsEntry("referred_by_uri", "sip:carol@" + d)
                .containsEntry("response_code", 200)
                .containsEntry("diagnostic_id", null)
                .containsEntry("media", "5:599000,6:300000");
        assertThat(row(tenant, "sfb:" + day + "T10:00:00Z:2"))
                .containsEntry("im_message_count", 7)
                .containsEntry("media", "1:300000");
        assertThat(row(tenant, "sfb:" + day + "T11:00:00Z:3"))
                .containsEntry("to_tel", "+14255550123")
                .containsEntry("media", "5:120000"); // the audio set up twice in the dialog adds up
        assertThat(row(tenant, "sfb:" + day + "T13:00:00Z:10"))
                .containsEntry("conference_url", "sip:bob@" + d + ";gruu;opaque=app:conf:focus:id:ABC123")
                .containsEntry("conf_instance", "4a1c2b3d-0000-4000-8000-00000000c0f1")
                .containsEntry("to_uri", "sip:bob@" + d)
                .containsEntry("from_client_version", "UCCAPI/16.0.4849.1000")
                .containsEntry("from_endpoint_id", "1b4e28ba-2fa1-11d2-883f-0016d3cca427")
                .containsEntry("media", "5:3600000");
        assertThat(row(tenant, "sfb:" + day + "T13:05:00Z:11")).containsEntry("from_uri", "sip:carol@" + d);

        // the peer-to-peer report's figures, worked out by hand from the files
        assertThat(rollup(tenant, "ann"))
                .isEqualTo("im 1, audio 1, video 1, audio ms 599000, video ms 300000, conference 1");
        assertThat(rollup(tenant, "bob"))
                .isEqualTo("im 0, audio 2, video 1, audio ms 719000, video ms 300000, conference 2");
        assertThat(rollup(tenant, "carol")).isEqualTo("im 1, audio 0, video 0, audio ms 0, video ms 0, conference 1");
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, tenant.id());
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();

        // run again (as after a killed import): the same state, every dialog replaced once
        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .isZero();
        assertThat(output()).contains("Imported 5 dialogs (5 stored ones replaced");
        assertThat(count(tenant)).isEqualTo(5);
        assertThat(rollup(tenant, "bob"))
                .isEqualTo("im 0, audio 2, video 1, audio ms 719000, video ms 300000, conference 2");
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();
    }

    @Test
    void bad_rows_import_nothing_and_every_problem_names_file_line_column_and_column_name() throws Exception {
        Tenant tenant = tenantWithUsers("sfb-bad");
        Path dir = fixtures(tenant, "bad");
        Files.writeString(
                dir.resolve("media.csv"),
                "SessionIdTime,SessionIdSeq,MediaId,StartTime,EndTime\n"
                        + day + " 09:00:00.123,1,9," + day + " 09:00:00," + day + " 09:01:00\n"
                        + day + " 10:00:00,2,1,yesterday," + day + " 10:05:00\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("conference-sessions.txt"), "SessionIdTime\tSessionIdSeq\tInviteTime\n");

        assertThat(run("import", "sfb-server", dir.toString(), "--tenant=" + tenant.name()))
                .isEqualTo(2);

        assertThat(output())
                .contains(dir.resolve("media.csv") + ":2:3: column 3, MediaId: must be a MediaList id 1 to 7, not 9")
                .contains(dir.resolve("media.csv") + ":3:4: column 4, StartTime: \"yesterday\" is not a date and time")
                .contains(dir.resolve("conference-sessions.txt") + ":1:0: header, UserUri: is missing")
                .contains("nothing was imported");
        assertThat(count(tenant)).isZero();
    }

    private Tenant tenantWithUsers(String label) {
        Tenant tenant = testTenants.newTenant(label);
        String d = tenant.name();
        LocalDate from = LocalDate.parse("2025-01-01");
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ann@" + d, "ann", "Ann Example", from, null),
                        new UserRecord("bob@" + d, "bob", "Bob Example", from, null),
                        new UserRecord("carol@" + d, "carol", "Carol Example", from, null))));
        return tenant;
    }

    private Path fixtures(Tenant tenant, String folder) throws IOException {
        Path dir = Files.createDirectories(files.resolve(tenant.name() + "-" + folder));
        for (String name : FIXTURES) {
            try (var in = getClass().getResourceAsStream("/importing/sfb/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(
                        dir.resolve(name), text.replace("{{DAY}}", day).replace("{{DOMAIN}}", tenant.name()));
            }
        }
        return dir;
    }

    private int run(String... args) {
        return commands.execute(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Object> row(Tenant tenant, String dialogId) {
        return jdbc.sql("""
                SELECT DATE_FORMAT(s.start_time, '%Y-%m-%d %H:%i:%s.%f') AS start_time,
                       DATE_FORMAT(s.end_time, '%Y-%m-%d %H:%i:%s.%f') AS end_time, s.from_uri, s.to_uri,
                       s.from_client_version, s.to_client_version, s.from_endpoint_id, s.to_endpoint_id,
                       s.on_behalf_of_uri, s.referred_by_uri, s.response_code, s.diagnostic_id, s.im_message_count,
                       s.conference_url, s.conf_instance, s.from_tel, s.to_tel,
                       (SELECT GROUP_CONCAT(m.media_type_id, ':', m.duration_ms ORDER BY m.media_type_id)
                        FROM session_media m WHERE m.session_id = s.id) AS media
                FROM comm_session s WHERE s.tenant_id = :t AND s.dialog_id = :d""")
                .param("t", tenant.id())
                .param("d", dialogId)
                .query((rs, n) -> {
                    var values = new java.util.LinkedHashMap<String, Object>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        String name = rs.getMetaData().getColumnLabel(i);
                        values.put(
                                name,
                                value instanceof String text && name.endsWith("_time")
                                        ? text.substring(0, text.length() - 3) // %f is microseconds
                                        : value);
                    }
                    return (Map<String, Object>) values;
                })
                .single();
    }

    private String rollup(Tenant tenant, String alias) {
        return jdbc.sql("""
                SELECT CONCAT('im ', COALESCE(SUM(r.p2p_im), 0), ', audio ', COALESCE(SUM(r.p2p_audio), 0),
                              ', video ', COALESCE(SUM(r.p2p_video), 0), ', audio ms ', COALESCE(SUM(r.p2p_audio_ms), 0),
                              ', video ms ', COALESCE(SUM(r.p2p_video_ms), 0),
                              ', conference ', COALESCE(SUM(r.conference_sessions), 0))
                FROM licensed_user u LEFT JOIN user_daily_rollup r ON r.user_id = u.id AND r.tenant_id = u.tenant_id
                WHERE u.tenant_id = :t AND u.alias = :a""")
                .param("t", tenant.id())
                .param("a", alias)
                .query(String.class)
                .single();
    }

    private long count(Tenant tenant) {
        return jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }
}
