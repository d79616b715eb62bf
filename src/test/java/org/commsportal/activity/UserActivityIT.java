package org.commsportal.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/** The per-user table and the Users and Minutes charts against independent SQL over raw rows. */
@PortalIntegrationTest
class UserActivityIT {

    @Autowired
    ActivityService activity;

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

    @Autowired
    UserPeriodTotals periodTotals;

    @Autowired
    UserActivityRepository repository;

    @Autowired
    org.commsportal.common.PeriodTotalsSchedule schedule;

    @Autowired
    org.springframework.context.ApplicationContext context;

    private Tenant tenant;
    private LocalDate reportDate;

    @BeforeEach
    void tenantWithEdgeCases() {
        tenant = testTenants.newTenant("table");
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        reportDate = activity.reportDate();
        LocalDate longAgo = reportDate.minusYears(1);
        currentTenant.runAs(tenant.id(), () -> {
            directory.upsert(List.of(
                    user("ada", longAgo, null),
                    user("ben", longAgo, null),
                    user("cleo", longAgo, reportDate.minusDays(2)), // deleted mid-period
                    user("dan", longAgo, null), // never active
                    user("eve", reportDate.plusDays(1), null), // licensed after the period
                    user("fay", longAgo, reportDate.minusDays(20)))); // deleted before the 7-day period
            writer.write(List.of(
                    session("s1", reportDate + "T09:00:00Z", 600_000, "ada", "ben", Modality.AUDIO, Modality.VIDEO),
                    session("s2", reportDate.minusDays(1) + "T23:50:00Z", 1_200_000, "ada", "cleo", Modality.IM),
                    session("s3", reportDate.minusDays(3) + "T10:00:00Z", 89_999, "cleo", "ben", Modality.AUDIO),
                    session(
                            "s4",
                            reportDate.minusDays(3) + "T11:00:00Z",
                            30_000,
                            "ben",
                            "sip:x@partner.example",
                            Modality.IM,
                            Modality.FILE_TRANSFER),
                    session(
                            "s5",
                            reportDate.minusDays(25) + "T11:00:00Z",
                            30_000,
                            "fay",
                            "ada",
                            Modality.APPLICATION_SHARING),
                    session("s6", reportDate.plusDays(1) + "T08:00:00Z", 30_000, "ada", "ben", Modality.IM)));
        });
        testTenants.signInAs(tenant, Role.REPORTS_READER);
    }

    private UserRecord user(String alias, LocalDate licensedFrom, LocalDate deletedAt) {
        return new UserRecord(alias + "@" + tenant.name(), alias, alias.toUpperCase(), licensedFrom, deletedAt);
    }

    private SessionRecord session(String id, String start, long ms, String from, String to, Modality... media) {
        Instant begin = Instant.parse(start);
        String toUri = to.startsWith("sip:") ? to : "sip:" + to + "@" + tenant.name();
        return new SessionRecord(
                id,
                begin,
                begin.plusMillis(ms),
                "sip:" + from + "@" + tenant.name(),
                toUri,
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
                java.util.Arrays.stream(media)
                        .map(type -> new MediaUsage(type, ms))
                        .toList(),
                0,
                Quality.Report.none());
    }

    private Map<String, UserActivityRow> all(UserTableQuery query) {
        return activity.users(query, 0, 1000).stream()
                .collect(Collectors.toMap(UserActivityRow::userName, Function.identity()));
    }

    @Test
    void the_seven_day_table_lists_every_user_licensed_in_the_period_with_zeros_and_deletions() {
        Map<String, UserActivityRow> rows = all(UserTableQuery.of(ReportPeriod.D7));

        assertThat(rows.keySet())
                .containsExactlyInAnyOrder(
                        "ada@" + tenant.name(),
                        "ben@" + tenant.name(),
                        "cleo@" + tenant.name(),
                        "dan@" + tenant.name());
        UserActivityRow ada = rows.get("ada@" + tenant.name());
        assertThat(ada.audio()).isEqualTo(1);
        assertThat(ada.video()).isEqualTo(1);
        assertThat(ada.im()).isEqualTo(1); // the session past midnight counts on its start day, inside the period
        assertThat(ada.audioMinutes()).isEqualTo(10);
        assertThat(ada.lastActivityDate()).isEqualTo(reportDate); // not the day after the report date
        UserActivityRow cleo = rows.get("cleo@" + tenant.name());
        assertThat(cleo.deleted()).isTrue();
        assertThat(cleo.deletedDate()).isEqualTo(reportDate.minusDays(2));
        assertThat(cleo.audioMinutes()).isEqualTo(1); // 89.999 s rounds to 1 minute
        assertThat(rows.get("dan@" + tenant.name())).satisfies(dan -> {
            assertThat(dan.im() + dan.audio() + dan.video() + dan.appSharing() + dan.fileTransfers())
                    .isZero();
            assertThat(dan.lastActivityDate()).isNull();
        });
        assertThat(activity.countUsers(UserTableQuery.of(ReportPeriod.D7))).isEqualTo(4);
        assertThat(all(UserTableQuery.of(ReportPeriod.D30))).containsKey("fay@" + tenant.name());
    }

    @Test
    void every_cell_equals_a_recomputation_from_raw_sessions_for_every_period_and_a_day() {
        // summed from the daily rollups while the totals do not end on the report date or the day before; then from
        // the totals of the day before corrected by two days of rollups (the day's move not done yet); then from the
        // totals
        // sessions on the days that leave the 7- and 30-day windows when the totals move from the day before on
        currentTenant.runAs(
                tenant.id(),
                () -> writer.write(List.of(
                        session("left-7", reportDate.minusDays(7) + "T12:00:00Z", 45_000, "ben", "ada", Modality.IM),
                        session(
                                "left-30",
                                reportDate.minusDays(30) + "T00:00:00Z",
                                240_000,
                                "ada",
                                "cleo",
                                Modality.AUDIO,
                                Modality.VIDEO))));
        Map<String, List<String>> summedOrders = new java.util.HashMap<>();
        for (int state = 0; state < 3; state++) {
            boolean moved = state > 0;
            if (moved) {
                LocalDate end = state == 1 ? reportDate.minusDays(1) : reportDate;
                currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(end));
            }
            for (ReportPeriod period : ReportPeriod.values()) {
                assertCellsMatchRaw(tenant.id(), UserTableQuery.of(period), activity.firstDay(period), reportDate);
                for (UserActivityColumn column : UserActivityColumn.values()) {
                    List<String> order = names(UserTableQuery.of(period).sortedBy(column, false));
                    if (moved) {
                        assertThat(order)
                                .as("sorted by %s over %s", column, period)
                                .isEqualTo(summedOrders.get(period + " " + column));
                    } else {
                        summedOrders.put(period + " " + column, order);
                    }
                }
            }
            LocalDate day = reportDate.minusDays(3);
            assertCellsMatchRaw(tenant.id(), UserTableQuery.of(ReportPeriod.D7).withDay(day), day, day);
        }
    }

    @Test
    void a_read_planned_on_the_totals_of_the_day_before_is_exact_when_the_move_commits_before_it_runs() {
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
        for (ReportPeriod period : ReportPeriod.values()) {
            for (UserActivityColumn column : UserActivityColumn.values()) {
                for (boolean ascending : new boolean[] {true, false}) {
                    var query = UserTableQuery.of(period).sortedBy(column, ascending);
                    var planned = new UserActivityRepository.Scope(
                            tenant.id(),
                            activity.firstDay(period),
                            reportDate,
                            period.days(),
                            false,
                            reportDate,
                            false,
                            true, // the service saw the totals end on the day before
                            false);
                    var moved = new UserActivityRepository.Scope(
                            tenant.id(),
                            activity.firstDay(period),
                            reportDate,
                            period.days(),
                            false,
                            reportDate,
                            true,
                            false,
                            false);
                    assertThat(repository.page(planned, query, 0, 100))
                            .as("%s sorted by %s", period, column)
                            .isNotEmpty()
                            .isEqualTo(repository.page(moved, query, 0, 100));
                }
            }
        }
    }

    private List<String> names(UserTableQuery query) {
        return activity.users(query, 0, 100).stream()
                .map(UserActivityRow::userName)
                .toList();
    }

    @Test
    void reading_the_table_moves_nothing_and_the_schedule_moves_every_tenant_to_the_report_date() {
        activity.users(UserTableQuery.of(ReportPeriod.D30), 0, 10);
        activity.forEachUser(UserTableQuery.of(ReportPeriod.D7), row -> {});
        assertThat(org.commsportal.RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id()))
                .isNull();

        schedule.moveEveryTenant();

        assertThat(org.commsportal.RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id()))
                .isEqualTo(reportDate);
        assertCellsMatchRaw(
                tenant.id(), UserTableQuery.of(ReportPeriod.D90), activity.firstDay(ReportPeriod.D90), reportDate);
    }

    @Test
    void the_schedule_catches_up_the_totals_still_behind_at_a_fixed_delay_besides_the_midnight_move() {
        var scheduledTasks = context.getBean(
                org.springframework.scheduling.config.TaskManagementConfigUtils
                        .SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME,
                org.springframework.scheduling.config.ScheduledTaskHolder.class);
        var catchUps = scheduledTasks.getScheduledTasks().stream()
                .map(org.springframework.scheduling.config.ScheduledTask::getTask)
                .filter(task -> task instanceof org.springframework.scheduling.config.FixedDelayTask)
                .map(task -> (org.springframework.scheduling.config.FixedDelayTask) task)
                .filter(task -> task.getRunnable().toString().contains("PeriodTotalsSchedule.moveEveryTenant"))
                .toList();
        // the test profile's delay (application-test.properties): tests move the totals themselves
        assertThat(catchUps)
                .singleElement()
                .satisfies(task -> assertThat(task.getIntervalDuration()).isEqualTo(java.time.Duration.ofDays(1)));

        schedule.moveEveryTenant();
        schedule.moveEveryTenant(); // nothing behind: a plain read per tenant and report

        assertThat(org.commsportal.RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id()))
                .isEqualTo(reportDate);
        assertCellsMatchRaw(
                tenant.id(), UserTableQuery.of(ReportPeriod.D7), activity.firstDay(ReportPeriod.D7), reportDate);
    }

    @Test
    void demo_tenant_cells_and_charts_equal_a_recomputation_from_raw_sessions() {
        testTenants.signIn("global.admin");
        long contoso = jdbc.sql("SELECT id FROM tenant WHERE name = 'contoso.example'")
                .query(Long.class)
                .single();
        boolean concealedBefore = jdbc.sql("SELECT display_concealed_names FROM tenant WHERE id = :id")
                .param("id", contoso)
                .query(Boolean.class)
                .single();
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", contoso)
                .update();
        try {
            assertCellsMatchRaw(
                    contoso, UserTableQuery.of(ReportPeriod.D30), activity.firstDay(ReportPeriod.D30), reportDate);
            LocalDate busyDay = reportDate.minusDays(2);
            assertCellsMatchRaw(contoso, UserTableQuery.of(ReportPeriod.D30).withDay(busyDay), busyDay, busyDay);

            ActivityReport report = activity.activity(ReportPeriod.D30);
            Map<LocalDate, List<Long>> raw =
                    RawActivity.usersAndMinutesPerDay(jdbc, contoso, activity.firstDay(ReportPeriod.D30), reportDate);
            for (DailyActivity day : report.days()) {
                assertThat(List.of(
                                day.usersIm(),
                                day.usersAudio(),
                                day.usersVideo(),
                                day.usersAppSharing(),
                                day.usersFileTransfer(),
                                day.audioMinutes(),
                                day.videoMinutes()))
                        .as(day.day().toString())
                        .isEqualTo(raw.getOrDefault(day.day(), List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L)));
            }
        } finally {
            jdbc.sql("UPDATE tenant SET display_concealed_names = :before WHERE id = :id")
                    .param("before", concealedBefore)
                    .param("id", contoso)
                    .update();
        }
    }

    private void assertCellsMatchRaw(long tenantId, UserTableQuery query, LocalDate from, LocalDate to) {
        Map<String, List<Object>> raw = RawActivity.users(jdbc, tenantId, from, to, reportDate);
        Map<String, List<Object>> shown = activity.users(query, 0, 100_000).stream()
                .collect(Collectors.toMap(UserActivityRow::userName, RawActivity::shown));
        assertThat(shown).as("%s from %s to %s", query.period(), from, to).isEqualTo(raw);
        assertThat(activity.countUsers(query)).isEqualTo(raw.size());
    }

    @Test
    void after_the_report_date_moved_on_with_writes_in_between_every_cell_still_equals_raw_sessions() {
        // the totals as a request three days ago left them; the next request moves them to the report date
        currentTenant.runAs(tenant.id(), () -> {
            periodTotals.moveTo(reportDate.minusDays(3));
            writer.write(List.of(
                    // an old session replaced by one inside every period, and a new one before the old report date
                    session("s5", reportDate.minusDays(1) + "T07:00:00Z", 120_000, "dan", "ben", Modality.VIDEO),
                    session("s7", reportDate.minusDays(4) + "T10:00:00Z", 60_000, "dan", "ada", Modality.IM)));
        });

        every_cell_equals_a_recomputation_from_raw_sessions_for_every_period_and_a_day();
        assertThat(activity.users(UserTableQuery.of(ReportPeriod.D7).sortedBy(UserActivityColumn.VIDEO, false), 0, 1))
                .singleElement()
                .satisfies(top -> {
                    assertThat(top.userName()).isEqualTo("ben@" + tenant.name()); // in s1 and in the moved s5
                    assertThat(top.video()).isEqualTo(2);
                });
    }

    @Test
    void every_report_period_has_maintained_per_user_totals() {
        assertThat(jdbc.sql("SELECT days FROM report_period ORDER BY days")
                        .query(Integer.class)
                        .list())
                .containsExactlyElementsOf(java.util.Arrays.stream(ReportPeriod.values())
                        .map(ReportPeriod::days)
                        .toList());
    }

    @ParameterizedTest
    @EnumSource(UserActivityColumn.class)
    void sorting_by_any_column_orders_the_whole_table_in_the_database(UserActivityColumn column) {
        for (boolean ascending : new boolean[] {true, false}) {
            var query = UserTableQuery.of(ReportPeriod.D30).sortedBy(column, ascending);
            List<UserActivityRow> pageByPage = new ArrayList<>();
            for (int offset = 0; offset < 6; offset += 2) {
                pageByPage.addAll(activity.users(query, offset, 2));
            }
            Comparator<UserActivityRow> order =
                    Comparator.comparing(row -> sortKey(column, row), Comparator.nullsFirst(Comparator.naturalOrder()));
            assertThat(pageByPage).hasSize(5).isSortedAccordingTo(ascending ? order : order.reversed());
        }
    }

    @Test
    void sorting_by_deletion_pages_through_the_whole_table_in_order_with_users_deleted_after_the_report_date() {
        LocalDate longAgo = reportDate.minusYears(1);
        currentTenant.runAs(
                tenant.id(),
                () -> directory.upsert(List.of(
                        user(
                                "gus",
                                longAgo,
                                reportDate.plusDays(3)), // deleted later: not deleted as of the report date
                        user("hal", longAgo, reportDate.minusDays(1)),
                        user("ivy", longAgo, reportDate.minusDays(1))))); // hal's date: ties by id
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
        Map<String, Long> ids = jdbc
                .sql("SELECT upn, id FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> Map.entry(rs.getString("upn"), rs.getLong("id")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<UserActivityRow> rows = activity.users(UserTableQuery.of(ReportPeriod.D30), 0, 1000);
        assertThat(rows).extracting(UserActivityRow::userName).contains("gus@" + tenant.name());
        for (UserActivityColumn column : List.of(UserActivityColumn.DELETED, UserActivityColumn.DELETED_DATE)) {
            Comparator<UserActivityRow> byKey =
                    Comparator.comparing(row -> sortKey(column, row), Comparator.nullsFirst(Comparator.naturalOrder()));
            Comparator<UserActivityRow> ascending = byKey.thenComparing(row -> ids.get(row.userName()));
            for (boolean up : new boolean[] {true, false}) {
                List<String> expected = rows.stream()
                        .sorted(up ? ascending : ascending.reversed())
                        .map(UserActivityRow::userName)
                        .toList();
                var query = UserTableQuery.of(ReportPeriod.D30).sortedBy(column, up);
                List<String> pageByPage = new ArrayList<>();
                for (int offset = 0; offset < expected.size(); offset += 2) {
                    activity.users(query, offset, 2).forEach(row -> pageByPage.add(row.userName()));
                }
                assertThat(pageByPage)
                        .as("%s %s", column, up ? "ascending" : "descending")
                        .isEqualTo(expected);
                assertThat(activity.users(query, 1, Integer.MAX_VALUE)) // the rest, however many
                        .extracting(UserActivityRow::userName)
                        .isEqualTo(expected.subList(1, expected.size()));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparable sortKey(UserActivityColumn column, UserActivityRow row) {
        return (Comparable) column.valueOf(row);
    }

    @Test
    void the_user_name_filter_runs_in_the_database_ignores_case_and_is_not_a_pattern() {
        assertThat(activity.users(UserTableQuery.of(ReportPeriod.D7).withFilter("CLE"), 0, 50))
                .extracting(UserActivityRow::userName)
                .containsExactly("cleo@" + tenant.name());
        assertThat(activity.countUsers(UserTableQuery.of(ReportPeriod.D7).withFilter("%")))
                .isZero();
        assertThat(activity.countUsers(UserTableQuery.of(ReportPeriod.D7).withFilter("_")))
                .isZero();
    }

    @Test
    void with_concealed_names_the_table_shows_sorts_and_filters_pseudonyms() {
        jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :id")
                .param("id", tenant.id())
                .update();

        List<UserActivityRow> rows = activity.users(UserTableQuery.of(ReportPeriod.D7), 0, 50);

        assertThat(rows)
                .extracting(UserActivityRow::userName)
                .allMatch(name -> name.matches("[0-9a-f]{32}"))
                .isSorted();
        String part = rows.get(0).userName().substring(3, 10);
        assertThat(activity.users(UserTableQuery.of(ReportPeriod.D7).withFilter(part), 0, 50))
                .extracting(UserActivityRow::userName)
                .contains(rows.get(0).userName());
        // "ben" has a letter no hexadecimal pseudonym holds ("ada" sometimes occurs in one by chance)
        assertThat(activity.countUsers(UserTableQuery.of(ReportPeriod.D7).withFilter("ben")))
                .isZero();
    }

    @Test
    void an_empty_tenant_has_an_empty_table_and_zero_charts() {
        testTenants.signInAs(testTenants.newTenant("nothing"), Role.GLOBAL_ADMIN);

        assertThat(activity.users(UserTableQuery.of(ReportPeriod.D180), 0, 50)).isEmpty();
        assertThat(activity.countUsers(UserTableQuery.of(ReportPeriod.D180))).isZero();
        assertThat(activity.activity(ReportPeriod.D180).days())
                .hasSize(180)
                .allSatisfy(day -> assertThat(day.usersIm() + day.audioMs()).isZero());
    }

    @Test
    void a_day_outside_the_period_is_refused() {
        assertThatThrownBy(() ->
                        activity.users(UserTableQuery.of(ReportPeriod.D7).withDay(reportDate.minusDays(7)), 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the period");
    }

    @Test
    void usage_summary_readers_see_charts_but_not_the_per_user_table() {
        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);

        assertThat(activity.activity(ReportPeriod.D7).days()).hasSize(7);
        assertThatThrownBy(() -> activity.users(UserTableQuery.of(ReportPeriod.D7), 0, 10))
                .isInstanceOf(AccessDeniedException.class);
    }
}
