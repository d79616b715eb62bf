package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.quality.QualityFilter;
import org.commsportal.quality.QualityReport;
import org.commsportal.quality.QualityService;
import org.commsportal.security.Role;
import org.commsportal.sessions.Modality;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the call quality page on the bench data set with quality records for 180 days (at most the data
 * set's days): every figure of the page for 30 and for 180 days, and the worst users, as medians; beside each, a
 * naive GROUP BY over the raw audio stream rows giving the audio trend, whose figures the page's must equal.
 */
@Tag("bench")
@PortalIntegrationTest
class QualityBenchmarkIT {

    private static final int RUNS = 15;

    /** Runs of the figures that take seconds at M: a range in the past groups its stream rows. */
    private static final int SLOW_RUNS = 3;

    private static final int NAIVE_RUNS = Integer.getInteger("bench.naiveRuns", 3);

    @Autowired
    ActivityService activity;

    @Autowired
    QualityService quality;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.commsportal.sessiondetails.SessionDetailsService sessionDetails;

    @Autowired
    TestTenants testTenants;

    @Autowired
    BenchTenant bench;

    @Autowired
    org.commsportal.quality.QualityPeriodTotals periodTotals;

    @Autowired
    org.commsportal.tenant.CurrentTenant currentTenant;

    @Test
    void call_quality_figures() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        LocalDate lastDay = activity.reportDate();
        Tenant tenant = bench.load(users, days, lastDay);
        int qualityDays = bench.loadQualityDays(tenant, lastDay, BenchTenant.qualityReportDays(days));
        bench.buildQualityDays(tenant, lastDay, qualityDays);
        long streams = jdbc.sql("SELECT COUNT(*) FROM quality_stream WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        long dayRows = jdbc.sql("SELECT COUNT(*) FROM quality_day WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        // the worst users' period totals (changeset 046), as the nightly move builds them: a rebuild when they end on
        // another date, nothing when they are built already
        long buildStarted = System.nanoTime();
        boolean built = currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(lastDay));
        double buildMs = (System.nanoTime() - buildStarted) / 1e6;
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        boolean naiveToo = !"false".equals(System.getProperty("bench.naive"));

        Map<String, double[]> results = new LinkedHashMap<>();
        if (built) {
            results.put("worst users' period totals, first build", new double[] {buildMs, buildMs, Double.NaN});
        }
        for (int span : new int[] {30, Math.min(180, qualityDays)}) {
            QualityFilter filter = QualityFilter.lastDays(lastDay, span);
            QualityReport report = quality.report(filter);
            // the naive figures once: minutes at M; timed, they are the naive figure of a single naive run
            long naiveStarted = System.nanoTime();
            Map<LocalDate, long[]> naive =
                    naiveToo || !filter.monthly() ? naiveAudioTrend(tenant.id(), filter) : Map.of();
            double firstNaiveMs = (System.nanoTime() - naiveStarted) / 1e6;
            Map<LocalDate, long[]> ours = new TreeMap<>();
            report.trend().forEach((day, byModality) -> {
                var audio = byModality.get(Modality.AUDIO);
                if (audio != null) {
                    ours.put(day, new long[] {audio.good(), audio.poor(), audio.unclassified()});
                }
            });
            if (!filter.monthly()) {
                assertThat(ours)
                        .as("audio trend of %d days equals the raw rows", span)
                        .usingRecursiveComparison()
                        .isEqualTo(naive);
            }
            var page = Medians.time("page data " + span + " days", RUNS, () -> quality.report(filter));
            var users30 = Medians.time("worst users " + span + " days", RUNS, () -> quality.worstUsers(filter, 10));
            double naiveMs = !naiveToo
                    ? Double.NaN
                    : NAIVE_RUNS <= 1
                            ? firstNaiveMs
                            : Medians.median(
                                    "  naive GROUP BY " + span + " days",
                                    NAIVE_RUNS,
                                    () -> naiveAudioTrend(tenant.id(), filter));
            results.put(
                    "page data, " + span + " days (period totals)",
                    new double[] {page.medianMs(), page.p95Ms(), naiveMs});
            results.put(
                    "worst users, " + span + " days (period totals)",
                    new double[] {users30.medianMs(), users30.p95Ms(), Double.NaN});
            // a custom range ending on the report date: the nearest period's totals and the day between
            QualityFilter oneMore = QualityFilter.lastDays(lastDay, span + 1);
            var edgePage = Medians.time("page data " + (span + 1) + " days", RUNS, () -> quality.report(oneMore));
            results.put(
                    "page data, " + (span + 1) + " days (period totals and the day before them, if it holds streams)",
                    new double[] {edgePage.medianMs(), edgePage.p95Ms(), Double.NaN});
            var edgeUsers =
                    Medians.time("worst users " + (span + 1) + " days", RUNS, () -> quality.worstUsers(oneMore, 10));
            results.put(
                    "worst users, " + (span + 1) + " days (period totals and the day before them, if it holds streams)",
                    new double[] {edgeUsers.medianMs(), edgeUsers.p95Ms(), Double.NaN});
            // a range ending a week ago: the period's totals with the week before its start added and the week after
            // the range's end taken away (split-day rows, the users' stream rows grouped from the day index)
            QualityFilter past =
                    filter.withRange(filter.from().minusDays(7), filter.to().minusDays(7));
            var dayRowsPage =
                    Medians.time("page data " + span + " days a week ago", SLOW_RUNS, () -> quality.report(past));
            results.put(
                    "page data, " + span
                            + " days ending a week ago (period totals and the 14 days at its ends that hold streams)",
                    new double[] {dayRowsPage.medianMs(), dayRowsPage.p95Ms(), Double.NaN});
            var grouped = Medians.time(
                    "worst users " + span + " days a week ago", SLOW_RUNS, () -> quality.worstUsers(past, 10));
            results.put(
                    "worst users, " + span
                            + " days ending a week ago (period totals and the users of the 14 days at its ends that hold streams)",
                    new double[] {grouped.medianMs(), grouped.p95Ms(), Double.NaN});
            // a split value fixed: the filter-day rows (changeset 047) instead of the period totals
            QualityFilter wifi = filter.withSplit(org.commsportal.quality.QualitySplit.CONNECTION, "2");
            var filtered = Medians.time("page data Wi-Fi " + span + " days", RUNS, () -> quality.report(wifi));
            results.put(
                    "page data, Wi-Fi only, " + span + " days",
                    new double[] {filtered.medianMs(), filtered.p95Ms(), Double.NaN});
            var wifiUsers =
                    Medians.time("worst users Wi-Fi " + span + " days", RUNS, () -> quality.worstUsers(wifi, 10));
            results.put(
                    "worst users, Wi-Fi only, " + span + " days",
                    new double[] {wifiUsers.medianMs(), wifiUsers.p95Ms(), Double.NaN});
            // drill-through from the poor audio streams of the range: the sessions' first page and its counts
            var link = org.commsportal.quality.DrillThroughLink.of(filter)
                    .modality(Modality.AUDIO)
                    .verdict(org.commsportal.quality.QualityVerdict.POOR);
            Map<String, java.util.List<String>> parameters = new LinkedHashMap<>();
            link.parameters().forEach((name, value) -> parameters.put(name, java.util.List.of(value)));
            var parsed = org.commsportal.sessiondetails.DrillThrough.parse(parameters, java.time.ZoneOffset.UTC);
            var search = sessionDetails.search(java.util.Objects.requireNonNull(parsed.search()));
            var drill = Medians.time(
                    "drill-through first page " + span + " days",
                    RUNS,
                    () -> sessionDetails.sessions(search, java.util.List.of(), 0, 50));
            results.put(
                    "drill-through first page, " + span + " days",
                    new double[] {drill.medianMs(), drill.p95Ms(), Double.NaN});
            var counts = Medians.time("drill-through counts " + span + " days", RUNS, () -> {
                sessionDetails.countSessions(search, java.util.List.of());
                sessionDetails.countStreams(search);
            });
            results.put(
                    "drill-through session and stream counts, " + span + " days",
                    new double[] {counts.medianMs(), counts.p95Ms(), Double.NaN});
        }
        // ranges shorter than the days around any period (the last day, two, three; the three before the last when
        // they have quality records): the users' day rows (changeset 061), beside the users' streams of the range
        // grouped as the page did before, whose ranking they must equal
        Map<String, QualityFilter> shortRanges = new LinkedHashMap<>();
        for (int span = 1; span <= 3; span++) {
            shortRanges.put(
                    span == 1 ? "the last day" : "the last " + span + " days",
                    new QualityFilter(lastDay.minusDays(span - 1), lastDay, null, Map.of()));
        }
        if (qualityDays >= 4) {
            shortRanges.put(
                    "the 3 days before the last",
                    new QualityFilter(lastDay.minusDays(3), lastDay.minusDays(1), null, Map.of()));
        }
        // with a split value fixed over a range no period's pair totals answer (the 7-day period's days before the
        // range hold streams): the users' pair-day rows of the value (changeset 063)
        shortRanges.put(
                "the last 3 days, Wi-Fi only",
                new QualityFilter(lastDay.minusDays(2), lastDay, null, Map.of())
                        .withSplit(org.commsportal.quality.QualitySplit.CONNECTION, "2"));
        // a value most streams have: its classified streams' index is not read (changeset 064), the seeds rank
        shortRanges.put(
                "the last 3 days, inside only",
                new QualityFilter(lastDay.minusDays(2), lastDay, null, Map.of())
                        .withSplit(org.commsportal.quality.QualitySplit.INSIDE, "1"));
        for (var entry : shortRanges.entrySet()) {
            String name = entry.getKey();
            QualityFilter range = entry.getValue();
            var ranked = Medians.time("worst users " + name, RUNS, () -> quality.worstUsers(range, 10));
            long naiveStarted = System.nanoTime();
            var naive = naiveWorstUsers(tenant.id(), range);
            double naiveMs = (System.nanoTime() - naiveStarted) / 1e6;
            assertThat(quality.worstUsers(range, 10).stream()
                            .map(u -> u.name() + " " + u.good() + "/" + u.poor() + "/" + u.unclassified())
                            .toList())
                    .as("worst users of %s equal the stream rows grouped", name)
                    .isEqualTo(naive);
            results.put(
                    "worst users, " + name + " ("
                            + (range.splits().isEmpty() ? "the users' day rows" : "the users' pair-day rows")
                            + "; naive: their streams grouped)",
                    new double[] {ranked.medianMs(), ranked.p95Ms(), naiveMs});
        }
        // the page's preset "Last 12 months": a period of the call quality totals (changeset 051)
        QualityFilter year = QualityFilter.lastDays(lastDay, 365);
        var yearPage = Medians.time("page data 365 days", RUNS, () -> quality.report(year));
        results.put(
                "page data, Last 12 months (period totals)",
                new double[] {yearPage.medianMs(), yearPage.p95Ms(), Double.NaN});
        var yearUsers = Medians.time("worst users 365 days", RUNS, () -> quality.worstUsers(year, 10));
        results.put(
                "worst users, Last 12 months (period totals)",
                new double[] {yearUsers.medianMs(), yearUsers.p95Ms(), Double.NaN});
        System.out.printf(
                "%nCall quality, %,d users x %d days, quality records for %d days: %,d streams, %,d day rows"
                        + " (medians of %d runs, ms)%n",
                users, days, qualityDays, streams, dayRows, RUNS);
        System.out.printf("%-40s %8s %8s %10s%n", "operation", "median", "p95", "naive");
        results.forEach((name, t) -> {
            System.out.printf("%-40s %8.1f %8.1f %10.1f%n", name, t[0], t[1], t[2]);
            BenchFigures.record("Call quality", name, t[0], t[1], t[2], "");
        });
    }

    /**
     * The worst users of the range (at least the page's minimum sample, 30 Good + Poor streams) from the users' stream
     * rows grouped, as "upn Good/Poor/Unclassified" in ranking order (the benchmark's viewer sees real names).
     */
    private java.util.List<String> naiveWorstUsers(long tenantId, QualityFilter filter) {
        var params = new java.util.HashMap<String, Object>();
        params.put("t", tenantId);
        params.put("from", filter.from());
        params.put("to", filter.to());
        if (!NAIVE_SPLIT_COLUMNS.keySet().containsAll(filter.splits().keySet())) {
            throw new IllegalArgumentException(
                    "the naive worst users filter no " + filter.splits().keySet());
        }
        // every column with its value or null, compared only at execution: the plan the naive figures were taken with
        // (a value written into the statement let MariaDB pick another, Wi-Fi 1.3 -> 5.1 s)
        StringBuilder splits = new StringBuilder();
        NAIVE_SPLIT_COLUMNS.forEach((split, column) -> {
            splits.append("\n  AND (:%1$s IS NULL OR q.%1$s = :%1$s)".formatted(column));
            String value = filter.splits().get(split);
            params.put(column, value == null ? null : Integer.valueOf(value));
        });
        return jdbc.sql("""
                        SELECT CONCAT(u.upn, ' ', w.good, '/', w.poor, '/', w.unclassified) FROM (
                            SELECT q.user_id, SUM(q.verdict = 1) AS good, SUM(q.verdict = 3) AS poor,
                                   SUM(q.verdict = 2) AS unclassified
                            FROM quality_stream q
                            WHERE q.tenant_id = :t AND q.day BETWEEN :from AND :to AND q.user_id IS NOT NULL%s
                            GROUP BY q.user_id
                            HAVING SUM(q.verdict IN (1, 3)) >= 30 AND SUM(q.verdict = 3) > 0
                        ) w JOIN licensed_user u ON u.id = w.user_id
                        ORDER BY w.poor / (w.good + w.poor) DESC, w.user_id
                        LIMIT 10
                        """.formatted(splits))
                .params(params)
                .query(String.class)
                .list();
    }

    /** The stream rows' column of each few-valued split, named here apart from the portal's own SQL. */
    private static final Map<org.commsportal.quality.QualitySplit, String> NAIVE_SPLIT_COLUMNS = Map.of(
            org.commsportal.quality.QualitySplit.CONFERENCE, "conference",
            org.commsportal.quality.QualitySplit.CONNECTION, "connection",
            org.commsportal.quality.QualitySplit.INSIDE, "inside",
            org.commsportal.quality.QualitySplit.VPN, "vpn");

    /**
     * Audio streams per day by verdict straight from the raw rows: Good, Poor, Unclassified (failed ICE or no metric),
     * and one Unclassified per audio session without a stream record (no QoE report: every day of the data set before
     * the days with quality records).
     */
    private Map<LocalDate, long[]> naiveAudioTrend(long tenantId, QualityFilter filter) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.sql("""
                SELECT DATE(c.session_start) AS day,
                       SUM(NOT c.unclassified AND NOT c.poor) AS good, SUM(NOT c.unclassified AND c.poor) AS poor,
                       SUM(c.unclassified) AS unclassified
                FROM (
                    SELECT b.session_start,
                           EXISTS (SELECT 1 FROM qoe_media_line l WHERE l.session_id = b.session_id
                                   AND l.session_start = b.session_start AND l.side = b.side AND l.media_type_id = 5
                                   AND l.ice_result = 'failed')
                           OR COALESCE(b.degradation_avg, b.round_trip_avg_ms, b.packet_loss_rate_avg, b.jitter_avg_ms,
                                       b.concealed_ratio_avg) IS NULL AS unclassified,
                           COALESCE(b.degradation_avg > 1, 0) OR COALESCE(b.round_trip_avg_ms > 500, 0)
                           OR COALESCE(b.packet_loss_rate_avg > 0.1e0, 0) OR COALESCE(b.jitter_avg_ms > 30, 0)
                           OR COALESCE(b.concealed_ratio_avg > 0.07e0, 0) AS poor
                    FROM qoe_audio_stream b
                    WHERE b.tenant_id = :t AND b.session_start >= :from AND b.session_start < :to
                    UNION ALL
                    SELECT s.start_time, TRUE, FALSE
                    FROM comm_session s
                    WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to
                      AND (s.media_mask & :audio) <> 0
                      AND NOT EXISTS (SELECT 1 FROM qoe_audio_stream b WHERE b.session_id = s.id
                                      AND b.session_start = s.start_time)
                ) c
                GROUP BY DATE(c.session_start)
                """)
                .param("t", tenantId)
                .param("from", filter.from().atStartOfDay())
                .param("to", filter.to().plusDays(1).atStartOfDay())
                .param("audio", Modality.AUDIO.bit())
                .query((rs, row) -> days.put(
                        rs.getObject("day", LocalDate.class),
                        new long[] {rs.getLong("good"), rs.getLong("poor"), rs.getLong("unclassified")}))
                .list();
        return days;
    }
}
