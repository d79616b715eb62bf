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
import java.util.ArrayList;
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

/** {@code import teams-call-records} against MariaDB, with fixtures written from the vendor's documented schema. */
@PortalIntegrationTest
class TeamsCallRecordImportIT {

    static final String ANN_ID = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String BOB_ID = "bbbbbbbb-0000-4000-8000-000000000002";
    static final List<String> FIXTURES = List.of("p2p-call.json", "meetings.ndjson", "saved-page.json", "array.json");

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
    void call_records_in_every_saved_shape_become_sessions_and_every_report_figure_equals_a_recomputation()
            throws Exception {
        Tenant tenant = tenantWithUsers("teams");
        Path folder = fixtures(tenant, "all", FIXTURES);

        assertThat(run("import", "teams-call-records", folder.toString(), "--tenant=" + tenant.name()))
                .as(output())
                .isZero();

        assertThat(output()).contains("Imported 5 call records: 8 sessions written");
        String d = tenant.name();
        // the peer-to-peer call: participants matched by object id (in any case) before the UPN the record gives
        assertThat(row(tenant, "teams:11111111-aaaa-4bbb-8ccc-000000000001:e523d2ed-2966-4b6b-925b-754a88034cc5"))
                .containsEntry("from_uri", "sip:ann@" + d)
                .containsEntry("to_uri", "sip:bob@" + d)
                .containsEntry("from_client_version", "RTCC/7.0.0.0 UCWA/7.0.0.0 TeamsDesktop/1.0")
                .containsEntry("to_client_version", "teams 24295.605")
                .containsEntry("from_user", "ann@" + d)
                .containsEntry("to_user", "bob@" + d)
                .containsEntry("conference_url", null)
                .containsEntry("media", "4:750000,5:750000,6:750000");
        // the meeting: one session per participant, the organizer is the callee of each
        String conference = "sip:ann@" + d + ";gruu;opaque=app:conf:focus:id:22222222-aaaa-4bbb-8ccc-000000000002";
        assertThat(row(tenant, "teams:22222222-aaaa-4bbb-8ccc-000000000002:s-ann"))
                .containsEntry("conference_url", conference)
                .containsEntry("conf_instance", "22222222-aaaa-4bbb-8ccc-000000000002")
                .containsEntry("to_uri", "sip:ann@" + d)
                .containsEntry("media", "5:3600000,6:3600000");
        assertThat(row(tenant, "teams:22222222-aaaa-4bbb-8ccc-000000000002:s-carol"))
                .containsEntry("from_uri", "sip:carol@" + d) // unknown object id: matched by UPN second
                .containsEntry("from_user", "carol@" + d);
        assertThat(row(tenant, "teams:22222222-aaaa-4bbb-8ccc-000000000002:s-phone"))
                .containsEntry("from_uri", "sip:+14255550123@pstn.invalid;user=phone")
                .containsEntry("from_tel", "+14255550123")
                .containsEntry("from_user", null);
        assertThat(row(tenant, "teams:22222222-aaaa-4bbb-8ccc-000000000002:s-guest"))
                .containsEntry("from_uri", "sip:dddddddd-0000-4000-8000-000000000004@objectid.invalid")
                .containsEntry("from_user", null); // unmatched: kept as an external party
        assertThat(row(tenant, "teams:33333333-aaaa-4bbb-8ccc-000000000003:s-pstn"))
                .containsEntry("to_tel", "+442071234567")
                .containsEntry("media", "5:180000");

        // quality records: every mapped stream, network, device and feedback field
        long p2p = sessionId(tenant, "teams:11111111-aaaa-4bbb-8ccc-000000000001:e523d2ed-2966-4b6b-925b-754a88034cc5");
        assertThat(rows("""
                SELECT side, codec, jitter_avg_ms, jitter_max_ms, packet_loss_rate_avg, packet_loss_rate_max,
                       round_trip_avg_ms, round_trip_max_ms, degradation_avg, concealed_ratio_avg, bandwidth_estimate_kbps
                FROM qoe_audio_stream WHERE session_id = :s ORDER BY side""", p2p))
                .containsExactly(
                        "FROM|satin|12.0|45.0|0.01|0.05|80.0|200.0|0.3|0.02|2500.0",
                        "TO|opus|20.0|null|0.0|null|81.0|null|null|null|null");
        assertThat(rows("""
                SELECT side, codec, frame_rate_in_avg, frame_rate_out_avg, local_frame_loss_percent, post_fec_packet_loss
                FROM qoe_video_stream WHERE session_id = :s""", p2p)).containsExactly("FROM|h264|29.5|30.0|0.5|0.001");
        assertThat(rows("""
                SELECT side, jitter_avg_ms, round_trip_avg_ms, packet_loss_rate_avg
                FROM qoe_app_sharing_stream WHERE session_id = :s""", p2p)).containsExactly("TO|30.0|100.0|0.002");
        assertThat(rows("""
                SELECT side, media_type_id, ip_address, port, subnet, vpn, connection_type, capture_device,
                       render_device, relay_ip_address
                FROM qoe_media_line WHERE session_id = :s ORDER BY media_type_id, side""", p2p))
                .containsExactly(
                        "FROM|5|10.0.0.5|50010|10.0.0.0|0|wired|Headset Microphone|Headset Earphone|52.112.0.1",
                        "TO|5|192.168.1.20|50020|192.168.1.0|1|tunnel|Built-in Microphone|Built-in Speakers|null",
                        "FROM|6|10.0.0.5|50012|10.0.0.0|0|wired|null|null|null");
        assertThat(rows("""
                SELECT side, send_signal_level_dbmo, recv_signal_level_dbmo, send_noise_level_dbmo,
                       recv_noise_level_dbmo, mic_glitch_rate, speaker_glitch_rate
                FROM qoe_audio_signal WHERE session_id = :s ORDER BY side""", p2p))
                .containsExactly("FROM|-20.0|-22.0|-65.0|-62.0|3.0|4.0", "TO|null|null|null|null|null|null");
        assertThat(rows("""
                SELECT side, network_send_quality_bad_ratio, network_receive_quality_bad_ratio,
                       network_delay_event_ratio, network_low_bandwidth_ratio, cpu_insufficient_event_ratio,
                       device_capture_not_functioning_ratio, device_render_not_functioning_ratio,
                       device_glitches_event_ratio, device_low_snr_event_ratio, device_low_speech_level_ratio,
                       device_clipping_event_ratio
                FROM qoe_audio_client_event WHERE session_id = :s ORDER BY side""", p2p))
                .containsExactly(
                        "FROM|0.01|0.02|0.03|0.04|0.05|0.0|0.001|0.06|0.07|0.08|0.09",
                        "TO|null|null|null|null|null|null|null|null|null|null|null");
        assertThat(rows(
                        "SELECT side, hop, ip_address, rtt_ms FROM qoe_traceroute WHERE session_id = :s ORDER BY hop",
                        p2p))
                .containsExactly("FROM|1|10.0.0.1|2.0", "FROM|2|52.112.0.1|18.5");
        assertThat(rows(
                        "SELECT side, user_agent, os_version FROM qoe_session WHERE session_id = :s ORDER BY side",
                        p2p))
                .containsExactly("FROM|RTCC/7.0.0.0 UCWA/7.0.0.0 TeamsDesktop/1.0|windows", "TO|null|macOS");
        assertThat(rows(
                        "SELECT side, rating, tokens, feedback_text FROM qoe_feedback WHERE tenant_id = :s ORDER BY rating",
                        tenant.id()))
                .containsExactly("FROM|4|Echo,Noisy|clear enough", "TO|5|null|null"); // notRated is no feedback

        // the peer-to-peer report's figures, computed by hand from the fixtures
        assertThat(rollup(tenant, "ann"))
                .isEqualTo("audio 3, video 1, sharing 1, audio ms 1110000, video ms 750000, conference 4");
        assertThat(rollup(tenant, "bob"))
                .isEqualTo("audio 4, video 1, sharing 1, audio ms 1290000, video ms 750000, conference 0");
        assertThat(rollup(tenant, "carol"))
                .isEqualTo("audio 0, video 0, sharing 0, audio ms 0, video ms 0, conference 1");
        // and every read model equals a recomputation from the raw rows
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, tenant.id());
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();
    }

    @Test
    void a_later_version_replaces_the_earlier_and_an_earlier_one_read_afterwards_changes_nothing() throws Exception {
        Tenant tenant = tenantWithUsers("versions");
        String v1 = call(1, "s-1", "s-2");
        String v2 = call(2, "s-2");
        Path first = write(tenant, "v1.json", v1);
        Path second = write(tenant, "v2.json", v2);

        assertThat(run("import", "teams-call-records", first.toString(), "--tenant=" + tenant.name()))
                .isZero();
        assertThat(dialogIds(tenant))
                .containsExactly(
                        "teams:77777777-0000-4000-8000-000000000007:s-1",
                        "teams:77777777-0000-4000-8000-000000000007:s-2");
        assertThat(run("import", "teams-call-records", second.toString(), "--tenant=" + tenant.name()))
                .isZero();
        assertThat(dialogIds(tenant)).containsExactly("teams:77777777-0000-4000-8000-000000000007:s-2");
        assertThat(run("import", "teams-call-records", first.toString(), "--tenant=" + tenant.name()))
                .isZero();
        assertThat(output()).contains("0 sessions written", "1 older versions skipped");
        assertThat(dialogIds(tenant)).containsExactly("teams:77777777-0000-4000-8000-000000000007:s-2");
        // both versions in one file, in any order: only the later is written
        Tenant other = tenantWithUsers("versions-in-one-file");
        Path both = write(other, "both.ndjson", v2 + "\n" + v1);
        assertThat(run("import", "teams-call-records", both.toString(), "--tenant=" + other.name()))
                .isZero();
        assertThat(dialogIds(other)).containsExactly("teams:77777777-0000-4000-8000-000000000007:s-2");
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, tenant.id());
        assertThat(readModels.differences(tenant.id(), 20)).isEmpty();
    }

    @Test
    void a_file_with_bad_records_imports_nothing_and_lists_every_problem_with_file_line_and_column() throws Exception {
        Tenant tenant = tenantWithUsers("bad");
        Path folder = fixtures(tenant, "bad", List.of("p2p-call.json"));
        Files.writeString(folder.resolve("z-bad.ndjson"), """
                {"id":"88888888-0000-4000-8000-000000000008","type":"peerToPeer","sessions":[{"id":"s","startDateTime":"DAYT10:00:00Z","endDateTime":"DAYT09:00:00Z","caller":{"identity":{"phone":{"id":"+1"}}},"modalities":["audio"],"segments":[{"media":[{"label":"main-audio","streams":[{"averageJitter":"12ms"}]}]}]}]}
                {"id":"99999999-0000-4000-8000-000000000009","version":1,"sessions":[]}
                  {"id":"x","version":1,"sessions":[{"id":"s","startDateTime":"yesterday"}]}
                {"id": "broken",
                """.replace("DAY", day));

        assertThat(run("import", "teams-call-records", folder.toString(), "--tenant=" + tenant.name()))
                .isEqualTo(2);

        String bad = folder.resolve("z-bad.ndjson").toString();
        assertThat(output())
                .contains(bad + ":1:1: callRecord 88888888-0000-4000-8000-000000000008, version: is required")
                .contains(bad + ":1:1: callRecord 88888888-0000-4000-8000-000000000008, "
                        + "sessions[0].segments[0].media[0].streams[0].averageJitter: must be an ISO 8601 duration")
                .contains(bad + ":2:1: callRecord 99999999-0000-4000-8000-000000000009, sessions: lists no sessions")
                .contains(bad + ":3:3: callRecord x, sessions[0].startDateTime: must be an ISO 8601 date and time")
                .contains(bad + ":3:3: callRecord x, sessions[0].endDateTime: is required")
                .contains(bad + ":5:1: record: not valid JSON: Unexpected end-of-input")
                .contains("nothing was imported");
        assertThat(dialogIds(tenant)).isEmpty(); // the good file before it is not imported either
    }

    @Test
    void a_portal_validation_problem_names_the_session_and_the_portal_field() throws Exception {
        Tenant tenant = tenantWithUsers("portal-rules");
        Path file = write(tenant, "late.json", """
                {"id":"12121212-0000-4000-8000-000000000012","version":1,"type":"peerToPeer",
                 "sessions":[{"id":"s-late","modalities":["data"],"startDateTime":"DAYT10:00:00Z",
                              "endDateTime":"DAYT09:00:00Z","caller":{"identity":{"user":{"id":"%s"}}}}]}""".formatted(ANN_ID).replace("DAY", day));

        assertThat(run("import", "teams-call-records", file.toString(), "--tenant=" + tenant.name()))
                .isEqualTo(2);

        assertThat(output())
                .contains(
                        file + ":1:1: callRecord 12121212-0000-4000-8000-000000000012 session s-late, portal endTime: "
                                + "is before startTime")
                .contains("portal media: must list at least one media type used");
    }

    @Test
    void a_killed_import_run_again_leaves_exactly_the_state_of_one_clean_import() throws Exception {
        Tenant interrupted = tenantWithUsers("killed");
        Tenant clean = tenantWithUsers("clean");
        // the killed run had committed the batches of the first files only (each batch is one transaction)
        Path partial = fixtures(interrupted, "partial", FIXTURES.subList(0, 2));
        assertThat(run("import", "teams-call-records", partial.toString(), "--tenant=" + interrupted.name()))
                .isZero();
        Path again = fixtures(interrupted, "again", FIXTURES);
        assertThat(run("import", "teams-call-records", again.toString(), "--tenant=" + interrupted.name()))
                .isZero();
        Path once = fixtures(clean, "once", FIXTURES);
        assertThat(run("import", "teams-call-records", once.toString(), "--tenant=" + clean.name()))
                .isZero();

        assertThat(state(interrupted)).isEqualTo(state(clean)).isNotEmpty();
        assertThat(readModels.differences(interrupted.id(), 20)).isEmpty();
    }

    // --- helpers

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

    private Path fixtures(Tenant tenant, String folder, List<String> names) throws IOException {
        Path dir = Files.createDirectories(files.resolve(tenant.name() + "-" + folder));
        for (String name : names) {
            try (var in = getClass().getResourceAsStream("/importing/teams/" + name)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(
                        dir.resolve(name), text.replace("{{DAY}}", day).replace("{{DOMAIN}}", tenant.name()));
            }
        }
        return dir;
    }

    private Path write(Tenant tenant, String name, String text) throws IOException {
        return Files.writeString(files.resolve(tenant.name() + "-" + name), text);
    }

    private String call(int version, String... sessionIds) {
        List<String> sessions = new ArrayList<>();
        for (String id : sessionIds) {
            sessions.add("""
                    {"id":"%s","modalities":["audio"],"startDateTime":"%sT08:00:00Z","endDateTime":"%sT08:10:00Z",
                     "caller":{"identity":{"user":{"id":"%s"}}},"callee":{"identity":{"user":{"id":"%s"}}}}""".formatted(id, day, day, ANN_ID, BOB_ID).replace("\n", ""));
        }
        return ("{\"id\":\"77777777-0000-4000-8000-000000000007\",\"version\":" + version
                + ",\"type\":\"peerToPeer\",\"sessions\":[" + String.join(",", sessions) + "]}");
    }

    private int run(String... args) {
        return commands.execute(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Object> row(Tenant tenant, String dialogId) {
        return jdbc.sql("""
                SELECT s.from_uri, s.to_uri, s.from_client_version, s.to_client_version, s.conference_url,
                       s.conf_instance, s.from_tel, s.to_tel, f.upn AS from_user, t.upn AS to_user,
                       (SELECT GROUP_CONCAT(m.media_type_id, ':', m.duration_ms ORDER BY m.media_type_id)
                        FROM session_media m WHERE m.session_id = s.id) AS media
                FROM comm_session s
                LEFT JOIN licensed_user f ON f.id = s.from_user_id
                LEFT JOIN licensed_user t ON t.id = s.to_user_id
                WHERE s.tenant_id = :t AND s.dialog_id = :d""")
                .param("t", tenant.id())
                .param("d", dialogId)
                .query()
                .singleRow();
    }

    private long sessionId(Tenant tenant, String dialogId) {
        return jdbc.sql("SELECT id FROM comm_session WHERE tenant_id = :t AND dialog_id = :d")
                .param("t", tenant.id())
                .param("d", dialogId)
                .query(Long.class)
                .single();
    }

    private List<String> rows(String sql, long parameter) {
        return jdbc.sql(sql)
                .param("s", parameter)
                .query((rs, n) -> {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        values.add(value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value));
                    }
                    return String.join("|", values);
                })
                .list();
    }

    private String rollup(Tenant tenant, String alias) {
        return jdbc.sql("""
                SELECT CONCAT('audio ', COALESCE(SUM(r.p2p_audio), 0), ', video ', COALESCE(SUM(r.p2p_video), 0),
                              ', sharing ', COALESCE(SUM(r.p2p_app_sharing), 0), ', audio ms ',
                              COALESCE(SUM(r.p2p_audio_ms), 0), ', video ms ', COALESCE(SUM(r.p2p_video_ms), 0),
                              ', conference ', COALESCE(SUM(r.conference_sessions), 0))
                FROM licensed_user u LEFT JOIN user_daily_rollup r ON r.user_id = u.id AND r.tenant_id = u.tenant_id
                WHERE u.tenant_id = :t AND u.alias = :a""")
                .param("t", tenant.id())
                .param("a", alias)
                .query(String.class)
                .single();
    }

    private List<String> dialogIds(Tenant tenant) {
        return jdbc.sql("SELECT dialog_id FROM comm_session WHERE tenant_id = :t ORDER BY dialog_id")
                .param("t", tenant.id())
                .query(String.class)
                .list();
    }

    /** Everything an import writes for the tenant, without ids and with the tenant's domain written as D. */
    private List<String> state(Tenant tenant) {
        List<String> state = new ArrayList<>();
        for (String sql : List.of(
                """
                SELECT s.dialog_id, s.start_time, s.end_time, s.from_uri, s.to_uri, s.conference_url, s.media_mask,
                       f.upn, t.upn FROM comm_session s LEFT JOIN licensed_user f ON f.id = s.from_user_id
                       LEFT JOIN licensed_user t ON t.id = s.to_user_id WHERE s.tenant_id = :s ORDER BY s.dialog_id""",
                "SELECT record_id, version, dialog_ids FROM imported_call_record WHERE tenant_id = :s ORDER BY record_id",
                """
                SELECT u.upn, r.day, r.p2p_audio, r.p2p_video, r.p2p_app_sharing, r.p2p_audio_ms, r.p2p_video_ms,
                       r.conference_sessions FROM user_daily_rollup r JOIN licensed_user u ON u.id = r.user_id
                       WHERE r.tenant_id = :s ORDER BY u.upn, r.day""",
                "SELECT COUNT(*) FROM qoe_audio_stream WHERE tenant_id = :s",
                "SELECT COUNT(*) FROM qoe_media_line WHERE tenant_id = :s",
                "SELECT COUNT(*) FROM qoe_feedback WHERE tenant_id = :s",
                "SELECT COUNT(*) FROM qoe_traceroute WHERE tenant_id = :s")) {
            rows(sql, tenant.id()).forEach(row -> state.add(row.replace(tenant.name(), "D")));
        }
        return state;
    }
}
