package org.commsportal.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commsportal.RollupRecomputation.normalized;
import static org.commsportal.sessions.Modality.APPLICATION_SHARING;
import static org.commsportal.sessions.Modality.AUDIO;
import static org.commsportal.sessions.Modality.FILE_TRANSFER;
import static org.commsportal.sessions.Modality.IM;
import static org.commsportal.sessions.Modality.VIDEO;
import static org.commsportal.sessions.Sessions.p2p;

import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserRecomputation;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users and sessions in any order (docs/ingest.md, "How parties are matched to users"): after every write, each
 * session's links equal the rule applied to its raw URIs and the users' licences, computed here in SQL, and every
 * read model equals a recomputation from those raw rows.
 */
@PortalIntegrationTest
class ArrivalOrderIT {

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
    ActiveUsersService activeUsers;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    ActivityService activity;

    @Autowired
    org.commsportal.sessiondetails.SessionDetailsService sessionDetails;

    private Tenant tenant;
    private LocalDate reportDate;

    @BeforeEach
    void emptyTenantWithBuiltTotals() {
        tenant = testTenants.newTenant("arrival");
        jdbc.sql("UPDATE tenant SET display_concealed_names = FALSE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        reportDate = activity.reportDate();
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
    }

    private void write(SessionRecord... sessions) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(sessions)));
    }

    private void writeUsers(UserRecord... users) {
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(users)));
    }

    private UserRecord user(String alias, LocalDate licensedFrom, @Nullable LocalDate deletedAt) {
        return new UserRecord(alias + "@" + tenant.name(), alias, "User " + alias, licensedFrom, deletedAt);
    }

    private String uri(String alias) {
        return "sip:" + alias + "@" + tenant.name();
    }

    private String at(LocalDate day, String time) {
        return day + "T" + time + "Z";
    }

    @Test
    void a_user_written_after_their_sessions_counts_them_in_every_report() {
        write(
                p2p(
                        "first-call",
                        at(reportDate.minusDays(2), "23:50:00"),
                        1_200_000,
                        uri("new.hire"),
                        uri("ada"),
                        AUDIO,
                        VIDEO),
                p2p(
                        "first-chat",
                        at(reportDate.minusDays(1), "09:00:00"),
                        60_000,
                        uri("ada"),
                        "sip:New.Hire@" + tenant.name() + ";gruu",
                        IM));
        writeUsers(user("ada", reportDate.minusYears(1), null));
        assertEverythingExact();

        writeUsers(user("new.hire", reportDate.minusYears(1), null));

        assertEverythingExact();
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        UserActivityRow hire = activity.users(UserTableQuery.of(ReportPeriod.D7).withFilter("new.hire"), 0, 10)
                .get(0);
        assertThat(hire.audio()).isEqualTo(1);
        assertThat(hire.video()).isEqualTo(1);
        assertThat(hire.im()).isEqualTo(1);
        assertThat(hire.audioMinutes()).isEqualTo(20);
        assertThat(hire.lastActivityDate()).isEqualTo(reportDate.minusDays(1));
        var users = activity.activity(ReportPeriod.D7).days().stream()
                .filter(day -> day.day().equals(reportDate.minusDays(2)))
                .findFirst()
                .orElseThrow();
        assertThat(users.usersAudio()).isEqualTo(2);
        // the call from 23:50 to 00:10 makes both active on both UTC days
        var daily = activeUsers.report(ActiveUserPeriod.DAILY, ZoneOffset.UTC).rows().stream()
                .filter(row -> row.date().toLocalDate().equals(reportDate.minusDays(1))
                        || row.date().toLocalDate().equals(reportDate))
                .map(ActiveUserRow::activeUsers)
                .toList();
        assertThat(daily).containsExactly(2L, 2L);
    }

    @Test
    void moving_and_removing_a_licence_moves_the_sessions_that_count_for_the_user() {
        writeUsers(user("ada", reportDate.minusYears(1), null), user("ben", reportDate.minusDays(5), null));
        write(
                p2p("before-licence", at(reportDate.minusDays(10), "10:00:00"), 60_000, uri("ada"), uri("ben"), AUDIO),
                p2p("on-first-day", at(reportDate.minusDays(5), "00:00:00"), 60_000, uri("ben"), uri("ada"), IM),
                p2p("late", at(reportDate, "12:00:00"), 60_000, uri("ben"), uri("ada"), VIDEO));
        assertEverythingExact();

        writeUsers(user("ben", reportDate.minusDays(20), null)); // licensed earlier: the first session counts too
        assertEverythingExact();
        writeUsers(user("ben", reportDate.minusDays(20), reportDate.minusDays(1))); // removed: the last one stops
        assertEverythingExact();
        writeUsers(user("ben", reportDate.minusDays(4), reportDate.minusDays(1))); // licensed later
        assertEverythingExact();
        writeUsers(user("ben", reportDate.minusDays(4), null)); // licensed again
        assertEverythingExact();
        assertThat(linkedSessions("ben")).isEqualTo(1);
    }

    @Test
    void a_user_deleted_after_the_report_date_or_the_chosen_day_shows_as_not_deleted_there() {
        writeUsers(
                user("ada", reportDate.minusYears(1), reportDate.plusDays(3)),
                user("ben", reportDate.minusYears(1), reportDate.minusDays(2)));
        write(p2p("call", at(reportDate.minusDays(4), "10:00:00"), 60_000, uri("ada"), uri("ben"), AUDIO));
        testTenants.signInAs(tenant, Role.REPORTS_READER);

        Map<String, UserActivityRow> period = byName(activity.users(UserTableQuery.of(ReportPeriod.D7), 0, 10));
        assertThat(period.get("ada@" + tenant.name()).deleted()).isFalse();
        assertThat(period.get("ada@" + tenant.name()).deletedDate()).isNull();
        assertThat(period.get("ben@" + tenant.name()).deleted()).isTrue();
        assertThat(period.get("ben@" + tenant.name()).deletedDate()).isEqualTo(reportDate.minusDays(2));

        Map<String, UserActivityRow> day =
                byName(activity.users(UserTableQuery.of(ReportPeriod.D7).withDay(reportDate.minusDays(4)), 0, 10));
        assertThat(day.get("ben@" + tenant.name()).deleted()).isFalse();
        assertThat(day.get("ben@" + tenant.name()).deletedDate()).isNull();
        assertThat(day.get("ben@" + tenant.name()).audio()).isEqualTo(1);
    }

    @Test
    void a_directory_users_address_stays_concealed_in_sessions_from_days_the_user_was_not_licensed() {
        jdbc.sql("UPDATE tenant SET display_concealed_names = TRUE WHERE id = :id")
                .param("id", tenant.id())
                .update();
        writeUsers(user("ada", reportDate.minusYears(1), null), user("ben", reportDate.minusDays(1), null));
        write(p2p("before-ben", at(reportDate.minusDays(3), "10:00:00"), 60_000, uri("Ben") + ";gruu", uri("ada"), IM));
        String benPseudonym = jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND alias = 'ben'")
                .param("t", tenant.id())
                .query(String.class)
                .single();
        long ada = jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND alias = 'ada'")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);

        var search = sessionDetails.search(new org.commsportal.sessiondetails.SearchForm(
                ada, reportDate.minusDays(5).atStartOfDay(), null));
        var row = sessionDetails.sessions(search, List.of(), 0, 10).get(0);

        assertThat(row.fromUri()).isEqualTo(benPseudonym);
        assertThat(linkedSessions("ben")).as("ben was not licensed that day").isZero();
    }

    private static Map<String, UserActivityRow> byName(List<UserActivityRow> rows) {
        return rows.stream().collect(java.util.stream.Collectors.toMap(UserActivityRow::userName, row -> row));
    }

    private static final List<List<Modality>> MEDIA = List.of(
            List.of(IM),
            List.of(AUDIO),
            List.of(AUDIO, VIDEO),
            List.of(APPLICATION_SHARING, AUDIO),
            List.of(FILE_TRANSFER),
            List.of(VIDEO, IM));

    @Test
    void random_interleavings_of_user_and_session_writes_keep_every_read_model_exact() {
        var random = new Random(17);
        List<String> aliases = List.of("ada", "ben", "cy", "dee", "eve");
        for (int step = 0; step < 40; step++) {
            if (random.nextInt(3) == 0) {
                List<UserRecord> users = new ArrayList<>();
                for (String alias : aliases) {
                    if (random.nextInt(3) == 0) {
                        users.add(randomLicence(random, alias));
                    }
                }
                writeUsers(users.toArray(UserRecord[]::new));
            } else {
                List<SessionRecord> batch = new ArrayList<>();
                var dialogIds = new java.util.HashSet<String>();
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    String dialogId = "d" + random.nextInt(25); // re-sends replace earlier sends
                    if (dialogIds.add(dialogId)) {
                        batch.add(randomSession(random, dialogId, aliases));
                    }
                }
                write(batch.toArray(SessionRecord[]::new));
            }
            assertEverythingExact();
        }
        assertThat(linkedSessions(null))
                .as("the random steps link some sessions")
                .isPositive();
        assertThat(readModelCheck.differences(tenant.id(), 10)).isEmpty();
        ActiveUserRecomputation.assertReportsEqualRecomputation(activeUsers, jdbc, testTenants, tenant);
    }

    private UserRecord randomLicence(Random random, String alias) {
        LocalDate from = reportDate.minusDays(random.nextInt(30));
        LocalDate deleted = random.nextBoolean() ? null : from.plusDays(random.nextInt(20));
        return user(alias, from, deleted);
    }

    private SessionRecord randomSession(Random random, String dialogId, List<String> aliases) {
        String start = at(reportDate.minusDays(random.nextInt(30) - 1), random.nextBoolean() ? "23:50:00" : "10:15:00");
        long ms = 60_000L * (1 + random.nextInt(30));
        return p2p(
                dialogId,
                start,
                ms,
                party(random, aliases),
                party(random, aliases),
                MEDIA.get(random.nextInt(MEDIA.size())).toArray(Modality[]::new));
    }

    /** A user's URI written as senders do (case, parameters), or an external party. */
    private String party(Random random, List<String> aliases) {
        String alias = aliases.get(random.nextInt(aliases.size()));
        return switch (random.nextInt(4)) {
            case 0 -> "sip:" + alias.toUpperCase() + "@" + tenant.name();
            case 1 -> "sip:" + alias + "@" + tenant.name() + ";gruu;opaque=x";
            case 2 -> "sip:someone@partner.example";
            default -> "SIP:" + alias + "@" + tenant.name();
        };
    }

    @Test
    void concurrent_user_and_session_writers_leave_nothing_for_verify_rollups_to_report() throws Exception {
        var aliases = List.of("ada", "ben", "cy", "dee");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int number = w;
                jobs.add(pool.submit(() -> {
                    var random = new Random(number);
                    for (int b = 0; b < 10; b++) {
                        List<SessionRecord> batch = new ArrayList<>();
                        for (int i = 0; i < 5; i++) {
                            batch.add(
                                    randomSession(random, "w" + number + "-" + random.nextInt(15) + "-" + i, aliases));
                        }
                        Deadlocks.retrying(() -> currentTenant.runAs(tenant.id(), () -> writer.write(batch)));
                    }
                    return null;
                }));
                jobs.add(pool.submit(() -> {
                    var random = new Random(100 + number);
                    for (int b = 0; b < 10; b++) {
                        UserRecord user = randomLicence(random, aliases.get(random.nextInt(aliases.size())));
                        Deadlocks.retrying(
                                () -> currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(user))));
                    }
                    return null;
                }));
            }
            for (Future<?> job : jobs) {
                job.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEverythingExact();
        assertThat(readModelCheck.differences(tenant.id(), 10)).isEmpty();
    }

    @Test
    void verify_rollups_reports_a_wrong_period_total_and_a_wrong_active_user_count() {
        writeUsers(user("ada", reportDate.minusYears(1), null), user("ben", reportDate.minusYears(1), null));
        write(p2p("call", at(reportDate.minusDays(1), "10:00:00"), 60_000, uri("ada"), uri("ben"), AUDIO));
        assertThat(readModelCheck.differences(tenant.id(), 10)).isEmpty();

        jdbc.sql("UPDATE user_period_total SET p2p_audio = 5 WHERE tenant_id = :t AND period_days = 30")
                .param("t", tenant.id())
                .update();
        jdbc.sql(
                        "UPDATE active_user_count SET active_users = 7 WHERE tenant_id = :t AND period_kind = 'D' AND shift = 0")
                .param("t", tenant.id())
                .update();

        List<String> differences = readModelCheck.differences(tenant.id(), 10);
        assertThat(differences)
                .filteredOn(line -> line.startsWith("user_period_total user "))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains(" period 30 days"));
        assertThat(differences)
                .filteredOn(line -> line.startsWith("active_user_count D "))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("stored 7, recomputed 2"));
        assertThat(differences)
                .allSatisfy(line -> assertThat(line).matches("(user_period_total|active_user_count) .*"));
        assertThat(jdbc.sql("SELECT MAX(active_users) FROM active_user_count WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Integer.class)
                        .single())
                .as("the check rolls its build back")
                .isEqualTo(7);
    }

    private long linkedSessions(@Nullable String alias) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM comm_session s
                WHERE s.tenant_id = :t AND EXISTS (SELECT 1 FROM licensed_user u
                    WHERE u.id IN (s.from_user_id, s.to_user_id) AND (:alias IS NULL OR u.alias = :alias))
                """)
                .param("t", tenant.id())
                .param("alias", alias)
                .query(Long.class)
                .single();
    }

    /**
     * The links the rule gives, from the raw URIs and the users' licences (every test URI starts with a
     * four-character scheme), then each read model against its recomputation from the linked raw rows.
     */
    private void assertEverythingExact() {
        String linkOf = """
                (SELECT u.id FROM licensed_user u WHERE u.tenant_id = s.tenant_id
                   AND LOWER(u.upn) = LOWER(SUBSTRING_INDEX(SUBSTRING(s.%1$s, 5), ';', 1))
                   AND DATE(s.start_time) >= u.licensed_from
                   AND (u.deleted_at IS NULL OR DATE(s.start_time) <= u.deleted_at))""";
        List<Map<String, Object>> expected = jdbc.sql(
                        "SELECT s.dialog_id, " + linkOf.formatted("from_uri") + " AS f, " + linkOf.formatted("to_uri")
                                + " AS t FROM comm_session s WHERE s.tenant_id = :t ORDER BY s.dialog_id")
                .param("t", tenant.id())
                .query()
                .listOfRows();
        List<Map<String, Object>> stored =
                jdbc.sql("""
                SELECT dialog_id, from_user_id AS f, to_user_id AS t FROM comm_session WHERE tenant_id = :t ORDER BY dialog_id
                """).param("t", tenant.id()).query().listOfRows();
        assertThat(normalized(stored)).as("links").isEqualTo(normalized(expected));
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t
                  AND NOT (from_party <=> CRC32(LOWER(SUBSTRING_INDEX(SUBSTRING(from_uri, 5), ';', 1)))
                           AND to_party <=> CRC32(LOWER(SUBSTRING_INDEX(SUBSTRING(to_uri, 5), ';', 1))))
                """).param("t", tenant.id()).query(Long.class).single())
                .as("party keys equal MariaDB's CRC32 of the UPNs, as changeset 013 computed them")
                .isZero();

        RollupRecomputation.assertDailyRollupsEqualRecomputation(jdbc, tenant.id());
        assertThat(normalized(RollupRecomputation.storedPeriodTotals(jdbc, tenant.id())))
                .as("period totals")
                .isEqualTo(normalized(RollupRecomputation.recomputedPeriodTotals(jdbc, tenant.id(), reportDate)));
        Map<String, Object> activeRows = ActiveUserRecomputation.storedRows(jdbc, tenant.id());
        ActiveUserRecomputation.rebuildFromRawSessions(activeUsers, jdbc, testTenants, tenant);
        assertThat(ActiveUserRecomputation.storedRows(jdbc, tenant.id()))
                .as("active users")
                .isEqualTo(activeRows);
    }
}
