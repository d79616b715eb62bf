package org.commsportal.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.sessions.MediaUsage;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.Side;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

/**
 * The call quality read model and page figures against a recomputation written here from the records the test sent:
 * the poor-stream rules of SPEC section 1 restated below, each stream's split values from its side's first media line
 * and user agent, histogram buckets, and every figure of the page (trend, totals, poor due to, splits, scorecard,
 * percentiles over the same buckets) summed from those streams, with edges: no metric, failed ICE, no QoE report,
 * several rules at once, re-sends that change a verdict, users written after their sessions and retention.
 */
@PortalIntegrationTest
class QualityIT {

    private static final LocalDate LONG_AGO = LocalDate.of(2020, 1, 1);
    private static final String WIN = "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)";
    private static final String OLD = "UCCAPI/15.0.5023.1000 OC/15.0.5023.1000 (Skype for Business)";
    private static final String PHONE = "UCWA/6.0.0.0 iPhoneLync/6.22.0.0 (iPhone iOS 12.1)";
    private static final String TEAMS = "Teams/1.6.00.1381";
    private static final String ROOM = "RoomSystem/2.1.0 (Conference Room)";
    /**
     * The client version groups of the agents this test sends, written out by hand from the table of
     * docs/call-quality.md ("Client versions"); ROOM is no agent the table knows.
     */
    private static final Map<String, String> CLIENT_GROUPS = Map.of(
            WIN,
            "Skype for Business 2016 16.0.x",
            OLD,
            "Lync 2013 15.0.x",
            PHONE,
            "iPhone 6.22",
            TEAMS,
            "Teams 1.6",
            ROOM,
            "Other",
            "",
            "");

    @Autowired
    SessionWriter writer;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    QualityService service;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    QualityPeriodTotals periodTotals;

    @Autowired
    QualityDayRepository dayRows;

    @Autowired
    QualityStreams streams;

    @Autowired
    org.commsportal.sessiondetails.SessionDetailsService sessionDetails;

    private Tenant tenant;
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final Map<String, SessionRecord> sent = new LinkedHashMap<>();
    private @Nullable LocalDate keptFrom;

    @BeforeEach
    void emptyTenant() {
        tenant = testTenants.newTenant("quality");
    }

    @AfterEach
    void signOut() {
        TestTenants.signOut();
    }

    @Test
    void every_stream_and_figure_equals_a_recomputation_with_the_edges() {
        LocalDate d1 = today.minusDays(3);
        LocalDate d2 = today.minusDays(2);
        writeUsers(user("ada"), user("bob"));
        Quality.AudioStream good = audio(Side.FROM, 10.0, 0.01, 80.0, 0.3, 0.01);
        write(
                session(
                        "good",
                        d1,
                        "09:00:00",
                        null,
                        List.of(Modality.AUDIO),
                        report(
                                List.of(line(Side.FROM, Modality.AUDIO, "10.1.1.0", true, false, "wired", "succeeded")),
                                List.of(info(Side.FROM, WIN)),
                                List.of(good, audio(Side.TO, 5.0, 0.0, 40.0, 0.1, 0.0)),
                                List.of(),
                                List.of())),
                // every audio rule at once, on Wi-Fi outside over VPN
                session(
                        "all-rules",
                        d1,
                        "23:59:59.999",
                        null,
                        List.of(Modality.AUDIO),
                        report(
                                List.of(line(Side.FROM, Modality.AUDIO, "10.9.9.0", false, true, "wifi", "succeeded")),
                                List.of(info(Side.FROM, OLD)),
                                List.of(audio(Side.FROM, 31.0, 0.11, 501.0, 1.01, 0.071)),
                                List.of(),
                                List.of())),
                // at the thresholds exactly: Good; no metric at all: Unclassified
                session(
                        "edges",
                        d2,
                        "00:00:00",
                        null,
                        List.of(Modality.AUDIO, Modality.VIDEO),
                        report(
                                List.of(line(Side.TO, Modality.VIDEO, "10.1.1.0", true, false, "mobile", "succeeded")),
                                List.of(info(Side.TO, PHONE)),
                                List.of(audio(Side.FROM, 30.0, 0.1, 500.0, 1.0, 0.07)),
                                List.of(video(Side.TO, null, null, null)),
                                List.of())),
                // failed ICE (upper case) with poor metrics: Unclassified; application sharing without a QoE report
                session(
                        "ice",
                        d2,
                        "10:00:00",
                        null,
                        List.of(Modality.AUDIO, Modality.APPLICATION_SHARING),
                        report(
                                List.of(line(Side.FROM, Modality.AUDIO, "10.9.9.0", false, false, "wired", "FAILED")),
                                List.of(),
                                List.of(audio(Side.FROM, 90.0, 0.5, 900.0, 3.0, 0.5)),
                                List.of(),
                                List.of())),
                // video: the first reported metric decides; application sharing tiles
                session(
                        "video",
                        d2,
                        "11:00:00",
                        "conf-1",
                        List.of(Modality.VIDEO, Modality.APPLICATION_SHARING),
                        report(
                                List.of(
                                        line(Side.FROM, Modality.VIDEO, "10.2.2.0", true, false, "wired", "succeeded"),
                                        line(Side.FROM, Modality.VIDEO, "10.3.3.0", false, false, "wifi", "failed")),
                                List.of(info(Side.FROM, WIN)),
                                List.of(),
                                List.of(
                                        video(Side.FROM, 10.0, 3.0, 0.5),
                                        video(Side.TO, null, 3.0, 0.5),
                                        video(Side.TO, null, null, 0.2)),
                                List.of(sharing(Side.FROM, 40.0, 500.0, 2.0), sharing(Side.TO, 1.0, 20.0, null)))),
                session(
                        "old",
                        today.minusDays(40),
                        "12:00:00",
                        null,
                        List.of(Modality.AUDIO),
                        report(
                                List.of(),
                                List.of(),
                                List.of(audio(Side.FROM, 50.0, 0.0, 10.0, 0.1, 0.0)),
                                List.of(),
                                List.of())));
        assertEqualsRecomputation();
        assertThat(storedRules("all-rules")).containsExactly("3:31");
        assertThat(storedRules("ice")).containsExactlyInAnyOrder("2:0", "2:0"); // failed ICE, no sharing report
        assertThat(storedRules("video")).containsExactlyInAnyOrder("2:0", "3:2", "3:4", "3:7", "1:0");

        // re-sends: the good session turns poor, the poor one good, the old one loses its streams
        write(
                session(
                        "good",
                        d1,
                        "09:00:00",
                        null,
                        List.of(Modality.AUDIO),
                        report(
                                List.of(line(Side.FROM, Modality.AUDIO, "10.1.1.0", true, false, "wired", "succeeded")),
                                List.of(info(Side.FROM, WIN)),
                                List.of(audio(Side.FROM, 45.0, 0.01, 80.0, 0.3, 0.01)),
                                List.of(),
                                List.of())),
                session(
                        "all-rules",
                        d1,
                        "23:59:59.999",
                        null,
                        List.of(Modality.AUDIO),
                        report(List.of(), List.of(), List.of(good), List.of(), List.of())),
                session("old", today.minusDays(40), "12:00:00", null, List.of(Modality.AUDIO), Quality.Report.none()));
        assertEqualsRecomputation();

        // a user written after the sessions: the streams of their side are now theirs
        writeUsers(user("cyd"));
        write(session(
                "cyd",
                d2,
                "13:00:00",
                null,
                List.of(Modality.AUDIO),
                report(
                        List.of(),
                        List.of(),
                        List.of(audio(Side.TO, 40.0, 0.0, 10.0, 0.1, 0.0)),
                        List.of(),
                        List.of())));
        writeUsers(user("dee"));
        assertEqualsRecomputation();

        // retention drops the old day
        keptFrom = today.minusDays(30);
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(keptFrom));
        assertEqualsRecomputation();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM quality_stream WHERE tenant_id = :t AND day < :d")
                        .param("t", tenant.id())
                        .param("d", keptFrom)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void verify_rollups_names_a_changed_stream_row_and_a_changed_row_of_each_day_table() {
        Random random = new Random(31);
        writeUsers(user("u0"), user("u1"), user("u2"));
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(randomSession("v-" + i, random));
        }
        write(records.toArray(SessionRecord[]::new));
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        // one row of each day table changed while the stream rows are exact, then a stream row: each is named
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("quality_day", "good = good + 1");
        changes.put("quality_split_day", "good = good + 1");
        changes.put("quality_filter_day", "poor = poor + 1");
        changes.put("quality_session_day", "streams = streams + 1");
        changes.put("quality_session_quarter", "sessions = sessions + 1");
        changes.put("quality_user_day", "poor = poor + 1");
        changes.put("quality_user_pair_day", "good = good + 1");
        changes.put("quality_stream", "verdict = verdict + 10");
        changes.forEach((table, change) -> {
            assertThat(jdbc.sql("UPDATE " + table + " SET " + change + " WHERE tenant_id = :t LIMIT 1")
                            .param("t", tenant.id())
                            .update())
                    .as(table)
                    .isOne();
            assertThat(readModelCheck.differences(tenant.id(), 20))
                    .as(table)
                    .anyMatch(difference -> difference.startsWith(table + " "));
        });
    }

    @Test
    void generated_streams_in_any_batches_with_re_sends_add_up_to_the_recomputation() {
        Random random = new Random(23);
        writeUsers(user("u0"), user("u1"), user("u2"));
        // the users' period totals (changeset 046) end on an earlier report date while the writes change them, then
        // move to the report date: each write's change and each window's move must equal a recount
        LocalDate reportDate = service.reportDate();
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate.minusDays(10)));
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            records.add(randomSession("r-" + i, random));
        }
        for (int start = 0; start < records.size(); start += 41) {
            write(records.subList(start, Math.min(records.size(), start + 41)).toArray(SessionRecord[]::new));
        }
        for (int i = 0; i < records.size(); i += 4) {
            write(randomSession("r-" + i, random));
        }
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
        for (int i = 1; i < records.size(); i += 5) {
            write(randomSession("r-" + i, random));
        }
        assertEqualsRecomputation();
        keptFrom = today.minusDays(100);
        currentTenant.runAs(tenant.id(), () -> writer.keepFrom(keptFrom));
        assertEqualsRecomputation();
    }

    @Test
    void a_rebuild_that_sets_the_totals_aside_ends_equal_to_a_recount_also_when_a_move_builds_them_between_its_days() {
        Random random = new Random(29);
        writeUsers(user("u0"), user("u1"), user("u2"));
        LocalDate reportDate = service.reportDate();
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            records.add(randomSession("a-" + i, random));
        }
        for (int start = 0; start < records.size(); start += 40) {
            write(records.subList(start, start + 40).toArray(SessionRecord[]::new));
        }
        LocalDate first = today.minusDays(200);
        for (boolean moveBetween : new boolean[] {false, true}) {
            // every other day's stream rows lost behind the listener's back, as a set-based load leaves days: the
            // rebuild of all the days (a third or more of the totals' days) builds them again from the raw rows
            jdbc.sql("DELETE FROM quality_stream WHERE tenant_id = :t AND MOD(TO_DAYS(day), 2) = 0")
                    .param("t", tenant.id())
                    .update();
            LocalDate moveAfter = first.plusDays(60);
            streams.rebuildDays(tenant.id(), first, today, day -> {
                if (moveBetween && day.equals(moveAfter)) {
                    // the catch-up builds the set-aside totals from the rows as they are; later days then keep them
                    assertThat(currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate)))
                            .isTrue();
                }
            });
            assertThat(jdbc.sql("SELECT report_date FROM quality_period_state WHERE tenant_id = :t")
                            .param("t", tenant.id())
                            .query(LocalDate.class)
                            .single())
                    .isEqualTo(reportDate);
            assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();
        }
    }

    @Test
    void chart_roles_see_the_figures_only_per_user_roles_the_worst_users_and_the_export_is_audited()
            throws java.io.IOException {
        writeUsers(user("ada"), user("bob"));
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double jitter = i % 4 == 0 ? 50.0 : 5.0; // a quarter poor
            records.add(session(
                    "s-" + i,
                    today.minusDays(2),
                    "10:00:00",
                    null,
                    List.of(Modality.AUDIO),
                    report(
                            List.of(),
                            List.of(),
                            List.of(audio(Side.FROM, jitter, 0.0, 10.0, 0.1, 0.0)),
                            List.of(),
                            List.of())));
        }
        write(records.toArray(SessionRecord[]::new));
        QualityFilter filter = QualityFilter.lastDays(today.minusDays(1), 7);

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThat(service.report(filter).totals().get(Modality.AUDIO).poor()).isEqualTo(10);
        assertThatThrownBy(() -> service.worstUsers(filter, 10)).isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.BILLING_ADMIN);
        assertThatThrownBy(() -> service.report(filter)).isInstanceOf(AccessDeniedException.class);

        testTenants.signInAs(tenant, Role.GLOBAL_READER); // always concealed
        var worst = service.worstUsers(filter, 10);
        assertThat(worst).hasSize(1);
        assertThat(worst.get(0).name()).matches("[0-9a-f]{32}");
        assertThat(worst.get(0).poorPercent()).isEqualTo(25.0);

        testTenants.signInAs(tenant, Role.REPORTS_READER);
        var out = new ByteArrayOutputStream();
        long rows = service.export(filter, ExportFormat.CSV, out, n -> {});
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(rows).isPositive();
        assertThat(csv).contains("Part,Value,Modality,Streams,Good,Poor,Unclassified,Poor %,Detail");
        assertThat(csv).contains("Poor due to,Jitter > 30 ms,Audio,40,30,10,0,25.00,10 poor streams tripped this rule");
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND detail LIKE '%call quality figures%'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void every_linked_figure_counts_exactly_the_streams_of_the_sessions_its_drill_through_shows() {
        Random random = new Random(2323);
        writeUsers(user("u0"), user("u1"), user("u2"));
        List<SessionRecord> records = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            records.add(randomSession("d-" + i, random));
        }
        write(records.toArray(SessionRecord[]::new));
        for (int i = 0; i < records.size(); i += 5) {
            write(randomSession("d-" + i, random)); // re-sends that may turn a verdict
        }
        List<Expected> expected = expectedStreams();
        testTenants.signInAs(tenant, Role.REPORTS_READER);
        LocalDate last = today.minusDays(1);
        List<QualityFilter> filters = List.of(
                QualityFilter.lastDays(last, 180),
                QualityFilter.lastDays(last, 30).withModality(Modality.AUDIO),
                new QualityFilter(last.minusDays(89), last, Modality.VIDEO, Map.of(QualitySplit.CONNECTION, "2")),
                new QualityFilter(last.minusDays(179), last, null, Map.of(QualitySplit.CONFERENCE, "1")));
        int checked = 0;
        for (QualityFilter filter : filters) {
            QualityReport report = service.report(filter);
            List<Expected> inFilter = expected.stream().filter(matching(filter)).toList();
            DrillThroughLink all = DrillThroughLink.of(filter);
            checked += assertDrillThrough(all, report.total().streams(), inFilter);
            checked += assertDrillThrough(
                    all.copy().verdict(QualityVerdict.POOR),
                    report.total().poor(),
                    inFilter.stream().filter(e -> e.verdict() == 3).toList());
            checked += assertDrillThrough(
                    all.copy().verdict(QualityVerdict.UNCLASSIFIED),
                    report.total().unclassified(),
                    inFilter.stream().filter(e -> e.verdict() == 2).toList());
            for (var total : report.totals().entrySet()) {
                for (QualityMetric metric : QualityMetric.of(total.getKey())) {
                    checked += assertDrillThrough(
                            all.copy().rule(metric).verdict(QualityVerdict.POOR),
                            total.getValue().rule(metric.slot()),
                            inFilter.stream()
                                    .filter(e -> e.modality() == metric.modality()
                                            && (e.rules() & (1 << (metric.slot() - 1))) != 0)
                                    .toList());
                }
            }
            for (var split : report.splits().entrySet()) {
                for (var row : split.getValue()) {
                    List<Expected> behind = inFilter.stream()
                            .filter(e -> value(split.getKey(), e).equals(row.value()))
                            .toList();
                    checked += assertDrillThrough(
                            all.copy().split(split.getKey(), row.value()),
                            row.total().streams(),
                            behind);
                    checked += assertDrillThrough(
                            all.copy().split(split.getKey(), row.value()).verdict(QualityVerdict.POOR),
                            row.total().poor(),
                            behind.stream().filter(e -> e.verdict() == 3).toList());
                }
            }
            for (var day : report.filter().monthly()
                    ? List.<LocalDate>of()
                    : report.trend().keySet()) {
                long streams = report.trend().get(day).values().stream()
                        .mapToLong(QualityCounts::streams)
                        .sum();
                checked += assertDrillThrough(
                        all.withDays(day, day),
                        streams,
                        inFilter.stream().filter(e -> e.day().equals(day)).toList());
            }
            for (var month : report.scorecard()) {
                LocalDate first = month.month().atDay(1).isBefore(filter.from())
                        ? filter.from()
                        : month.month().atDay(1);
                LocalDate lastDay = month.month().atEndOfMonth().isAfter(filter.to())
                        ? filter.to()
                        : month.month().atEndOfMonth();
                checked += assertDrillThrough(
                        all.withDays(first, lastDay).modality(Modality.AUDIO).split(QualitySplit.INSIDE, "1"),
                        month.audioInside().streams(),
                        inFilter.stream()
                                .filter(e -> e.modality() == Modality.AUDIO
                                        && e.inside() == 1
                                        && YearMonth.from(e.day()).equals(month.month()))
                                .toList());
            }
            // the worst users count their own side's streams: so does the drill-through to a user
            for (var user : service.worstUsers(filter, 10)) {
                var search = search(all.copy().user(user.name()).verdict(QualityVerdict.POOR));
                assertThat(sessionDetails.countStreams(search)).isEqualTo(user.poor());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
        // sessions found from their Poor or Unclassified streams, sorted by start time, are read a few days at a time
        // (newest first, or oldest when ascending): pages of three add up to the whole list, in either order
        DrillThroughLink year = DrillThroughLink.of(QualityFilter.lastDays(last, 180));
        for (var link :
                List.of(year.copy().verdict(QualityVerdict.POOR), year.copy().verdict(QualityVerdict.UNCLASSIFIED))) {
            for (boolean ascending : new boolean[] {false, true}) {
                var sorted = search(link).sortedBy(org.commsportal.sessiondetails.SessionColumn.START_TIME, ascending);
                List<Long> whole = sessionDetails.sessions(sorted, List.of(), 0, 1000).stream()
                        .map(org.commsportal.sessiondetails.SessionRow::id)
                        .toList();
                assertThat(whole).hasSizeGreaterThan(6);
                List<Long> paged = new ArrayList<>();
                for (int offset = 0; offset <= whole.size(); offset += 3) {
                    sessionDetails.sessions(sorted, List.of(), offset, 3).forEach(row -> paged.add(row.id()));
                }
                assertThat(paged).as("%s ascending %s", link, ascending).isEqualTo(whole);
                List<Instant> starts = sessionDetails.sessions(sorted, List.of(), 0, 1000).stream()
                        .map(org.commsportal.sessiondetails.SessionRow::startTime)
                        .toList();
                assertThat(starts)
                        .isSortedAccordingTo(
                                ascending ? java.util.Comparator.naturalOrder() : java.util.Comparator.reverseOrder());
            }
        }
    }

    @Test
    void the_worst_users_of_a_range_can_be_grouped_from_the_day_index_alone() {
        // the shape of QualityDayRepository.worstUsers' grouping with a modality filter: every column it reads is in
        // ix_quality_stream_day (changeset 045), so no stream's row need be read (which index the optimizer takes
        // depends on the table's size: here it is named)
        List<String> plan = jdbc.sql("""
                        EXPLAIN SELECT q.user_id, SUM(q.verdict = 1), SUM(q.verdict = 3), SUM(q.verdict = 2)
                        FROM quality_stream q FORCE INDEX (ix_quality_stream_day)
                        WHERE tenant_id = :t AND day BETWEEN :from AND :to AND modality = 1 AND q.user_id IS NOT NULL
                        GROUP BY q.user_id
                        """)
                .param("t", tenant.id())
                .param("from", today.minusDays(30))
                .param("to", today)
                .query((rs, n) -> rs.getString("key") + " " + rs.getString("Extra"))
                .list();
        assertThat(plan)
                .as("EXPLAIN: %s", plan)
                .singleElement()
                .satisfies(line ->
                        assertThat(line).startsWith("ix_quality_stream_day ").contains("Using index"));
    }

    @Test
    void the_pruned_worst_users_of_days_equal_a_ranking_of_the_users_day_rows_computed_apart() {
        // users' day rows written straight into the table, with enough streams that the candidates of the pruned
        // ranking must have Poor streams on a day (changeset 062) for the larger minimum samples
        Random random = new Random(31);
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            users.add(user("p" + i));
        }
        writeUsers(users.toArray(UserRecord[]::new));
        List<Long> ids = jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t ORDER BY id")
                .param("t", tenant.id())
                .query(Long.class)
                .list();
        assertThat(ids).hasSize(60);
        record Row(LocalDate day, long userId, int good, int poor, int unclassified) {}
        List<Row> rows = new ArrayList<>();
        for (int back = 0; back < 3; back++) {
            for (long id : ids) {
                if (random.nextInt(5) > 0) {
                    rows.add(new Row(
                            today.minusDays(back),
                            id,
                            random.nextInt(25),
                            random.nextInt(4) == 0 ? 0 : random.nextInt(9),
                            random.nextInt(3)));
                }
            }
        }
        // shares that tie only once rounded half up to four decimals, each pair's lower exact share on the lower id
        // (written first): 0.49995 and 0.5 both rank as 0.5000, 0.45005 and 0.4501 both as 0.4501
        int[][] tiedOnceRounded = {
            {5000, 5000, 5001, 4999}, {15, 15, 15, 15}, {5500, 4500, 5499, 4501}, {2750, 2250, 2749, 2251}
        };
        for (int i = 0; i < tiedOnceRounded.length; i++) {
            writeUsers(user("tie" + i));
            long id = jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND alias = :alias")
                    .param("t", tenant.id())
                    .param("alias", "tie" + i)
                    .query(Long.class)
                    .single();
            int[] counts = tiedOnceRounded[i]; // good and poor today, then yesterday
            rows.add(new Row(today, id, counts[0], counts[1], 0));
            rows.add(new Row(today.minusDays(1), id, counts[2], counts[3], 1));
        }
        // the same rows as Wi-Fi's user-pair-day rows (changeset 063, pair code 14), beside rows the Wi-Fi ranking must
        // leave out: wired streams' (pair 13) and Wi-Fi audio's (modality 5), each with other counts
        for (Row row : rows) {
            jdbc.sql("""
                            INSERT INTO quality_user_day (tenant_id, modality, day, user_id, good, poor, unclassified)
                            VALUES (:t, 0, :day, :user, :good, :poor, :unclassified)
                            """)
                    .param("t", tenant.id())
                    .param("day", row.day())
                    .param("user", row.userId())
                    .param("good", row.good())
                    .param("poor", row.poor())
                    .param("unclassified", row.unclassified())
                    .update();
            for (int[] pairAndModality : new int[][] {{14, 0}, {13, 0}, {14, 5}}) {
                boolean wifi = pairAndModality[0] == 14 && pairAndModality[1] == 0;
                jdbc.sql("""
                                INSERT INTO quality_user_pair_day
                                    (tenant_id, pair, modality, day, user_id, good, poor, unclassified)
                                VALUES (:t, :pair, :modality, :day, :user, :good, :poor, :unclassified)
                                """)
                        .param("t", tenant.id())
                        .param("pair", pairAndModality[0])
                        .param("modality", pairAndModality[1])
                        .param("day", row.day())
                        .param("user", row.userId())
                        .param("good", wifi ? row.good() : random.nextInt(25))
                        .param("poor", wifi ? row.poor() : random.nextInt(9))
                        .param("unclassified", row.unclassified())
                        .update();
            }
        }
        Map<Long, List<String>> names = jdbc
                .sql("SELECT id, upn, pseudonym FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, n) -> Map.entry(rs.getLong("id"), List.of(rs.getString("upn"), rs.getString("pseudonym"))))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        int byShare = 0;
        int byPoor = 0;
        for (int ranges = 0; ranges < 4; ranges++) {
            int days = 2 + ranges % 2;
            QualityFilter filter = new QualityFilter(
                    today.minusDays(days - 1),
                    today,
                    null,
                    ranges < 2 ? Map.of() : Map.of(QualitySplit.CONNECTION, "2"));
            // the ranking the page shows, worked out here from the rows written: sums per user, Poor share rounded
            // half up to four decimals as MariaDB divides, highest first, then by user id
            Map<Long, long[]> sums = new TreeMap<>();
            for (Row row : rows) {
                if (!row.day().isBefore(filter.from())) {
                    long[] sum = sums.computeIfAbsent(row.userId(), id -> new long[3]);
                    sum[0] += row.good();
                    sum[1] += row.poor();
                    sum[2] += row.unclassified();
                }
            }
            for (long minClassified : new long[] {1, 3, 12, 30, 45}) {
                for (int limit : new int[] {1, 3, 10}) {
                    List<QualityDayRepository.UserSum> expected = sums.entrySet().stream()
                            .filter(e -> e.getValue()[0] + e.getValue()[1] >= minClassified && e.getValue()[1] > 0)
                            .sorted(java.util.Comparator.comparing(
                                            (Map.Entry<Long, long[]> e) -> java.math.BigDecimal.valueOf(e.getValue()[1])
                                                    .divide(
                                                            java.math.BigDecimal.valueOf(
                                                                    e.getValue()[0] + e.getValue()[1]),
                                                            4,
                                                            java.math.RoundingMode.HALF_UP))
                                    .reversed()
                                    .thenComparing(Map.Entry::getKey))
                            .limit(limit)
                            .map(e -> new QualityDayRepository.UserSum(
                                    e.getKey(),
                                    names.get(e.getKey()).get(0),
                                    names.get(e.getKey()).get(1),
                                    e.getValue()[0],
                                    e.getValue()[1],
                                    e.getValue()[2]))
                            .toList();
                    String what = "%d days%s, at least %d, first %d"
                            .formatted(days, filter.splits().isEmpty() ? "" : " of Wi-Fi", minClassified, limit);
                    assertThat(dayRows.worstUsersOfUserDays(tenant.id(), filter, minClassified, limit))
                            .as("worst users of %s", what)
                            .isEqualTo(expected);
                    for (int seedsPerDay : new int[] {1, 2, limit, 20}) {
                        var pruned =
                                dayRows.worstUsersOfDaysPruned(tenant.id(), filter, minClassified, limit, seedsPerDay);
                        if (pruned != null) {
                            if (pruned.poorOnOneDay() <= 1) {
                                byShare++;
                            } else {
                                byPoor++;
                            }
                            assertThat(pruned.users())
                                    .as("worst users of %s from %d seeds a day", what, seedsPerDay)
                                    .isEqualTo(expected);
                        }
                    }
                    // the users who can reach the sample (changeset 064: the pair-day rows only)
                    var sampled = dayRows.worstUsersBoundedBySample(tenant.id(), filter, minClassified, limit);
                    if (filter.splits().isEmpty()) {
                        assertThat(sampled)
                                .as("worst users of %s: no index of the classified streams", what)
                                .isNull();
                    } else {
                        assertThat(sampled)
                                .as("worst users of %s from the users who can reach the sample", what)
                                .isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(byShare).as("answers whose candidates only the share bounds").isPositive();
        assertThat(byPoor)
                .as("answers whose candidates need Poor streams on a day")
                .isPositive();
    }

    @Test
    void drill_through_parameters_are_checked_and_a_concealed_viewer_cannot_filter_by_a_real_name() {
        writeUsers(user("ada"), user("bob"));
        SessionRecord plain = session(
                "plain",
                today.minusDays(2),
                "10:00:00",
                null,
                List.of(Modality.AUDIO),
                report(
                        List.of(),
                        List.of(),
                        List.of(audio(Side.FROM, 5.0, 0.0, 10.0, 0.1, 0.0)),
                        List.of(),
                        List.of()));
        SessionRecord busy = withCodes(
                session(
                        "busy",
                        today.minusDays(2),
                        "11:00:00",
                        null,
                        List.of(Modality.AUDIO),
                        report(List.of(), List.of(), List.of(), List.of(), List.of())),
                486,
                7025);
        write(plain, busy);
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        LocalDate day = today.minusDays(2);

        assertThat(parse("from=" + day + "&to=" + day.minusDays(1)).errors())
                .containsExactly("to (" + day.minusDays(1) + ") is before from (" + day + ").");
        assertThat(parse("from=2026-13-01").errors())
                .containsExactly("from must be a date as yyyy-MM-dd, not '2026-13-01'.");
        assertThat(parse("to=" + day).errors()).containsExactly("from is required: the first day, as yyyy-MM-dd.");
        assertThat(parse("from=" + day + "&modality=im").errors())
                .containsExactly("modality must be audio, video or application-sharing, not 'im'.");
        assertThat(parse("from=" + day + "&modality=video&rule=AUDIO_JITTER").errors())
                .containsExactly("rule AUDIO_JITTER is a rule of Audio, not of Video.");
        assertThat(parse("from=" + day + "&verdict=bad").errors())
                .containsExactly("verdict must be poor, good or unclassified, not 'bad'.");
        assertThat(parse("from=" + day + "&connection=fibre").errors())
                .containsExactly("connection must be one of [wired, wi-fi, mobile, unknown], not 'fibre'.");
        assertThat(parse("from=" + day + "&responseCode=4x").errors())
                .containsExactly("responseCode must be a whole number, not '4x'.");
        assertThat(parse("from=" + day + "&zone=Mars/Olympus").errors())
                .containsExactly("zone 'Mars/Olympus' is not a time zone id such as UTC or Europe/Berlin.");
        assertThat(parse("from=" + day + "&colour=red").errors()).containsExactly("Unknown parameter 'colour'.");

        var failed = search(DrillThroughLink.days(day, day, "UTC").responseCode(486));
        assertThat(sessionDetails.countSessions(failed, List.of())).isEqualTo(1);
        assertThat(sessionDetails.sessions(failed, List.of(), 0, 10).get(0).dialogId())
                .isEqualTo("busy");
        assertThat(sessionDetails.countSessions(
                        search(DrillThroughLink.days(day, day, "UTC").diagnosticId(7025)), List.of()))
                .isEqualTo(1);
        assertThat(sessionDetails.countSessions(search(DrillThroughLink.days(day, day, "UTC")), List.of()))
                .isEqualTo(2);
        // the range's days are in the zone: 10:00 and 11:00 UTC are the next day at UTC+14
        assertThat(sessionDetails.countSessions(
                        search(DrillThroughLink.days(day, day, "Pacific/Kiritimati")), List.of()))
                .isZero();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM audit_event WHERE tenant_id = :t AND detail LIKE '%session details of every user%'")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(4);

        String upn = "ada@" + tenant.name();
        // names concealed (the tenant's default): a real name in a link neither reveals nor filters anything
        testTenants.signInAs(tenant, Role.GLOBAL_READER);
        assertThatThrownBy(() -> search(DrillThroughLink.days(day, day, "UTC").user(upn)))
                .isInstanceOf(org.commsportal.sessiondetails.InvalidSearchException.class)
                .hasMessageStartingWith("No user with this pseudonym");
        String pseudonym = jdbc.sql("SELECT pseudonym FROM licensed_user WHERE tenant_id = :t AND upn = :u")
                .param("t", tenant.id())
                .param("u", upn)
                .query(String.class)
                .single();
        var ada = search(DrillThroughLink.days(day, day, "UTC").user(pseudonym));
        assertThat(ada.userLabel()).isEqualTo(pseudonym);
        assertThat(sessionDetails.countSessions(ada, List.of())).isEqualTo(2);
        assertThat(sessionDetails.sessions(ada, List.of(), 0, 10))
                .allSatisfy(row -> assertThat(row.fromUri()).doesNotContain(upn));

        testTenants.signInAs(tenant, Role.USAGE_SUMMARY_READER);
        assertThatThrownBy(() -> search(DrillThroughLink.days(day, day, "UTC")))
                .isInstanceOf(AccessDeniedException.class);
    }

    private static org.commsportal.sessiondetails.DrillThrough.Parsed parse(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters.computeIfAbsent(nameValue[0], n -> new ArrayList<>()).add(nameValue[1]);
        }
        return org.commsportal.sessiondetails.DrillThrough.parse(parameters, ZoneOffset.UTC);
    }

    /** The search the session details page runs for the link, from the link's text as the browser sends it. */
    private org.commsportal.sessiondetails.SessionSearch search(DrillThroughLink link) {
        String query = link.toString().substring(link.toString().indexOf('?') + 1);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            parameters
                    .computeIfAbsent(nameValue[0], n -> new ArrayList<>())
                    .add(java.net.URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        var parsed = org.commsportal.sessiondetails.DrillThrough.parse(parameters, ZoneOffset.UTC);
        assertThat(parsed.errors()).as(link.toString()).isEmpty();
        return sessionDetails.search(parsed.search());
    }

    /** The figure equals the streams behind the link, and the link shows exactly the sessions of those streams. */
    private int assertDrillThrough(DrillThroughLink link, long figure, List<Expected> behind) {
        assertThat(figure).as(link.toString()).isEqualTo(behind.size());
        var search = search(link);
        assertThat(sessionDetails.countStreams(search)).as(link.toString()).isEqualTo(figure);
        var sessions = behind.stream().map(Expected::dialogId).collect(java.util.stream.Collectors.toSet());
        long count = sessionDetails.countSessions(search, List.of());
        var page = sessionDetails.sessions(search, List.of(), 0, 1000);
        assertThat(page)
                .as(link.toString())
                .extracting(org.commsportal.sessiondetails.SessionRow::dialogId)
                .containsExactlyInAnyOrderElementsOf(sessions);
        assertThat(count).isEqualTo(sessions.size());
        return 1;
    }

    private static SessionRecord withCodes(SessionRecord s, int responseCode, Integer diagnosticId) {
        return new SessionRecord(
                s.dialogId(),
                s.startTime(),
                s.endTime(),
                s.fromUri(),
                s.toUri(),
                s.fromClientVersion(),
                s.toClientVersion(),
                s.conferenceUrl(),
                s.confInstance(),
                null,
                null,
                null,
                null,
                null,
                null,
                responseCode,
                diagnosticId,
                s.media(),
                0,
                s.quality());
    }

    // ---- the recomputation ----

    /** A stream as this test expects it: its day, modality, verdict, rules, split values and buckets. */
    private record Expected(
            String dialogId,
            LocalDate day,
            Modality modality,
            @Nullable Side side,
            int verdict,
            int rules,
            boolean conference,
            int connection,
            int inside,
            int vpn,
            String subnet,
            String client,
            @Nullable Integer[] buckets) {

        String row() {
            return String.join(
                    "|",
                    dialogId,
                    day.toString(),
                    String.valueOf(modality.id()),
                    String.valueOf(side),
                    String.valueOf(verdict),
                    String.valueOf(rules),
                    String.valueOf(conference ? 1 : 0),
                    String.valueOf(connection),
                    String.valueOf(inside),
                    String.valueOf(vpn),
                    subnet,
                    client,
                    java.util.Arrays.toString(buckets));
        }
    }

    private List<Expected> expectedStreams() {
        List<Expected> streams = new ArrayList<>();
        for (SessionRecord s : sent.values()) {
            LocalDate day = LocalDate.ofInstant(s.startTime(), ZoneOffset.UTC);
            if (keptFrom != null && day.isBefore(keptFrom)) {
                continue;
            }
            Quality.Report q = s.quality();
            for (Modality modality : QualityMetric.MODALITIES) {
                List<? extends Record> records = switch (modality) {
                    case AUDIO -> q.audioStreams();
                    case VIDEO -> q.videoStreams();
                    default -> q.appSharingStreams();
                };
                if (records.isEmpty()) {
                    if ((s.mediaMask() & modality.bit()) != 0) {
                        streams.add(new Expected(
                                s.dialogId(),
                                day,
                                modality,
                                null,
                                2,
                                0,
                                s.isConference(),
                                0,
                                2,
                                2,
                                "",
                                "",
                                new Integer[5]));
                    }
                    continue;
                }
                for (Record record : records) {
                    Side side = side(record);
                    Quality.MediaLine line = q.mediaLines().stream()
                            .filter(l -> l.side() == side && l.mediaType() == modality)
                            .findFirst()
                            .orElse(null);
                    boolean iceFailed = q.mediaLines().stream()
                            .anyMatch(l -> l.side() == side
                                    && l.mediaType() == modality
                                    && "failed".equalsIgnoreCase(l.iceResult()));
                    Double[] values = values(record);
                    int rules = 0;
                    boolean reported = false;
                    for (QualityMetric metric : QualityMetric.of(modality)) {
                        Double v = values[metric.slot() - 1];
                        reported |= v != null;
                    }
                    rules = rules(modality, values);
                    int verdict = iceFailed || !reported ? 2 : rules > 0 ? 3 : 1;
                    Integer[] buckets = new Integer[5];
                    for (QualityMetric metric : QualityMetric.of(modality)) {
                        Double v = values[metric.slot() - 1];
                        buckets[metric.slot() - 1] = v == null ? null : bucket(metric, v);
                    }
                    String agent = q.sessions().stream()
                            .filter(i -> i.side() == side
                                    && i.userAgent() != null
                                    && !i.userAgent().isEmpty())
                            .map(Quality.SessionInfo::userAgent)
                            .findFirst()
                            .orElse(side == Side.FROM ? s.fromClientVersion() : s.toClientVersion());
                    streams.add(new Expected(
                            s.dialogId(),
                            day,
                            modality,
                            side,
                            verdict,
                            verdict == 2 ? 0 : rules,
                            s.isConference(),
                            line == null || line.connectionType() == null
                                    ? 0
                                    : switch (line.connectionType()) {
                                        case "wired" -> 1;
                                        case "wifi" -> 2;
                                        case "mobile" -> 3;
                                        default -> 0;
                                    },
                            line == null || line.insideCorp() == null ? 2 : line.insideCorp() ? 1 : 0,
                            line == null || line.vpn() == null ? 2 : line.vpn() ? 1 : 0,
                            line == null || line.subnet() == null ? "" : line.subnet(),
                            agent == null ? "" : agent,
                            buckets));
                }
            }
        }
        return streams;
    }

    /** SPEC section 1, restated: audio and sharing poor if any rule holds; video by the first reported metric. */
    private static int rules(Modality modality, Double[] v) {
        return switch (modality) {
            case AUDIO ->
                bit(v[0] != null && v[0] > 1.0, 0)
                        | bit(v[1] != null && v[1] > 500, 1)
                        | bit(v[2] != null && v[2] > 0.1, 2)
                        | bit(v[3] != null && v[3] > 30, 3)
                        | bit(v[4] != null && v[4] > 0.07, 4);
            case VIDEO ->
                v[0] != null
                        ? bit(v[0] > 50, 0)
                        : v[1] != null ? bit(v[1] < 7, 1) : bit(v[2] != null && v[2] > 0.15, 2);
            default ->
                bit(v[0] != null && v[0] > 36, 0)
                        | bit(v[1] != null && v[1] > 400, 1)
                        | bit(v[2] != null && v[2] > 1.75, 2);
        };
    }

    private static int bit(boolean set, int index) {
        return set ? 1 << index : 0;
    }

    /** The bucket from the edges: how many edges the value is above. */
    private static int bucket(QualityMetric metric, double value) {
        int bucket = 0;
        for (int i = 0; i < QualityMetric.BUCKETS - 1; i++) {
            bucket += value > metric.edge(i) ? 1 : 0;
        }
        return bucket;
    }

    private static Side side(Record record) {
        if (record instanceof Quality.AudioStream a) {
            return a.side();
        }
        if (record instanceof Quality.VideoStream v) {
            return v.side();
        }
        return ((Quality.AppSharingStream) record).side();
    }

    private static Double[] values(Record record) {
        if (record instanceof Quality.AudioStream a) {
            return new Double[] {
                a.degradationAvg(), a.roundTripAvgMs(), a.packetLossRateAvg(), a.jitterAvgMs(), a.concealedRatioAvg()
            };
        }
        if (record instanceof Quality.VideoStream v) {
            return new Double[] {v.localFrameLossPercent(), v.frameRateInAvg(), v.postFecPacketLoss(), null, null};
        }
        var a = (Quality.AppSharingStream) record;
        return new Double[] {
            a.spoiledTilePercent(), a.rdpTileProcessingLatencyAvgMs(), a.relativeOneWayAvgS(), null, null
        };
    }

    private List<String> storedRules(String dialogId) {
        return jdbc.sql("""
                        SELECT CONCAT(q.verdict, ':', q.rules) FROM quality_stream q
                        JOIN session_dialog d ON d.tenant_id = q.tenant_id AND d.session_id = q.session_id
                        WHERE q.tenant_id = :t AND d.dialog_id = :d
                        """)
                .param("t", tenant.id())
                .param("d", dialogId)
                .query(String.class)
                .list();
    }

    private void assertEqualsRecomputation() {
        List<Expected> expected = expectedStreams();
        assertThat(expected).isNotEmpty();
        List<String> stored = jdbc.sql("""
                        SELECT d.dialog_id, q.day, q.modality, q.side, q.verdict, q.rules, q.conference, q.connection,
                               q.inside, q.vpn, q.subnet, q.client, q.m1, q.m2, q.m3, q.m4, q.m5
                        FROM quality_stream q JOIN session_dialog d ON d.tenant_id = q.tenant_id
                          AND d.session_id = q.session_id
                        WHERE q.tenant_id = :t
                        """)
                .param("t", tenant.id())
                .query((rs, row) -> String.join(
                        "|",
                        rs.getString("dialog_id"),
                        rs.getString("day"),
                        rs.getString("modality"),
                        String.valueOf(rs.getString("side")),
                        rs.getString("verdict"),
                        rs.getString("rules"),
                        rs.getString("conference"),
                        rs.getString("connection"),
                        rs.getString("inside"),
                        rs.getString("vpn"),
                        rs.getString("subnet"),
                        rs.getString("client"),
                        java.util.Arrays.toString(new Integer[] {
                            (Integer) rs.getObject("m1", Integer.class),
                            rs.getObject("m2", Integer.class),
                            rs.getObject("m3", Integer.class),
                            rs.getObject("m4", Integer.class),
                            rs.getObject("m5", Integer.class)
                        })))
                .list();
        assertThat(stored)
                .containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(Expected::row).toList());
        assertThat(readModelCheck.differences(tenant.id(), 20)).isEmpty();

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        LocalDate last = today;
        List<QualityFilter> filters = new ArrayList<>(List.of(
                new QualityFilter(last.minusDays(6), last, null, Map.of()),
                new QualityFilter(last.minusDays(364), last, null, Map.of()),
                new QualityFilter(last.minusDays(6), last, Modality.AUDIO, Map.of()),
                new QualityFilter(last.minusDays(29), last, null, Map.of(QualitySplit.INSIDE, "0")),
                new QualityFilter(last.minusDays(29), last, Modality.VIDEO, Map.of(QualitySplit.CONFERENCE, "1")),
                new QualityFilter(last.minusDays(29), last, null, Map.of(QualitySplit.CONNECTION, "2")),
                new QualityFilter(last.minusDays(29), last, null, Map.of(QualitySplit.SUBNET, "10.9.9.0")),
                new QualityFilter(last.minusDays(29), last, null, Map.of(QualitySplit.CLIENT, "Lync 2013 15.0.x")),
                new QualityFilter(last.minusDays(29), last, null, Map.of(QualitySplit.CLIENT, "Other")),
                new QualityFilter(last.minusDays(29), last, null, Map.of(QualitySplit.VPN, "1")),
                // two splits fixed: the filter-day rows with the subnet (changeset 047), and the day rows for both
                // many-valued splits
                new QualityFilter(
                        last.minusDays(29),
                        last,
                        null,
                        Map.of(QualitySplit.SUBNET, "10.9.9.0", QualitySplit.CONNECTION, "2")),
                new QualityFilter(
                        last.minusDays(29),
                        last,
                        Modality.AUDIO,
                        Map.of(QualitySplit.INSIDE, "1", QualitySplit.VPN, "0")),
                new QualityFilter(
                        last.minusDays(29),
                        last,
                        null,
                        Map.of(QualitySplit.SUBNET, "10.9.9.0", QualitySplit.CLIENT, "Lync 2013 15.0.x"))));
        for (QualityFilter filter : filters) {
            assertReport(filter, expected.stream().filter(matching(filter)).toList());
        }
        // a report period ending on the report date, when the period totals (changeset 046) end there: the page's
        // figures equal the records sent, and the worst users those grouped from the stream rows (which equal the
        // records sent, above)
        LocalDate reportDate = service.reportDate();
        if (reportDate.equals(jdbc.sql("SELECT MAX(report_date) FROM quality_period_state WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(LocalDate.class)
                .optional()
                .orElse(null))) {
            // the report periods and 365 days, the preset "Last 12 months" (changeset 051)
            for (int days : List.of(7, 30, 90, 180, 365)) {
                for (Modality modality : java.util.Arrays.asList(null, Modality.AUDIO, Modality.VIDEO)) {
                    QualityFilter filter =
                            QualityFilter.lastDays(reportDate, days).withModality(modality);
                    // every figure of the page, its splits from the split period totals, equals the records sent
                    assertReport(
                            filter, expected.stream().filter(matching(filter)).toList());
                    var fromTotals = periodTotals.worstUsers(tenant.id(), filter, 1, 10);
                    assertThat(fromTotals)
                            .as("worst users of %s from the totals", filter)
                            .isNotNull();
                    assertThat(fromTotals)
                            .as("worst users of %s", filter)
                            .isEqualTo(dayRows.worstUsers(tenant.id(), filter, 1, 10));
                }
            }
            // one few-valued split value fixed: the subnet split and the worst users from the pair totals (changeset
            // 049)
            for (QualityFilter filter : List.of(
                    QualityFilter.lastDays(reportDate, 30).withSplit(QualitySplit.CONNECTION, "2"),
                    QualityFilter.lastDays(reportDate, 7)
                            .withSplit(QualitySplit.INSIDE, "0")
                            .withModality(Modality.AUDIO),
                    QualityFilter.lastDays(reportDate, 180).withSplit(QualitySplit.CONFERENCE, "1"),
                    QualityFilter.lastDays(reportDate, 90).withSplit(QualitySplit.VPN, "1"),
                    QualityFilter.lastDays(reportDate, 365).withSplit(QualitySplit.CONNECTION, "1"))) {
                assertThat(periodTotals.subnetPairSums(tenant.id(), filter))
                        .as("subnet pair totals of %s", filter)
                        .isNotNull();
                assertReport(filter, expected.stream().filter(matching(filter)).toList());
                // and the worst users from the users' pair totals, as grouped from the stream rows
                var fromTotals = periodTotals.worstUsers(tenant.id(), filter, 1, 10);
                assertThat(fromTotals)
                        .as("worst users of %s from the pair totals", filter)
                        .isNotNull()
                        .isEqualTo(dayRows.worstUsers(tenant.id(), filter, 1, 10));
            }
            // a range that differs from a period only by days without streams (of any modality or split value):
            // that period's pair totals alone; else the stream rows grouped
            for (QualityFilter filter : List.of(
                    QualityFilter.lastDays(reportDate, 8).withSplit(QualitySplit.CONNECTION, "2"),
                    QualityFilter.lastDays(reportDate, 3).withSplit(QualitySplit.VPN, "1"),
                    new QualityFilter(
                            reportDate.minusDays(8),
                            reportDate.minusDays(1),
                            Modality.AUDIO,
                            Map.of(QualitySplit.INSIDE, "0")))) {
                var inRange = matching(new QualityFilter(filter.from(), filter.to(), null, Map.of()));
                List<Integer> periods = List.of(7, 30, 90, 180, 365);
                boolean isPeriod = filter.to().equals(reportDate)
                        && periods.contains((int) ChronoUnit.DAYS.between(filter.from(), reportDate) + 1);
                boolean periodAlone = isPeriod
                        || (expected.stream().anyMatch(inRange)
                                && periods.stream()
                                        .anyMatch(period -> expected.stream()
                                                .noneMatch(e -> matching(QualityFilter.lastDays(reportDate, period))
                                                                .test(e)
                                                        != inRange.test(e))));
                assertReport(filter, expected.stream().filter(matching(filter)).toList());
                var fromTotals = periodTotals.worstUsers(tenant.id(), filter, 1, 10);
                if (periodAlone) {
                    assertThat(periodTotals.subnetPairSums(tenant.id(), filter))
                            .as("subnet pair totals of %s", filter)
                            .isNotNull();
                    assertThat(fromTotals)
                            .as("worst users of %s from a period's pair totals", filter)
                            .isNotNull()
                            .isEqualTo(dayRows.worstUsers(tenant.id(), filter, 1, 10));
                } else {
                    assertThat(periodTotals.subnetPairSums(tenant.id(), filter)).isNull();
                    assertThat(fromTotals).isNull();
                }
            }
            // a custom range ending on the report date: the nearest period's totals with the days between added or
            // taken away
            for (int days : List.of(8, 29, 31, 45, 100, 181, 300)) {
                for (Modality modality : java.util.Arrays.asList(null, Modality.AUDIO)) {
                    QualityFilter filter =
                            QualityFilter.lastDays(reportDate, days).withModality(modality);
                    assertReport(
                            filter, expected.stream().filter(matching(filter)).toList());
                    assertWorstUsersFromTheTotalsAndTheDaysAround(filter, expected);
                }
            }
            // a range ending before the report date: the cheapest period's totals with the days before its start
            // added or taken away and the days after the range's end taken away
            for (QualityFilter filter : List.of(
                    new QualityFilter(reportDate.minusDays(9), reportDate.minusDays(1), null, Map.of()),
                    new QualityFilter(reportDate.minusDays(36), reportDate.minusDays(7), null, Map.of()),
                    new QualityFilter(reportDate.minusDays(25), reportDate.minusDays(5), Modality.AUDIO, Map.of()),
                    new QualityFilter(reportDate.minusDays(186), reportDate.minusDays(7), null, Map.of()),
                    new QualityFilter(reportDate.minusDays(200), reportDate.minusDays(30), Modality.VIDEO, Map.of()))) {
                assertReport(filter, expected.stream().filter(matching(filter)).toList());
                assertWorstUsersFromTheTotalsAndTheDaysAround(filter, expected);
            }
            assertThat(periodTotals.edge(tenant.id(), QualityFilter.lastDays(reportDate, 8)))
                    .as("8 days: the day before the 7-day period holds no stream, so only the period's totals are read")
                    .isEqualTo(new QualityPeriodTotals.Edge(7, List.of()));
            assertThat(periodTotals.worstUsers(
                            tenant.id(),
                            new QualityFilter(reportDate.minusDays(60), reportDate.minusDays(50), null, Map.of()),
                            1,
                            10))
                    .as("a short range far before the report date: fewer days grouped than read around a period")
                    .isNull();
        }
        // the users' day rows (changeset 061) answer a range no split or place narrows, their pair rows (changeset 063)
        // a range with one few-valued split value fixed: a single day from the ranking's index, a longer range grouped
        // per user; both as grouped from the stream rows (which equal the records sent)
        List<QualityFilter> ranges = new ArrayList<>();
        List<Map<QualitySplit, String>> fixedValues = List.of(
                Map.of(QualitySplit.CONNECTION, "2"),
                Map.of(QualitySplit.CONFERENCE, "0"),
                Map.of(QualitySplit.INSIDE, "1"),
                Map.of(QualitySplit.VPN, "2"));
        for (int back = 0; back < 12; back++) {
            LocalDate day = today.minusDays(back);
            Map<QualitySplit, String> fixed = fixedValues.get(back % fixedValues.size());
            ranges.add(new QualityFilter(day, day, null, Map.of()));
            ranges.add(new QualityFilter(day, day, Modality.AUDIO, Map.of()));
            ranges.add(new QualityFilter(
                    day.minusDays(1 + back % 3), day, back % 2 == 0 ? null : Modality.VIDEO, Map.of()));
            ranges.add(new QualityFilter(day, day, back % 2 == 0 ? null : Modality.AUDIO, fixed));
            ranges.add(
                    new QualityFilter(day.minusDays(1 + back % 3), day, back % 3 == 0 ? Modality.VIDEO : null, fixed));
        }
        ranges.add(new QualityFilter(today.minusDays(36), today.minusDays(7), null, Map.of()));
        ranges.add(new QualityFilter(today.minusDays(200), today, Modality.APPLICATION_SHARING, Map.of()));
        ranges.add(new QualityFilter(today.minusDays(6), today, null, Map.of(QualitySplit.INSIDE, "0")));
        ranges.add(new QualityFilter(today.minusDays(40), today, Modality.AUDIO, Map.of(QualitySplit.CONNECTION, "1")));
        ranges.add(new QualityFilter(
                today.minusDays(2), today, null, Map.of(QualitySplit.CONNECTION, "2", QualitySplit.VPN, "0")));
        ranges.add(new QualityFilter(today.minusDays(2), today, null, Map.of(QualitySplit.SUBNET, "10.0.0.0/24")));
        ranges.add(new QualityFilter(
                today.minusDays(1), today, null, Map.of(), new org.commsportal.common.Place("Europe", null, null)));
        ranges.add(new QualityFilter(
                today.minusDays(1),
                today,
                null,
                Map.of(QualitySplit.CONNECTION, "2"),
                new org.commsportal.common.Place("Europe", null, null)));
        int prunedAnswers = 0;
        int prunedPairAnswers = 0;
        int withinPeriodAnswers = 0;
        int boundedBySampleAnswers = 0;
        for (QualityFilter filter : ranges) {
            // the shortest report period holding the range: only the users its totals let qualify can rank
            @org.jspecify.annotations.Nullable Integer covering = periodTotals.coveringPeriod(tenant.id(), filter);
            for (long minClassified : new long[] {1, 3, 8}) {
                for (int limit : new int[] {1, 10}) {
                    var fromUserDays = dayRows.worstUsersOfUserDays(tenant.id(), filter, minClassified, limit);
                    boolean unfiltered =
                            filter.splits().isEmpty() && !filter.place().any();
                    if (unfiltered || filter.oneFewValuedSplit() != null) {
                        var grouped = dayRows.worstUsers(tenant.id(), filter, minClassified, limit);
                        assertThat(fromUserDays)
                                .as(
                                        "worst users of %s (at least %d, first %d) from the users' day rows",
                                        filter, minClassified, limit)
                                .isNotNull()
                                .isEqualTo(grouped);
                        // the candidates of a range's pruned ranking, whatever the seeds: exact, or no answer
                        for (int seedsPerDay : new int[] {1, 2, limit}) {
                            var pruned = dayRows.worstUsersOfDaysPruned(
                                    tenant.id(), filter, minClassified, limit, seedsPerDay);
                            if (pruned != null) {
                                if (unfiltered) {
                                    prunedAnswers++;
                                } else {
                                    prunedPairAnswers++;
                                }
                                assertThat(pruned.users())
                                        .as(
                                                "worst users of %s (at least %d, first %d) from %d seeds a day",
                                                filter, minClassified, limit, seedsPerDay)
                                        .isEqualTo(grouped);
                            }
                        }
                        // the users whose days of k or more streams, with k - 1 on each other day, can reach the
                        // sample: exact, or no answer (reading at most 5 or 50 entries: the sample's d-th, or none)
                        for (int mostEntries : new int[] {5, 50, QualityDayRepository.MOST_SAMPLE_ENTRIES}) {
                            var bounded = dayRows.worstUsersBoundedBySample(
                                    tenant.id(), filter, minClassified, limit, mostEntries);
                            if (bounded != null) {
                                boundedBySampleAnswers++;
                                assertThat(bounded)
                                        .as(
                                                "worst users of %s (at least %d, first %d) of the users who can reach"
                                                        + " the sample, at most %d entries read",
                                                filter, minClassified, limit, mostEntries)
                                        .isEqualTo(grouped);
                            }
                        }
                        var within = covering == null
                                ? null
                                : dayRows.worstUsersWithinPeriod(tenant.id(), filter, minClassified, limit, covering);
                        if (within != null) {
                            withinPeriodAnswers++;
                            assertThat(within)
                                    .as(
                                            "worst users of %s (at least %d, first %d) of the users the %d-day"
                                                    + " totals let qualify",
                                            filter, minClassified, limit, covering)
                                    .isEqualTo(grouped);
                        }
                    } else {
                        assertThat(fromUserDays)
                                .as("a place, two splits or a many-valued split fixed: grouped from the stream rows")
                                .isNull();
                    }
                }
            }
        }
        assertThat(prunedAnswers).as("the pruned ranking answered some ranges").isPositive();
        assertThat(prunedPairAnswers)
                .as("the pruned ranking answered some ranges with a value fixed")
                .isPositive();
        assertThat(boundedBySampleAnswers)
                .as("the users who can reach the sample answered some ranges with a value fixed")
                .isPositive();
        if (periodTotals.coveringPeriod(tenant.id(), new QualityFilter(today.minusDays(1), today, null, Map.of()))
                != null) {
            assertThat(withinPeriodAnswers)
                    .as("the users a period's totals let qualify answered some ranges")
                    .isPositive();
        }
    }

    /**
     * A range with no split fixed that holds streams (of any modality) and ends on or before the report date is answered
     * from a period's totals and the days around it that hold streams (none when the period alone is the range's
     * streams), equal to the worst users grouped from the range's rows; a range holding no stream is grouped (it reads
     * nothing).
     */
    private void assertWorstUsersFromTheTotalsAndTheDaysAround(QualityFilter filter, List<Expected> expected) {
        boolean holdsStreams = expected.stream().anyMatch(matching(filter.withModality(null)));
        var fromTotals = periodTotals.worstUsers(tenant.id(), filter, 1, 10);
        var grouped = dayRows.worstUsers(tenant.id(), filter, 1, 10);
        if (!holdsStreams) {
            assertThat(fromTotals)
                    .as("worst users of %s, which holds no stream", filter)
                    .isNull();
            assertThat(grouped).isEmpty();
            return;
        }
        assertThat(fromTotals)
                .as("worst users of %s from the totals and the days around", filter)
                .isNotNull()
                .isEqualTo(grouped);
        QualityPeriodTotals.@Nullable Edge edge = periodTotals.edge(tenant.id(), filter);
        assertThat(edge).isNotNull();
        for (QualityPeriodTotals.DayRange days : edge.days()) {
            assertThat(expected)
                    .as("the days %s of the edge of %s hold streams", days, filter)
                    .anyMatch(e -> e.day().isAfter(days.after()) && !e.day().isAfter(days.upTo()));
        }
    }

    private static Predicate<Expected> matching(QualityFilter filter) {
        return e -> !e.day().isBefore(filter.from())
                && !e.day().isAfter(filter.to())
                && (filter.modality() == null || filter.modality() == e.modality())
                && filter.splits().entrySet().stream()
                        .allMatch(f -> value(f.getKey(), e).equals(f.getValue()));
    }

    private static String value(QualitySplit split, Expected e) {
        return switch (split) {
            case CONFERENCE -> e.conference() ? "1" : "0";
            case CONNECTION -> String.valueOf(e.connection());
            case INSIDE -> String.valueOf(e.inside());
            case VPN -> String.valueOf(e.vpn());
            case CLIENT -> CLIENT_GROUPS.get(e.client());
            case SUBNET -> e.subnet();
        };
    }

    private void assertReport(QualityFilter filter, List<Expected> streams) {
        QualityReport report = service.report(filter);
        Map<LocalDate, Map<Modality, QualityCounts>> trend = new TreeMap<>();
        Map<Modality, QualityCounts> totals = new EnumMap<>(Modality.class);
        Map<YearMonth, QualityCounts[]> months = new TreeMap<>();
        Map<QualitySplit, Map<String, Map<Modality, QualityCounts>>> splits = new EnumMap<>(QualitySplit.class);
        for (Expected e : streams) {
            QualityCounts one = counts(e);
            LocalDate point = filter.monthly() ? e.day().withDayOfMonth(1) : e.day();
            trend.computeIfAbsent(point, d -> new EnumMap<>(Modality.class))
                    .merge(e.modality(), one, QualityCounts::plus);
            totals.merge(e.modality(), one, QualityCounts::plus);
            if (e.modality() == Modality.AUDIO) {
                var month = months.computeIfAbsent(YearMonth.from(e.day()), m ->
                        new QualityCounts[] {QualityCounts.empty(), QualityCounts.empty()});
                month[0] = month[0].plus(one);
                if (e.inside() == 1) {
                    month[1] = month[1].plus(one);
                }
            }
            for (QualitySplit split : QualitySplit.values()) {
                splits.computeIfAbsent(split, s -> new TreeMap<>())
                        .computeIfAbsent(value(split, e), v -> new EnumMap<>(Modality.class))
                        .merge(e.modality(), one, QualityCounts::plus);
            }
        }
        assertThat(report.trend()).as("trend of %s", filter).isEqualTo(trend);
        assertThat(report.totals()).as("totals of %s", filter).isEqualTo(totals);
        assertThat(report.scorecard()).hasSize(months.size());
        for (var month : report.scorecard()) {
            assertThat(month.audio()).isEqualTo(months.get(month.month())[0]);
            assertThat(month.audioInside()).isEqualTo(months.get(month.month())[1]);
        }
        // each client version group lists its agents as stored, with their streams
        Map<String, Map<String, Long>> agents = new TreeMap<>();
        for (Expected e : streams) {
            agents.computeIfAbsent(CLIENT_GROUPS.get(e.client()), g -> new TreeMap<>())
                    .merge(e.client(), 1L, Long::sum);
        }
        Map<String, Map<String, Long>> shownAgents = new TreeMap<>();
        report.splits()
                .get(QualitySplit.CLIENT)
                .forEach(row -> row.members()
                        .forEach(m -> shownAgents
                                .computeIfAbsent(row.value(), g -> new TreeMap<>())
                                .put(m.agent(), m.streams())));
        assertThat(shownAgents).as("client agents of %s", filter).isEqualTo(agents);
        for (QualitySplit split : QualitySplit.values()) {
            Map<String, Map<Modality, QualityCounts>> shown = new TreeMap<>();
            report.splits().get(split).forEach(row -> shown.put(row.value(), row.byModality()));
            assertThat(shown).as("%s of %s", split, filter).isEqualTo(splits.getOrDefault(split, Map.of()));
        }
        // percentiles over the same buckets: the bucket of the ceil(p n)-th smallest value
        for (Modality modality : totals.keySet()) {
            for (QualityMetric metric : QualityMetric.of(modality)) {
                List<Integer> sorted = streams.stream()
                        .filter(e -> e.modality() == modality && e.buckets()[metric.slot() - 1] != null)
                        .map(e -> e.buckets()[metric.slot() - 1])
                        .sorted()
                        .toList();
                for (double p : new double[] {50, 90, 95}) {
                    int expected = sorted.isEmpty()
                            ? -1
                            : sorted.get((int) Math.max(1, Math.ceil(p / 100 * sorted.size())) - 1);
                    assertThat(QualityReport.percentileBucket(
                                    report.totals().get(modality).histogram(metric.slot()), p))
                            .as("p%s of %s in %s", p, metric, filter)
                            .isEqualTo(expected);
                }
            }
        }
    }

    private static QualityCounts counts(Expected e) {
        long[] rules = new long[QualityMetric.SLOTS];
        long[][] histograms = new long[QualityMetric.SLOTS][QualityMetric.BUCKETS];
        for (int slot = 0; slot < QualityMetric.SLOTS; slot++) {
            rules[slot] = (e.rules() >> slot) & 1;
            if (e.buckets()[slot] != null) {
                histograms[slot][e.buckets()[slot]] = 1;
            }
        }
        return new QualityCounts(
                e.verdict() == 1 ? 1 : 0, e.verdict() == 3 ? 1 : 0, e.verdict() == 2 ? 1 : 0, rules, histograms);
    }

    // ---- records ----

    private SessionRecord randomSession(String id, Random random) {
        LocalDate day = today.minusDays(random.nextInt(200));
        String time = String.format(Locale.ROOT, "%02d:%02d:00", random.nextInt(24), random.nextInt(60));
        List<Modality> media = new ArrayList<>();
        for (Modality m : QualityMetric.MODALITIES) {
            if (random.nextInt(3) > 0) {
                media.add(m);
            }
        }
        if (media.isEmpty()) {
            media.add(Modality.AUDIO);
        }
        List<Quality.MediaLine> lines = new ArrayList<>();
        List<Quality.SessionInfo> infos = new ArrayList<>();
        List<Quality.AudioStream> audio = new ArrayList<>();
        List<Quality.VideoStream> video = new ArrayList<>();
        List<Quality.AppSharingStream> sharing = new ArrayList<>();
        List<String> subnets = List.of("10.1.1.0", "10.2.2.0", "10.9.9.0");
        List<String> connections = List.of("wired", "wifi", "mobile", "satellite");
        for (Side side : Side.values()) {
            if (random.nextInt(5) > 0) {
                infos.add(info(side, List.of(WIN, OLD, PHONE, TEAMS, ROOM, "").get(random.nextInt(6))));
            }
            for (Modality m : media) {
                if (random.nextInt(6) > 0) {
                    lines.add(line(
                            side,
                            m,
                            random.nextInt(6) == 0 ? null : subnets.get(random.nextInt(3)),
                            random.nextInt(6) == 0 ? null : random.nextBoolean(),
                            random.nextInt(6) == 0 ? null : random.nextInt(4) == 0,
                            random.nextInt(8) == 0 ? null : connections.get(random.nextInt(4)),
                            random.nextInt(15) == 0 ? "failed" : "succeeded"));
                }
                if (random.nextInt(8) == 0) {
                    continue; // no stream on this side
                }
                switch (m) {
                    case AUDIO ->
                        audio.add(audio(
                                side,
                                maybe(random, 0, 60),
                                maybe(random, 0, 0.2),
                                maybe(random, 0, 900),
                                maybe(random, 0, 2),
                                maybe(random, 0, 0.12)));
                    case VIDEO ->
                        video.add(video(side, maybe(random, 0, 70), maybe(random, 0, 30), maybe(random, 0, 0.3)));
                    default ->
                        sharing.add(sharing(side, maybe(random, 0, 60), maybe(random, 0, 800), maybe(random, 0, 3)));
                }
            }
        }
        String conference = random.nextInt(3) == 0 ? "conf-" + random.nextInt(5) : null;
        String from = List.of("u0", "u1", "u2", "guest@other.example").get(random.nextInt(4));
        SessionRecord s = session(id, day, time, conference, media, report(lines, infos, audio, video, sharing));
        return new SessionRecord(
                s.dialogId(),
                s.startTime(),
                s.endTime(),
                uri(from),
                s.toUri(),
                random.nextBoolean() ? WIN : null,
                random.nextBoolean() ? PHONE : null,
                s.conferenceUrl(),
                s.confInstance(),
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                s.media(),
                0,
                s.quality());
    }

    private static @Nullable Double maybe(Random random, double min, double max) {
        if (random.nextInt(7) == 0) {
            return null;
        }
        return Math.round((min + random.nextDouble() * (max - min)) * 1000) / 1000.0;
    }

    private SessionRecord session(
            String id,
            LocalDate day,
            String time,
            @Nullable String conference,
            List<Modality> media,
            Quality.Report quality) {
        Instant start = Instant.parse(day + "T" + time + "Z");
        String conferenceUrl =
                conference == null ? null : "sip:bob@" + tenant.name() + ";gruu;opaque=app:conf:focus:id:" + conference;
        return new SessionRecord(
                id,
                start,
                start.plusSeconds(60),
                uri("ada"),
                uri(conference == null ? "cyd" : "bob"),
                WIN,
                PHONE,
                conferenceUrl,
                conferenceUrl == null ? null : "1",
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                media.stream().map(m -> new MediaUsage(m, 60_000)).toList(),
                0,
                quality);
    }

    private static Quality.Report report(
            List<Quality.MediaLine> lines,
            List<Quality.SessionInfo> infos,
            List<Quality.AudioStream> audio,
            List<Quality.VideoStream> video,
            List<Quality.AppSharingStream> sharing) {
        return new Quality.Report(
                infos, lines, audio, List.of(), List.of(), sharing, List.of(), video, List.of(), List.of());
    }

    private static Quality.MediaLine line(
            Side side,
            Modality type,
            @Nullable String subnet,
            @Nullable Boolean inside,
            @Nullable Boolean vpn,
            @Nullable String connection,
            String ice) {
        return new Quality.MediaLine(
                side, type, "10.0.0.1", 50000, subnet, inside, vpn, connection, null, null, ice, null);
    }

    private static Quality.SessionInfo info(Side side, String agent) {
        return new Quality.SessionInfo(side, "PC-1", "Windows 11", null, 8, agent, null);
    }

    private static Quality.AudioStream audio(
            Side side,
            @Nullable Double jitter,
            @Nullable Double loss,
            @Nullable Double roundTrip,
            @Nullable Double degradation,
            @Nullable Double concealed) {
        return new Quality.AudioStream(
                side,
                "SILK",
                jitter,
                null,
                loss,
                null,
                roundTrip,
                null,
                null,
                null,
                degradation,
                null,
                concealed,
                null,
                null);
    }

    private static Quality.VideoStream video(
            Side side, @Nullable Double frameLoss, @Nullable Double frameRate, @Nullable Double postFec) {
        return new Quality.VideoStream(side, "H264", "1280x720", frameRate, frameRate, frameLoss, postFec, 1200.0);
    }

    private static Quality.AppSharingStream sharing(
            Side side, @Nullable Double spoiled, @Nullable Double latency, @Nullable Double oneWay) {
        return new Quality.AppSharingStream(side, 5.0, 40.0, 0.01, latency, spoiled, oneWay);
    }

    private void write(SessionRecord... records) {
        currentTenant.runAs(tenant.id(), () -> writer.write(List.of(records)));
        for (SessionRecord r : records) {
            sent.put(r.dialogId(), r);
        }
    }

    private void writeUsers(UserRecord... records) {
        currentTenant.runAs(tenant.id(), () -> directory.upsert(List.of(records)));
    }

    private UserRecord user(String alias) {
        return new UserRecord(alias + "@" + tenant.name(), alias, "User " + alias, LONG_AGO, null);
    }

    private String uri(String party) {
        return "sip:" + (party.contains("@") ? party : party + "@" + tenant.name());
    }

    @SuppressWarnings("unused")
    private static Map<String, Long> unused() {
        return new HashMap<>();
    }
}
