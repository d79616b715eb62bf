package org.commsportal.activeusers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every period's ActiveUsers against a recomputation from the raw sessions with Java's own time-zone rules
 * (java.time, not the quarter-hour code), in zones with 30- and 45-minute offsets, DST and a 30-minute DST change.
 */
@PortalIntegrationTest
class ActiveUsersIT {

    @Autowired
    ActiveUsersService service;

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
    Clock clock;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    private Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = testTenants.newTenant("active-users");
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    private List<String> users(int count) {
        List<UserRecord> records = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new UserRecord(
                    "u" + i + "@" + tenant.name(), "u" + i, "User " + i, LocalDate.parse("2024-01-01"), null));
            uris.add("sip:u" + i + "@" + tenant.name());
        }
        currentTenant.runAs(tenant.id(), () -> directory.upsert(records));
        return uris;
    }

    private void write(List<SessionRecord> sessions) {
        currentTenant.runAs(tenant.id(), () -> writer.write(sessions));
    }

    static SessionRecord session(
            String dialogId, Instant start, Instant end, String from, String to, Modality... media) {
        List<MediaUsage> usages = Arrays.stream(media)
                .map(type -> new MediaUsage(type, end.toEpochMilli() - start.toEpochMilli()))
                .toList();
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
                usages,
                0,
                Quality.Report.none());
    }

    private ActiveUserReport report(ActiveUserPeriod period, ZoneId zone) {
        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        try {
            return service.report(period, zone);
        } finally {
            TestTenants.signOut();
        }
    }

    @Test
    void every_period_in_every_zone_equals_a_recomputation_from_raw_sessions() {
        List<String> uris = users(25);
        Random random = new Random(20261122);
        Instant now = clock.instant();
        List<SessionRecord> sessions = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            // mostly the last 50 days, some around DST changes, some longer than a day
            Instant start = now.minusSeconds(60L * random.nextInt(50 * 24 * 60))
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .plusMillis(random.nextInt(1000));
            long ms = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> 26 * 3_600_000L + random.nextInt(3_600_000);
                default -> random.nextInt(3 * 3_600_000);
            };
            Modality[] media = switch (random.nextInt(4)) {
                case 0 -> new Modality[] {Modality.IM};
                case 1 -> new Modality[] {Modality.AUDIO};
                case 2 -> new Modality[] {Modality.AUDIO, Modality.VIDEO};
                default -> new Modality[] {Modality.VIDEO, Modality.APPLICATION_SHARING};
            };
            String to = random.nextInt(6) == 0 ? "sip:guest@partner.example" : uris.get(random.nextInt(uris.size()));
            sessions.add(
                    session("g-" + i, start, start.plusMillis(ms), uris.get(random.nextInt(uris.size())), to, media));
        }
        // the days around the year's DST changes of New York and Berlin
        for (String instant : List.of(
                "2026-11-01T05:30:00Z",
                "2026-11-01T06:10:00Z",
                "2026-10-25T00:50:00Z",
                "2026-10-25T01:05:00Z",
                "2026-03-29T00:55:00Z",
                "2026-03-08T06:59:00Z",
                "2026-04-04T15:50:00Z")) {
            Instant start = Instant.parse(instant);
            sessions.add(session(
                    "dst-" + instant,
                    start,
                    start.plusSeconds(600),
                    uris.get(random.nextInt(uris.size())),
                    null,
                    Modality.AUDIO));
        }
        for (int from = 0; from < sessions.size(); from += 100) {
            write(sessions.subList(from, Math.min(sessions.size(), from + 100)));
        }
        // re-sends replace: move some sessions, drop audio from others
        List<SessionRecord> resent = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            SessionRecord old = sessions.get(random.nextInt(sessions.size()));
            Instant start = old.startTime().plusSeconds(3600L * (random.nextInt(48) - 24));
            resent.add(session(
                    old.dialogId(),
                    start,
                    start.plus(java.time.Duration.between(old.startTime(), old.endTime())),
                    old.fromUri(),
                    old.toUri(),
                    random.nextBoolean() ? Modality.IM : Modality.VIDEO));
        }
        write(resent.stream()
                .collect(java.util.stream.Collectors.toMap(SessionRecord::dialogId, s -> s, (a, b) -> b))
                .values()
                .stream()
                .toList());

        assertEveryPeriodEqualsRecomputation();
    }

    @Test
    void a_build_from_raw_sessions_equals_the_rows_kept_by_the_writer() {
        List<String> uris = users(12);
        Random random = new Random(7);
        Instant now = clock.instant();
        List<SessionRecord> sessions = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Instant start = now.minusSeconds(60L * random.nextInt(400 * 24 * 60));
            sessions.add(session(
                    "b-" + i,
                    start,
                    start.plusSeconds(random.nextInt(20_000)),
                    uris.get(random.nextInt(uris.size())),
                    uris.get(random.nextInt(uris.size())),
                    Modality.AUDIO));
        }
        write(sessions);
        Map<String, Object> kept = storedRows();

        jdbc.sql("UPDATE active_user_state SET built = FALSE WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        for (String table : List.of("user_quarter_hours", "active_user_interior", "active_user_count")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .update();
        }
        report(ActiveUserPeriod.DAILY, ZoneOffset.UTC); // the first read builds, as the start-up build would

        assertThat(storedRows()).isEqualTo(kept);
        assertEveryPeriodEqualsRecomputation();
    }

    @Test
    void a_report_while_the_rows_are_being_built_answers_not_ready_at_once_and_the_build_follows() throws Exception {
        List<String> uris = users(2);
        Instant start = clock.instant().minus(java.time.Duration.ofDays(3));
        write(List.of(session("call", start, start.plusSeconds(900), uris.get(0), uris.get(1), Modality.AUDIO)));
        jdbc.sql("UPDATE active_user_state SET built = FALSE WHERE tenant_id = :t")
                .param("t", tenant.id())
                .update();
        var locked = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread build = new Thread(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    // what a running build holds
                    jdbc.sql("SELECT built FROM active_user_state WHERE tenant_id = :t FOR UPDATE")
                            .param("t", tenant.id())
                            .query(Boolean.class)
                            .single();
                    locked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        build.start();
        try {
            locked.await();
            long started = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> report(ActiveUserPeriod.DAILY, ZoneOffset.UTC))
                    .isInstanceOf(ActiveUsersNotReadyException.class)
                    .hasMessageContaining("try again");
            // without waiting for the lock (MariaDB's lock wait timeout is 50 s)
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(java.time.Duration.ofSeconds(20));
        } finally {
            release.countDown();
            build.join();
        }
        assertThat(byDate(report(ActiveUserPeriod.WEEKLY, ZoneOffset.UTC)).values())
                .contains(2L);
        assertEveryPeriodEqualsRecomputation();
    }

    @Test
    void a_call_across_local_midnight_counts_on_both_days_and_boundaries_are_exclusive() {
        List<String> uris = users(5);
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        LocalDate day = LocalDate.now(clock.withZone(kolkata)).minusDays(10);
        Instant midnight = day.plusDays(1).atStartOfDay(kolkata).toInstant();
        write(List.of(
                // 23:50 to 00:10 local: both days
                session(
                        "across",
                        midnight.minusSeconds(600),
                        midnight.plusSeconds(600),
                        uris.get(0),
                        null,
                        Modality.AUDIO),
                // ends exactly at midnight: the first day only
                session("ends-at-midnight", midnight.minusSeconds(60), midnight, uris.get(1), null, Modality.VIDEO),
                // starts exactly at midnight: the second day only
                session("starts-at-midnight", midnight, midnight.plusSeconds(60), uris.get(2), null, Modality.AUDIO),
                // no duration, exactly at midnight: the second day only
                session("instant", midnight, midnight, uris.get(3), null, Modality.AUDIO),
                // instant messages do not count
                session("im", midnight.minusSeconds(30), midnight.plusSeconds(30), uris.get(4), null, Modality.IM)));

        Map<LocalDateTime, Long> daily = byDate(report(ActiveUserPeriod.DAILY, kolkata));
        assertThat(daily.get(day.plusDays(1).atStartOfDay()))
                .as("the day before midnight")
                .isEqualTo(2);
        assertThat(daily.get(day.plusDays(2).atStartOfDay()))
                .as("the day after midnight")
                .isEqualTo(3);
        // in UTC the same midnight is 18:30 and all of it is one day
        assertThat(byDate(report(ActiveUserPeriod.DAILY, ZoneOffset.UTC))
                        .get(day.plusDays(1).atStartOfDay()))
                .isEqualTo(4);
        assertEveryPeriodEqualsRecomputation();
    }

    @Test
    void a_dst_change_day_counted_once_counts_again_after_each_new_session() {
        ZoneId zone = ZoneId.of("America/New_York");
        Instant change = zone.getRules()
                .previousTransition(clock.instant().minus(java.time.Duration.ofDays(3)))
                .getInstant();
        LocalDate day = LocalDate.ofInstant(change, zone);
        LocalDateTime row = day.plusDays(1).atStartOfDay();
        Instant noon = day.atTime(12, 0).atZone(zone).toInstant();
        List<String> uris = users(3);
        long before = byDate(report(ActiveUserPeriod.DAILY, zone)).get(row);

        for (int i = 0; i < 3; i++) {
            write(List.of(session("kept-count-" + i, noon, noon.plusSeconds(60), uris.get(i), null, Modality.AUDIO)));

            assertThat(byDate(report(ActiveUserPeriod.DAILY, zone)).get(row))
                    .as("after the session of new user %d", i + 1)
                    .isEqualTo(before + i + 1);
            assertThat(byDate(report(ActiveUserPeriod.DAILY, zone)).get(row))
                    .as("read again")
                    .isEqualTo(before + i + 1);
        }
        assertEveryPeriodEqualsRecomputation();
    }

    @Test
    void a_user_active_only_on_a_dst_change_day_counts_on_that_local_day() {
        List<String> uris = users(4);
        List<SessionRecord> sessions = new ArrayList<>();
        Map<ZoneId, LocalDate> changeDays = new java.util.HashMap<>();
        for (ZoneId zone : List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"))) {
            // the latest DST change that lies on a complete day before yesterday (a 23- or 25-hour day)
            Instant before = clock.instant().minus(java.time.Duration.ofDays(3));
            Instant change = zone.getRules().previousTransition(before).getInstant();
            LocalDate day = LocalDate.ofInstant(change, zone);
            changeDays.put(zone, day);
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            int user = sessions.size();
            sessions.add(session(
                    zone + "-first", dayStart, dayStart.plusSeconds(300), uris.get(user), null, Modality.AUDIO));
            sessions.add(session(
                    zone + "-last", dayEnd.minusSeconds(300), dayEnd, uris.get(user + 1), null, Modality.VIDEO));
        }
        write(sessions);

        changeDays.forEach((zone, day) -> {
            Map<LocalDateTime, Long> daily = byDate(report(ActiveUserPeriod.DAILY, zone));
            assertThat(daily.get(day.plusDays(1).atStartOfDay()))
                    .as("%s on %s", zone, day)
                    .isEqualTo(2);
            assertThat(daily.get(day.atStartOfDay()))
                    .as("%s the day before", zone)
                    .isZero();
            assertThat(daily.get(day.plusDays(2).atStartOfDay()))
                    .as("%s the day after", zone)
                    .isZero();
        });
        assertEveryPeriodEqualsRecomputation();
    }

    @Test
    void only_periods_wholly_within_the_retained_days_are_listed_and_daily_rows_stop_at_the_last_complete_day() {
        users(1);
        jdbc.sql("UPDATE tenant SET retention_days = 30 WHERE id = :t")
                .param("t", tenant.id())
                .update();
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");
        LocalDate today = LocalDate.now(clock.withZone(kathmandu));
        LocalDate retainedFrom = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(30);

        List<ActiveUserRow> daily = report(ActiveUserPeriod.DAILY, kathmandu).rows();
        assertThat(daily.get(daily.size() - 1).date()).isEqualTo(today.atStartOfDay());
        assertThat(daily.get(0).date()).isEqualTo(retainedFrom.plusDays(2).atStartOfDay());
        assertThat(daily).extracting(ActiveUserRow::activeUsers).containsOnly(0L);
        List<ActiveUserRow> weekly = report(ActiveUserPeriod.WEEKLY, kathmandu).rows();
        LocalDate thisSunday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        assertThat(weekly.get(weekly.size() - 1).date())
                .isEqualTo(thisSunday.plusWeeks(1).atStartOfDay());
        assertThat(weekly.get(0).date().toLocalDate().minusWeeks(1)).isAfter(retainedFrom);
        List<ActiveUserRow> monthly =
                report(ActiveUserPeriod.MONTHLY, kathmandu).rows();
        LocalDate thisMonth = today.withDayOfMonth(1);
        assertThat(monthly)
                .extracting(ActiveUserRow::date)
                .containsExactlyElementsOf(
                        thisMonth.isAfter(retainedFrom)
                                ? List.of(thisMonth.plusMonths(1).atStartOfDay())
                                : List.of());
        assertThat(report(ActiveUserPeriod.YEARLY, kathmandu).rows()).isEmpty();
    }

    private void assertEveryPeriodEqualsRecomputation() {
        ActiveUserRecomputation.assertReportsEqualRecomputation(service, jdbc, testTenants, tenant);
    }

    private Map<String, Object> storedRows() {
        return ActiveUserRecomputation.storedRows(jdbc, tenant.id());
    }

    private static Map<LocalDateTime, Long> byDate(ActiveUserReport report) {
        Map<LocalDateTime, Long> byDate = new TreeMap<>();
        report.rows().forEach(row -> byDate.put(row.date(), row.activeUsers()));
        return byDate;
    }
}
