package org.commsportal.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserRecomputation;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.RawSessionTables;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.SessionsBeforeKeptDaysException;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention by weekly partitions: old weeks are dropped whole from every raw session table, the weeks ahead are
 * created by themselves, and every rollup, period total and active-user row equals a recomputation from the kept
 * sessions afterwards.
 */
@PortalIntegrationTest
class RetentionPurgeIT {

    @Autowired
    RetentionPurge purge;

    @Autowired
    PartitionRepository partitions;

    @Autowired
    SessionWriter writer;

    @Autowired
    UserPeriodTotals periodTotals;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TenantService tenants;

    @Autowired
    TestTenants testTenants;

    @Autowired
    ActiveUsersService activeUsers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void start_up_gives_every_raw_table_weekly_partitions_from_the_longest_retention_to_weeks_ahead() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (String table : RawSessionTables.START_COLUMNS.keySet()) {
            List<PartitionRepository.Partition> weeks = partitions.partitions(table);
            assertThat(weeks.get(weeks.size() - 1))
                    .as(table)
                    .isEqualTo(new PartitionRepository.Partition("pmax", null));
            assertThat(weeks.get(weeks.size() - 2).end())
                    .as(table)
                    .isAfterOrEqualTo(PartitionRepository.weekOf(today).plusWeeks(8));
            for (int i = 1; i < weeks.size() - 1; i++) {
                assertThat(weeks.get(i).end())
                        .as(table + " " + weeks.get(i).name())
                        .isEqualTo(weeks.get(i - 1).end().plusWeeks(1))
                        .matches(end -> end.getDayOfWeek() == java.time.DayOfWeek.MONDAY);
            }
        }
    }

    @Test
    void a_week_past_retention_is_dropped_as_partitions_and_every_rollup_equals_a_recomputation() {
        assertThat(tenants.all())
                .as("no tenant keeps more than the default year, else nothing can be dropped")
                .allMatch(t -> t.retentionDays() <= 365);
        LocalDate runDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusWeeks(1); // a week from now
        Tenant tenant = tenantWithUsers("retention-drop", 365);
        LocalDate keptFrom = RetentionPurge.firstKeptDay(tenant, runDay);
        Instant boundary = keptFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
        assertThat(partitions.partitions("comm_session").get(0).end())
                .as("the oldest partition ends by the new kept day")
                .isBeforeOrEqualTo(keptFrom);
        List<SessionRecord> sessions = sessions(tenant, boundary, 21, 40);
        currentTenant.runAs(tenant.id(), () -> writer.write(sessions));
        assertThat(count(
                        "SELECT COUNT(*) FROM qoe_feedback WHERE tenant_id = :t AND session_start < :b",
                        tenant,
                        boundary))
                .as("quality rows in the old weeks")
                .isPositive();

        RetentionPurge.Run run = purge.run(runDay);

        assertThat(run.droppedPartitions())
                .as("at least the oldest week of each raw table")
                .isGreaterThanOrEqualTo(RawSessionTables.START_COLUMNS.size());
        for (String table : RawSessionTables.START_COLUMNS.keySet()) {
            assertThat(partitions.partitions(table))
                    .as(table)
                    .allMatch(p -> p.end() == null || p.end().isAfter(keptFrom))
                    .anyMatch(p -> p.end() != null
                            && !p.end()
                                    .isBefore(PartitionRepository.weekOf(runDay).plusWeeks(8)));
            assertThat(count(
                            "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t AND "
                                    + RawSessionTables.START_COLUMNS.get(table) + " < :b",
                            tenant,
                            boundary))
                    .as(table)
                    .isZero();
        }
        assertKeptSessionsOnly(tenant);
        assertRollupsEqualRecomputation(tenant);

        assertThatThrownBy(() -> currentTenant.runAs(
                        tenant.id(),
                        () -> writer.write(List.of(session(
                                "late",
                                boundary.minusSeconds(60),
                                boundary.plusSeconds(60),
                                "sip:ada@" + tenant.name(),
                                null,
                                Modality.AUDIO)))))
                .isInstanceOf(SessionsBeforeKeptDaysException.class)
                .hasMessageContaining(keptFrom.toString());
        // a kept session sent again replaces itself exactly once
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(sessions.get(sessions.size() - 1))));
        assertKeptSessionsOnly(tenant);
        assertRollupsEqualRecomputation(tenant);
        assertThat(purge.run(runDay))
                .as("a second run has nothing left to do")
                .isEqualTo(new RetentionPurge.Run(0, 0, 0));
    }

    @Test
    void a_tenant_keeping_fewer_days_than_others_loses_its_old_rows_one_by_one_exactly() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Tenant tenant = tenantWithUsers("retention-short", 30);
        LocalDate keptFrom = RetentionPurge.firstKeptDay(tenant, today);
        Instant boundary = keptFrom.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<SessionRecord> sessions = sessions(tenant, boundary, 10, 20);
        currentTenant.runAs(tenant.id(), () -> writer.write(sessions));
        LocalDate reportDate = today.minusDays(1);
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate)); // D30 to D180 hold the old days

        RetentionPurge.Run run = purge.run(today);

        assertThat(run.deletedRows()).isPositive();
        assertThat(partitions.partitions("comm_session"))
                .as("the other tenants still keep those weeks")
                .anyMatch(p -> p.end() != null && !p.end().isAfter(keptFrom));
        for (String table : RawSessionTables.START_COLUMNS.keySet()) {
            assertThat(count(
                            "SELECT COUNT(*) FROM " + table + " WHERE tenant_id = :t AND "
                                    + RawSessionTables.START_COLUMNS.get(table) + " < :b",
                            tenant,
                            boundary))
                    .as(table)
                    .isZero();
        }
        assertKeptSessionsOnly(tenant);
        assertRollupsEqualRecomputation(tenant);
        assertThat(RollupRecomputation.normalized(RollupRecomputation.storedPeriodTotals(jdbc, tenant.id())))
                .as("the period totals lost the forgotten days")
                .isEqualTo(RollupRecomputation.normalized(
                        RollupRecomputation.recomputedPeriodTotals(jdbc, tenant.id(), reportDate)));
    }

    private void assertKeptSessionsOnly(Tenant tenant) {
        List<String> stored = jdbc.sql("SELECT dialog_id FROM comm_session WHERE tenant_id = :t ORDER BY dialog_id")
                .param("t", tenant.id())
                .query(String.class)
                .list();
        assertThat(stored).isNotEmpty().allMatch(id -> id.startsWith("kept-"));
        assertThat(jdbc.sql("SELECT dialog_id FROM session_dialog WHERE tenant_id = :t ORDER BY dialog_id")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .isEqualTo(stored);
        assertThat(count("""
                SELECT COUNT(*) FROM session_media m LEFT JOIN comm_session s ON s.id = m.session_id
                    AND s.start_time = m.session_start
                WHERE m.tenant_id = :t AND s.id IS NULL
                """, tenant, Instant.EPOCH))
                .as("media rows without their session")
                .isZero();
    }

    private void assertRollupsEqualRecomputation(Tenant tenant) {
        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, tenant.id());
        ActiveUserRecomputation.assertReportsEqualRecomputation(activeUsers, jdbc, testTenants, tenant);
        // every active-user row, also of the periods that lost days, equals a build from the kept sessions
        Map<String, Object> kept = ActiveUserRecomputation.storedRows(jdbc, tenant.id());
        ActiveUserRecomputation.rebuildFromRawSessions(activeUsers, jdbc, testTenants, tenant);
        assertThat(ActiveUserRecomputation.storedRows(jdbc, tenant.id())).isEqualTo(kept);
    }

    private Tenant tenantWithUsers(String label, int retentionDays) {
        long id = testTenants.newTenant(label).id();
        jdbc.sql("UPDATE tenant SET retention_days = :d WHERE id = :t")
                .param("d", retentionDays)
                .param("t", id)
                .update();
        Tenant tenant =
                tenants.all().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        new UserRecord("ada@" + tenant.name(), "ada", "Ada", LocalDate.parse("2024-01-01"), null),
                        new UserRecord("ben@" + tenant.name(), "ben", "Ben", LocalDate.parse("2024-01-01"), null))));
        return tenant;
    }

    /**
     * Sessions every 5 hours over {@code daysBefore} days before the boundary ("old-"), one video call across it
     * ("across"), and sessions every 7 hours over {@code daysAfter} days after it ("kept-"); some with quality.
     */
    private static List<SessionRecord> sessions(Tenant tenant, Instant boundary, int daysBefore, int daysAfter) {
        String ada = "sip:ada@" + tenant.name();
        String ben = "sip:ben@" + tenant.name();
        List<SessionRecord> sessions = new ArrayList<>();
        for (int i = 0; i < daysBefore * 24 / 5; i++) {
            Instant start = boundary.minusSeconds(3600L * 5 * (i + 1));
            sessions.add(session(
                    "old-" + i,
                    start,
                    start.plusSeconds(900),
                    i % 2 == 0 ? ada : ben,
                    i % 3 == 0 ? ben : null,
                    i % 4 == 0 ? Modality.IM : Modality.AUDIO));
        }
        sessions.add(
                session("across", boundary.minusSeconds(1800), boundary.plusSeconds(1800), ada, ben, Modality.VIDEO));
        for (int i = 0; i < daysAfter * 24 / 7; i++) {
            Instant start = boundary.plusSeconds(3600L * 7 * i);
            sessions.add(session(
                    "kept-" + i,
                    start,
                    start.plusSeconds(1200),
                    i % 2 == 0 ? ben : ada,
                    ada,
                    i % 5 == 0 ? Modality.IM : Modality.VIDEO));
        }
        return sessions;
    }

    private static SessionRecord session(
            String dialogId, Instant start, Instant end, String from, String to, Modality media) {
        Quality.Report quality = Math.floorMod(dialogId.hashCode(), 3) == 0 ? Quality.Report.none() : withFeedback();
        return new SessionRecord(
                dialogId,
                start,
                end,
                from,
                to,
                "UCCAPI/16.0",
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
                List.of(new MediaUsage(media, end.toEpochMilli() - start.toEpochMilli())),
                0,
                quality);
    }

    private static Quality.Report withFeedback() {
        return new Quality.Report(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(new Quality.Feedback(org.commsportal.sessions.Side.FROM, 4, "Echo", null)));
    }

    private long count(String sql, Tenant tenant, Instant boundary) {
        return jdbc.sql(sql)
                .param("t", tenant.id())
                .param("b", boundary.atOffset(ZoneOffset.UTC).toLocalDateTime())
                .query(Long.class)
                .single();
    }
}
