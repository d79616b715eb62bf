package org.commsportal.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commsportal.RollupRecomputation.normalized;
import static org.commsportal.sessions.Modality.APPLICATION_SHARING;
import static org.commsportal.sessions.Modality.AUDIO;
import static org.commsportal.sessions.Modality.FILE_TRANSFER;
import static org.commsportal.sessions.Modality.IM;
import static org.commsportal.sessions.Modality.VIDEO;
import static org.commsportal.sessions.Sessions.p2p;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.activity.UserPeriodTotals;
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

    private static final List<String> QOE_TABLES = List.of(
            "qoe_session",
            "qoe_media_line",
            "qoe_audio_stream",
            "qoe_audio_client_event",
            "qoe_audio_signal",
            "qoe_app_sharing_stream",
            "qoe_video_client_event",
            "qoe_video_stream",
            "qoe_traceroute",
            "qoe_feedback");

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private String ada;
    private String ben;

    @BeforeEach
    void tenantWithTwoUsers() {
        tenant = testTenants.newTenant("writer");
        ada = "sip:ada@" + tenant.name();
        ben = "sip:Ben@" + tenant.name(); // URIs match UPNs case-insensitively
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ada@" + tenant.name(), "ada", "Ada Adams", LocalDate.parse("2025-01-01"), null),
                        new UserRecord(
                                "ben@" + tenant.name(), "ben", "Ben Bauer", LocalDate.parse("2025-01-01"), null))));
    }

    private void write(SessionRecord... sessions) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(sessions)));
    }

    private long userId(String alias) {
        return jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND alias = :a")
                .param("t", tenant.id())
                .param("a", alias)
                .query(Long.class)
                .single();
    }

    private Map<String, Object> userRollup(String alias, String day) {
        return jdbc.sql("SELECT * FROM user_daily_rollup WHERE tenant_id = :t AND user_id = :u AND day = :d")
                .param("t", tenant.id())
                .param("u", userId(alias))
                .param("d", LocalDate.parse(day))
                .query()
                .singleRow();
    }

    private void assertRollupsEqualRecomputation() {
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, tenant.id());
    }

    @Test
    void a_session_between_two_licensed_users_counts_once_per_day_and_once_for_each_user() {
        write(p2p("d1", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO, VIDEO));

        assertThat(userRollup("ada", "2026-11-02"))
                .containsEntry("p2p_audio", 1)
                .containsEntry("p2p_video", 1)
                .containsEntry("p2p_audio_ms", 600_000L)
                .containsEntry("p2p_video_ms", 600_000L);
        assertThat(userRollup("ben", "2026-11-02"))
                .containsEntry("p2p_audio", 1)
                .containsEntry("p2p_video", 1);
        assertThat(RollupRecomputation.storedTenantRollups(jdbc, tenant.id()))
                .singleElement()
                .satisfies(row -> assertThat(row).containsEntry("audio", 1).containsEntry("video", 1));
        assertRollupsEqualRecomputation();
    }

    @Test
    void a_session_past_midnight_counts_on_its_utc_start_day() {
        write(p2p("late", "2026-11-02T23:50:00Z", 1_200_000, ada, ben, IM));

        assertThat(RollupRecomputation.storedTenantRollups(jdbc, tenant.id()))
                .singleElement()
                .satisfies(row -> assertThat(row.get("day")).isEqualTo(java.sql.Date.valueOf("2026-11-02")));
        assertRollupsEqualRecomputation();
    }

    @Test
    void external_and_pstn_parties_are_kept_but_only_licensed_users_get_user_rollups() {
        write(
                p2p("ext", "2026-11-03T09:00:00Z", 60_000, ada, "sip:someone@partner.example", IM),
                p2p(
                        "pstn",
                        "2026-11-03T09:30:00Z",
                        60_000,
                        ben,
                        "sip:+14255550100@" + tenant.name() + ";user=phone",
                        AUDIO));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND to_user_id IS NULL")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
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

        assertThat(userRollup("ada", "2026-11-03"))
                .containsEntry("p2p_audio", 0)
                .containsEntry("p2p_im", 0)
                .containsEntry("conference_sessions", 1);
        assertRollupsEqualRecomputation();
    }

    @Test
    void resending_a_dialog_replaces_it_exactly_once_and_moves_its_rollups() {
        write(
                p2p("same", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO, VIDEO),
                p2p("other", "2026-11-02T11:00:00Z", 60_000, ada, ben, IM));
        write(p2p("same", "2026-11-05T08:00:00Z", 30_000, ben, "sip:x@partner.example", APPLICATION_SHARING));
        write(p2p("same", "2026-11-05T08:00:00Z", 30_000, ben, "sip:x@partner.example", APPLICATION_SHARING));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND dialog_id = 'same'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(userRollup("ada", "2026-11-02"))
                .containsEntry("p2p_audio", 0)
                .containsEntry("p2p_im", 1);
        assertThat(userRollup("ben", "2026-11-05")).containsEntry("p2p_app_sharing", 1);
        assertRollupsEqualRecomputation();
    }

    @Test
    void a_rollup_row_that_a_replacement_empties_is_removed() {
        write(p2p("only", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO));
        write(p2p("only", "2026-11-09T10:00:00Z", 600_000, ada, ben, AUDIO));

        assertThat(RollupRecomputation.storedTenantRollups(jdbc, tenant.id()))
                .singleElement()
                .satisfies(row -> assertThat(row.get("day")).isEqualTo(java.sql.Date.valueOf("2026-11-09")));
        assertRollupsEqualRecomputation();
    }

    @Test
    void quality_records_of_every_sub_tab_are_stored_and_replaced_with_their_session() {
        write(Sessions.withQuality(
                p2p("q", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO, VIDEO, APPLICATION_SHARING),
                Sessions.everyQualityTable()));
        for (String table : QOE_TABLES) {
            assertThat(count(table)).as(table).isPositive();
        }
        write(p2p("q", "2026-11-02T10:00:00Z", 600_000, ada, ben, AUDIO));
        for (String table : QOE_TABLES) {
            assertThat(count(table)).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM session_media WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_batch_with_one_bad_record_writes_nothing() {
        write(p2p("kept", "2026-11-02T10:00:00Z", 60_000, ada, ben, IM));
        var good = p2p("new", "2026-11-03T10:00:00Z", 60_000, ada, ben, IM);
        var endsBeforeItStarts = new SessionRecord(
                "bad",
                good.startTime(),
                good.startTime().minusSeconds(1),
                ada,
                ben,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                good.media(),
                0,
                Quality.Report.none());
        var replacement = p2p("kept", "2026-11-04T10:00:00Z", 60_000, ada, ben, AUDIO);

        assertThatThrownBy(() -> write(good, replacement, endsBeforeItStarts)).isInstanceOf(RuntimeException.class);

        assertThat(jdbc.sql("SELECT dialog_id FROM comm_session WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactly("kept");
        assertThat(userRollup("ada", "2026-11-02")).containsEntry("p2p_im", 1);
        assertRollupsEqualRecomputation();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
    }

    // The per-user period totals. R is a fixed report date; the totals are moved to it explicitly, so the tests
    // do not depend on today's date.

    private static final LocalDate R = LocalDate.parse("2026-10-31");

    @Autowired
    UserPeriodTotals periodTotals;

    private void moveTotalsTo(LocalDate reportDate) {
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
    }

    private static String at(LocalDate day, String time) {
        return day + "T" + time + "Z";
    }

    /** Compares without moving the totals: what the writes and moves so far maintained must equal raw rows. */
    private void assertPeriodTotalsEqualRecomputation(LocalDate reportDate) {
        assertThat(RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id()))
                .isEqualTo(reportDate);
        assertThat(normalized(RollupRecomputation.storedPeriodTotals(jdbc, tenant.id())))
                .as("period totals ending on %s", reportDate)
                .isEqualTo(normalized(RollupRecomputation.recomputedPeriodTotals(jdbc, tenant.id(), reportDate)));
    }

    @Test
    void writes_on_every_period_edge_change_exactly_the_period_totals_that_hold_their_day() {
        moveTotalsTo(R);
        write(
                p2p("on-report-date", at(R, "23:59:59"), 600_000, ada, ben, AUDIO, VIDEO),
                p2p("day-after", at(R.plusDays(1), "00:00:00"), 60_000, ada, ben, IM),
                p2p("last-of-7", at(R.minusDays(6), "00:00:00"), 60_000, ada, ben, IM),
                p2p("first-outside-7", at(R.minusDays(7), "23:59:59"), 60_000, ada, ben, FILE_TRANSFER),
                p2p("last-of-30", at(R.minusDays(29), "12:00:00"), 60_000, ben, ada, APPLICATION_SHARING),
                p2p("first-outside-30", at(R.minusDays(30), "12:00:00"), 60_000, ben, ada, APPLICATION_SHARING),
                p2p("last-of-180", at(R.minusDays(179), "12:00:00"), 120_000, ben, "sip:x@partner.example", AUDIO),
                p2p("outside-180", at(R.minusDays(180), "12:00:00"), 120_000, ben, ben, VIDEO));
        write(Sessions.conference("conference", at(R.minusDays(2), "09:00:00"), ada, AUDIO, IM));

        assertThat(jdbc.sql("""
                SELECT CONCAT(period_days, ':', p2p_im, '/', p2p_audio, '/', p2p_file_transfer, '/', last_activity)
                FROM user_period_total WHERE tenant_id = :t AND user_id = :u ORDER BY period_days
                """)
                        .param("t", tenant.id())
                        .param("u", userId("ada"))
                        .query(String.class)
                        .list())
                .containsExactly("7:1/1/0/" + R, "30:1/1/1/" + R, "90:1/1/1/" + R, "180:1/1/1/" + R);
        assertPeriodTotalsEqualRecomputation(R);
    }

    @Test
    void replacing_an_old_session_and_one_inside_the_period_keeps_the_period_totals_exact() {
        moveTotalsTo(R);
        write(
                p2p("old", at(R.minusDays(100), "10:00:00"), 600_000, ada, ben, AUDIO),
                p2p("recent", at(R.minusDays(3), "10:00:00"), 60_000, ada, ben, IM, VIDEO),
                p2p("latest", at(R, "10:00:00"), 60_000, ada, "sip:x@partner.example", IM));
        assertPeriodTotalsEqualRecomputation(R);

        write(p2p("old", at(R.minusDays(2), "10:00:00"), 300_000, ada, ben, AUDIO, VIDEO)); // into every period
        assertPeriodTotalsEqualRecomputation(R);
        write(p2p("recent", at(R.minusDays(5), "10:00:00"), 60_000, ben, ben, FILE_TRANSFER)); // ada leaves it
        assertPeriodTotalsEqualRecomputation(R);
        // ada's last activity was the report date; the replacement moves it after the report date
        write(p2p("latest", at(R.plusDays(1), "10:00:00"), 60_000, ada, "sip:x@partner.example", IM));
        assertPeriodTotalsEqualRecomputation(R);
        assertThat(jdbc.sql(
                                "SELECT DISTINCT last_activity FROM user_period_total WHERE tenant_id = :t AND user_id = :u")
                        .param("t", tenant.id())
                        .param("u", userId("ada"))
                        .query(LocalDate.class)
                        .single())
                .isEqualTo(R.minusDays(2));
        write(p2p("old", at(R.minusDays(2), "10:00:00"), 300_000, ada, ben, AUDIO, VIDEO)); // the same again
        assertPeriodTotalsEqualRecomputation(R);
        assertRollupsEqualRecomputation();
    }

    @Test
    void moving_the_report_date_forward_by_days_or_past_a_whole_period_and_back_keeps_the_period_totals_exact() {
        for (int day = 0; day < 200; day += 3) {
            write(p2p(
                    "s" + day,
                    at(R.minusDays(190).plusDays(day), "08:00:00"),
                    60_000L * (day % 7 + 1),
                    day % 2 == 0 ? ada : ben,
                    day % 5 == 0 ? ada : ben,
                    day % 3 == 0 ? new Modality[] {IM} : new Modality[] {AUDIO, VIDEO}));
        }
        assertThat(RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id()))
                .as("not built yet")
                .isNull();
        for (LocalDate reportDate : List.of(
                R.minusDays(20),
                R.minusDays(19),
                R.minusDays(12),
                R,
                R.plusDays(40),
                R.plusDays(400),
                R.minusDays(5))) {
            moveTotalsTo(reportDate);
            assertPeriodTotalsEqualRecomputation(reportDate);
        }
        write(p2p("s3", at(R.minusDays(6), "08:00:00"), 60_000, ada, ben, APPLICATION_SHARING));
        moveTotalsTo(R.minusDays(1));
        assertPeriodTotalsEqualRecomputation(R.minusDays(1));
    }

    @Test
    void a_user_added_after_the_totals_were_built_gets_zero_rows_then_counts() {
        moveTotalsTo(R);
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("cy@" + tenant.name(), "cy", "Cy Cole", LocalDate.parse("2026-10-01"), null),
                        new UserRecord(
                                "ada@" + tenant.name(), "ada", "Ada A. Adams", LocalDate.parse("2025-01-01"), null))));
        assertPeriodTotalsEqualRecomputation(R);

        write(p2p("cy-1", at(R.minusDays(1), "10:00:00"), 60_000, "sip:cy@" + tenant.name(), ada, IM));
        assertPeriodTotalsEqualRecomputation(R);
    }

    private static final List<Modality> OTHER_THAN_AUDIO = java.util.Arrays.stream(Modality.values())
            .filter(type -> type != AUDIO)
            .toList();

    @Test
    void concurrent_writers_replacements_and_report_date_moves_keep_rollups_and_period_totals_exact() throws Exception {
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("cy@" + tenant.name(), "cy", "Cy Cole", LocalDate.parse("2025-01-01"), null),
                        new UserRecord(
                                "dee@" + tenant.name(), "dee", "Dee Diaz", LocalDate.parse("2025-01-01"), null))));
        List<String> parties = List.of(ada, ben, "sip:cy@" + tenant.name(), "sip:dee@" + tenant.name());
        moveTotalsTo(R.minusDays(3));
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writerNumber = w;
                jobs.add(pool.submit(() -> {
                    var random = new Random(writerNumber);
                    for (int b = 0; b < 12; b++) {
                        List<SessionRecord> batch = new ArrayList<>();
                        for (int i = 0; i < 6; i++) {
                            // dialog ids shared by all writers, so many writes replace sessions of other writers
                            batch.add(p2p(
                                    "c" + random.nextInt(30) + "-" + i,
                                    at(R.minusDays(random.nextInt(12) - 2), "1" + random.nextInt(10) + ":00:00"),
                                    60_000L * (1 + random.nextInt(5)),
                                    parties.get(random.nextInt(4)),
                                    parties.get(random.nextInt(4)),
                                    OTHER_THAN_AUDIO.get(random.nextInt(OTHER_THAN_AUDIO.size())),
                                    AUDIO));
                        }
                        Deadlocks.retrying(() -> write(batch.toArray(SessionRecord[]::new)));
                    }
                    return null;
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int day = 2; day >= 0; day--) {
                    Thread.sleep(150);
                    moveTotalsTo(R.minusDays(day));
                }
                return null;
            }));
            for (Future<?> job : jobs) {
                job.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertRollupsEqualRecomputation();
        assertPeriodTotalsEqualRecomputation(R);
    }
}
