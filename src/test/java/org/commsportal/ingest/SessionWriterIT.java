package org.commsportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commsportal.RollupRecomputation.normalized;
import static org.commsportal.ingest.MediaType.APPLICATION_SHARING;
import static org.commsportal.ingest.MediaType.AUDIO;
import static org.commsportal.ingest.MediaType.FILE_TRANSFER;
import static org.commsportal.ingest.MediaType.IM;
import static org.commsportal.ingest.MediaType.VIDEO;
import static org.commsportal.ingest.Sessions.p2p;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@PortalIntegrationTest
class SessionWriterIT {

    private static final List<String> QOE_TABLES = List.of("qoe_session", "qoe_media_line", "qoe_audio_stream",
            "qoe_audio_client_event", "qoe_audio_signal", "qoe_app_sharing_stream", "qoe_video_client_event",
            "qoe_video_stream", "qoe_traceroute", "qoe_feedback");

    @Autowired SessionWriter writer;
    @Autowired DirectoryService directory;
    @Autowired CurrentTenant currentTenant;
    @Autowired TestTenants testTenants;
    @Autowired JdbcClient jdbc;

    private Tenant tenant;
    private String ada;
    private String ben;

    @BeforeEach
    void tenantWithTwoUsers() {
        tenant = testTenants.newTenant("writer");
        ada = "sip:ada@" + tenant.name();
        ben = "sip:Ben@" + tenant.name(); // URIs match UPNs case-insensitively
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(
                new UserRecord("ada@" + tenant.name(), "ada", "Ada Adams", LocalDate.parse("2025-01-01"), null),
                new UserRecord("ben@" + tenant.name(), "ben", "Ben Bauer", LocalDate.parse("2025-01-01"), null))));
    }

    private void write(SessionRecord... sessions) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(sessions)));
    }

    private long userId(String alias) {
        return jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND alias = :a")
                .param("t", tenant.id()).param("a", alias).query(Long.class).single();
    }

    private Map<String, Object> userRollup(String alias, String day) {
        return jdbc.sql("SELECT * FROM user_daily_rollup WHERE tenant_id = :t AND user_id = :u AND day = :d")
                .param("t", tenant.id()).param("u", userId(alias)).param("d", LocalDate.parse(day))
                .query().singleRow();
    }

    private void assertRollupsEqualRecomputation() {
        assertThat(normalized(RollupRecomputation.storedUserRollups(jdbc, tenant.id())))
                .isEqualTo(normalized(RollupRecomputation.recomputedUserRollups(jdbc, tenant.id())));
        assertThat(normalized(RollupRecomputation.storedTenantRollups(jdbc, tenant.id())))
                .isEqualTo(normalized(RollupRecomputation.recomputedTenantRollups(jdbc, tenant.id())));
        assertThat(normalized(RollupRecomputation.storedDistinctUsers(jdbc, tenant.id())))
                .isEqualTo(normalized(RollupRecomputation.recomputedDistinctUsers(jdbc, tenant.id())));
    }

    @Test
    void a_session_between_two_licensed_users_counts_once_per_day_and_once_for_each_user() {
        write(p2p("d1", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO, VIDEO));

        assertThat(userRollup("ada", "2026-11-02")).containsEntry("p2p_audio", 1).containsEntry("p2p_video", 1)
                .containsEntry("p2p_audio_ms", 600_000L).containsEntry("p2p_video_ms", 600_000L);
        assertThat(userRollup("ben", "2026-11-02")).containsEntry("p2p_audio", 1).containsEntry("p2p_video", 1);
        assertThat(RollupRecomputation.storedTenantRollups(jdbc, tenant.id())).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("audio", 1).containsEntry("video", 1));
        assertRollupsEqualRecomputation();
    }

    @Test
    void a_session_past_midnight_counts_on_its_utc_start_day() {
        write(p2p("late", "2026-11-02T23:50:00Z", 1_200_000, ada, ben, IM));

        assertThat(RollupRecomputation.storedTenantRollups(jdbc, tenant.id())).singleElement()
                .satisfies(row -> assertThat(row.get("day")).isEqualTo(java.sql.Date.valueOf("2026-11-02")));
        assertRollupsEqualRecomputation();
    }

    @Test
    void external_and_pstn_parties_are_kept_but_only_licensed_users_get_user_rollups() {
        write(p2p("ext", "2026-11-03T09:00:00Z", 60_000, ada, "sip:someone@partner.example", IM),
                p2p("pstn", "2026-11-03T09:30:00Z", 60_000, ben, "sip:+14255550100@" + tenant.name() + ";user=phone", AUDIO));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND to_user_id IS NULL")
                .param("t", tenant.id()).query(Long.class).single()).isEqualTo(2);
        assertThat(RollupRecomputation.storedUserRollups(jdbc, tenant.id())).hasSize(2);
        assertRollupsEqualRecomputation();
    }

    @Test
    void a_session_with_oneself_counts_once_for_that_user() {
        write(p2p("self", "2026-11-03T09:00:00Z", 60_000, ada, ada, FILE_TRANSFER));

        assertThat(userRollup("ada", "2026-11-03")).containsEntry("p2p_file_transfer", 1);
        assertRollupsEqualRecomputation();
    }

    @Test
    void conference_sessions_do_not_count_as_peer_to_peer() {
        write(Sessions.conference("conf", "2026-11-03T09:00:00Z", ada, AUDIO, IM));

        assertThat(userRollup("ada", "2026-11-03")).containsEntry("p2p_audio", 0).containsEntry("p2p_im", 0)
                .containsEntry("conference_sessions", 1);
        assertRollupsEqualRecomputation();
    }

    @Test
    void resending_a_dialog_replaces_it_exactly_once_and_moves_its_rollups() {
        write(p2p("same", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO, VIDEO),
                p2p("other", "2026-11-02T11:00:00Z", 60_000, ada, ben, IM));
        write(p2p("same", "2026-11-05T08:00:00Z", 30_000, ben, "sip:x@partner.example", APPLICATION_SHARING));
        write(p2p("same", "2026-11-05T08:00:00Z", 30_000, ben, "sip:x@partner.example", APPLICATION_SHARING));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND dialog_id = 'same'")
                .param("t", tenant.id()).query(Long.class).single()).isEqualTo(1);
        assertThat(userRollup("ada", "2026-11-02")).containsEntry("p2p_audio", 0).containsEntry("p2p_im", 1);
        assertThat(userRollup("ben", "2026-11-05")).containsEntry("p2p_app_sharing", 1);
        assertRollupsEqualRecomputation();
    }

    @Test
    void a_rollup_row_that_a_replacement_empties_is_removed() {
        write(p2p("only", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO));
        write(p2p("only", "2026-11-09T10:00:00Z", 600_000, ada, ben, AUDIO));

        assertThat(RollupRecomputation.storedTenantRollups(jdbc, tenant.id())).singleElement()
                .satisfies(row -> assertThat(row.get("day")).isEqualTo(java.sql.Date.valueOf("2026-11-09")));
        assertRollupsEqualRecomputation();
    }

    @Test
    void quality_records_of_every_sub_tab_are_stored_and_replaced_with_their_session() {
        write(Sessions.withQuality(p2p("q", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO, VIDEO, APPLICATION_SHARING),
                Sessions.everyQualityTable()));
        for (String table : QOE_TABLES) {
            assertThat(count(table)).as(table).isPositive();
        }
        write(p2p("q", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO));
        for (String table : QOE_TABLES) {
            assertThat(count(table)).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM session_media WHERE tenant_id = :t").param("t", tenant.id())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_batch_with_one_bad_record_writes_nothing() {
        write(p2p("kept", "2026-11-02T10:00:00Z", 60_000, ada, ben, IM));
        var good = p2p("new", "2026-11-03T10:00:00Z", 60_000, ada, ben, IM);
        var endsBeforeItStarts = new SessionRecord("bad", good.startTime(), good.startTime().minusSeconds(1),
                ada, ben, null, null, null, null, null, null, null, null, null, null, 200, null, good.media(), 0,
                Quality.Report.none());
        var replacement = p2p("kept", "2026-11-04T10:00:00Z", 60_000, ada, ben, AUDIO);

        assertThatThrownBy(() -> write(good, replacement, endsBeforeItStarts)).isInstanceOf(RuntimeException.class);

        assertThat(jdbc.sql("SELECT dialog_id FROM comm_session WHERE tenant_id = :t").param("t", tenant.id())
                .query(String.class).list()).containsExactly("kept");
        assertThat(userRollup("ada", "2026-11-02")).containsEntry("p2p_im", 1);
        assertRollupsEqualRecomputation();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t").param("t", tenant.id())
                .query(Long.class).single();
    }
}
