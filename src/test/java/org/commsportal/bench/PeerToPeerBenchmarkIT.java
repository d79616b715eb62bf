package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.activity.ActivityReport;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.DailyActivity;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the peer-to-peer page's data (3 series + first table page), sorts, a filter and a full export,
 * as medians of repeated runs, beside the same figures computed with GROUP BY over the raw sessions.
 */
@Tag("bench")
@PortalIntegrationTest
class PeerToPeerBenchmarkIT {

    private static final int RUNS = 7;
    /**
     * The raw GROUP BY takes minutes per run at 15 million sessions: fewer runs keep the command usable
     * ({@code -Dbench.naiveRuns}, default 3; bench/run.sh M and L pass 1).
     */
    private static final int NAIVE_RUNS = Integer.getInteger("bench.naiveRuns", 3);

    private static final int PAGE = 50;

    @Autowired
    ActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    UserPeriodTotals periodTotals;

    /** Per operation: the portal's timing and the naive query's median (NaN when there is none). */
    private record Result(Medians.Timing portal, double naiveMs) {}

    private final Map<String, Result> results = new LinkedHashMap<>();

    @Autowired
    BenchTenant bench;

    @Test
    void peer_to_peer_report_figures() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        Tenant tenant = bench.load(users, days, activity.reportDate());
        bench.signInAdministrator(tenant);
        long sessions = jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();

        // Until the scheduled move of the day has committed, a read sums the daily rollups (reads never write)
        if (!activity.reportDate().equals(RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id()))) {
            results.put(
                    "page data D180 before the day's move (rollup sums)",
                    new Result(
                            time("page data D180 from rollups", () -> pageData(UserTableQuery.of(ReportPeriod.D180))),
                            Double.NaN));
        }
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(activity.reportDate())); // as the schedule does

        // -Dbench.naive=false skips the raw GROUP BY, which takes minutes per run at 15 million sessions
        boolean naiveToo = !"false".equals(System.getProperty("bench.naive"));
        for (ReportPeriod period : List.of(ReportPeriod.D7, ReportPeriod.D180)) {
            var query = UserTableQuery.of(period);
            Medians.Timing ours = time("page data " + period, () -> pageData(query));
            double naive = !naiveToo
                    ? Double.NaN
                    : median(
                            "  naive GROUP BY over raw sessions " + period,
                            NAIVE_RUNS,
                            () -> naivePageData(tenant, period, "im DESC"));
            results.put("page data " + period, new Result(ours, naive));
            assertThat(activity.activity(period).days().stream()
                            .mapToLong(DailyActivity::im)
                            .sum())
                    .as("chart total equals raw rows")
                    .isEqualTo(rawImSessions(tenant, period));
        }
        assertFirstPageEqualsRawRows(tenant, ReportPeriod.D180);
        for (UserActivityColumn column : UserActivityColumn.values()) {
            var query = UserTableQuery.of(ReportPeriod.D180).sortedBy(column, false);
            results.put(
                    "D180 sort by " + column.header(),
                    new Result(time("sort " + column, () -> activity.users(query, 0, PAGE)), Double.NaN));
        }
        var filtered = UserTableQuery.of(ReportPeriod.D180).withFilter("user12");
        results.put(
                "D180 filter 'user12' + count",
                new Result(
                        time("filter", () -> {
                            activity.users(filtered, 0, PAGE);
                            activity.countUsers(filtered);
                        }),
                        Double.NaN));
        Medians.Timing export = time("export", () -> exportAll(UserTableQuery.of(ReportPeriod.D180)));
        double naiveExport = !naiveToo
                ? Double.NaN
                : median("  naive export", NAIVE_RUNS, () -> naivePageData(tenant, ReportPeriod.D180, null));
        results.put("D180 export all " + users + " users (CSV)", new Result(export, naiveExport));

        // the first request of a new report date moves the period totals on by one day; timed by moving them back
        // one day (a recomputation) and forward again
        LocalDate reportDate = activity.reportDate();
        double[] move = new double[NAIVE_RUNS];
        for (int i = 0; i < NAIVE_RUNS; i++) {
            currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate.minusDays(1)));
            long started = System.nanoTime();
            currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate));
            move[i] = (System.nanoTime() - started) / 1e6;
        }
        results.put("first request of a day: move totals 1 day", new Result(Medians.Timing.of(move), Double.NaN));
        results.put("page data D180 read during the day's move", readsDuringTheMove(tenant, reportDate));
        assertFirstPageEqualsRawRows(tenant, ReportPeriod.D180);

        String note = "naive: GROUP BY over %,d raw sessions".formatted(sessions);
        var rows = new LinkedHashMap<String, BenchFigures.Timed>();
        results.forEach((name, r) -> rows.put(name, new BenchFigures.Timed(r.portal(), r.naiveMs(), note)));
        BenchFigures.printAndRecord(
                "Peer-to-peer",
                "Peer-to-peer report, %,d users x %d days, %,d sessions (medians of %d runs, ms)"
                        .formatted(users, days, sessions, RUNS),
                rows);
    }

    /**
     * No read waits on the day's move (issue 27): page reads back to back while another thread moves the totals on by
     * one day, each timed and each equal to the page read after the move, which is checked against the raw rows.
     */
    private Result readsDuringTheMove(Tenant tenant, LocalDate reportDate) {
        var query = UserTableQuery.of(ReportPeriod.D180);
        currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate.minusDays(1)));
        List<Double> millis = new java.util.ArrayList<>();
        List<List<Object>> pages = new java.util.ArrayList<>();
        long started = System.nanoTime();
        var mover = java.util.concurrent.CompletableFuture.runAsync(
                () -> currentTenant.runAs(tenant.id(), () -> periodTotals.moveTo(reportDate)));
        do {
            long read = System.nanoTime();
            pages.add(page(query));
            millis.add((System.nanoTime() - read) / 1e6);
        } while (!mover.isDone());
        mover.join();
        double moveMs = (System.nanoTime() - started) / 1e6;
        List<Object> after = page(query);
        assertThat(pages)
                .as("every page read during the move")
                .allSatisfy(page -> assertThat(page).isEqualTo(after));
        var timing = Medians.Timing.of(
                millis.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(
                "  %d page reads during a move of %.1f ms: median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                millis.size(), moveMs, timing.medianMs(), timing.p95Ms(), timing.maxMs());
        return new Result(timing, Double.NaN);
    }

    /** What the page shows: the chart's days, the first page of users and their count. */
    private List<Object> page(UserTableQuery query) {
        return List.of(
                activity.activity(query.period()).days(), activity.users(query, 0, PAGE), activity.countUsers(query));
    }

    private void pageData(UserTableQuery query) {
        ActivityReport report = activity.activity(query.period());
        assertThat(report.days()).hasSize(query.period().days());
        activity.users(query, 0, PAGE);
        activity.countUsers(query);
    }

    private void exportAll(UserTableQuery query) {
        try {
            activity.export(
                    query,
                    List.of(UserActivityColumn.values()),
                    ExportFormat.CSV,
                    OutputStream.nullOutputStream(),
                    written -> {});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The page's figures straight from raw rows: per-day series, then the per-user table (a page, or all rows). */
    private void naivePageData(Tenant tenant, ReportPeriod period, String orderBy) {
        LocalDate to = activity.reportDate();
        LocalDate from = to.minusDays(period.days() - 1L);
        jdbc.sql("""
                SELECT DATE(s.start_time) AS day,
                       SUM(s.media_mask & 1 > 0), SUM(s.media_mask & 16 > 0), SUM(s.media_mask & 32 > 0),
                       SUM(s.media_mask & 8 > 0), SUM(s.media_mask & 2 > 0),
                       SUM(IF(m.media_type_id = 5, m.duration_ms, 0)), SUM(IF(m.media_type_id = 6, m.duration_ms, 0))
                FROM comm_session s LEFT JOIN session_media m ON m.session_id = s.id AND m.session_start = s.start_time
                                                 AND m.media_type_id IN (5, 6)
                WHERE s.tenant_id = :t AND s.conference_url IS NULL AND s.start_time >= :from AND s.start_time < :to
                GROUP BY DATE(s.start_time)
                """)
                .param("t", tenant.id())
                .param("from", from)
                .param("to", to.plusDays(1))
                .query()
                .listOfRows();
        // grouped per user before the join: joining every raw row to the users first made MariaDB compare each
        // user with every unindexed row of the union (minutes at 1,000 users, hours at 10,000)
        jdbc.sql("""
                SELECT u.upn, COALESCE(p.im, 0) AS im, COALESCE(p.audio, 0) AS audio, COALESCE(p.video, 0) AS video,
                       COALESCE(p.app_sharing, 0) AS app_sharing, COALESCE(p.file_transfers, 0) AS file_transfers,
                       p.last_activity
                FROM licensed_user u
                LEFT JOIN (SELECT user_id, SUM(media_mask & 1 > 0) AS im, SUM(media_mask & 16 > 0) AS audio,
                                  SUM(media_mask & 32 > 0) AS video, SUM(media_mask & 8 > 0) AS app_sharing,
                                  SUM(media_mask & 2 > 0) AS file_transfers, MAX(DATE(start_time)) AS last_activity
                           FROM (SELECT from_user_id AS user_id, media_mask, start_time FROM comm_session
                                 WHERE tenant_id = :t AND conference_url IS NULL AND start_time >= :from AND start_time < :to
                                 UNION ALL
                                 SELECT to_user_id, media_mask, start_time FROM comm_session
                                 WHERE tenant_id = :t AND conference_url IS NULL AND start_time >= :from AND start_time < :to
                                   AND to_user_id <> from_user_id) r
                           GROUP BY user_id) p ON p.user_id = u.id
                WHERE u.tenant_id = :t
                """ + (orderBy == null ? "" : " ORDER BY " + orderBy + " LIMIT " + PAGE))
                .param("t", tenant.id())
                .param("from", from)
                .param("to", to.plusDays(1))
                .query()
                .listOfRows();
    }

    /** The D180 page's IM and audio counts, sorted by IM, recomputed from raw rows for the users on it. */
    private void assertFirstPageEqualsRawRows(Tenant tenant, ReportPeriod period) {
        var page = activity.users(UserTableQuery.of(period).sortedBy(UserActivityColumn.IM, false), 0, PAGE);
        LocalDate to = activity.reportDate();
        for (var row : page) {
            var raw = jdbc.sql("""
                    SELECT CONCAT(SUM(media_mask & 1 > 0), '/', SUM(media_mask & 16 > 0)) FROM (
                        SELECT id, media_mask FROM comm_session WHERE tenant_id = :t AND conference_url IS NULL
                          AND from_user_id = :u AND start_time >= :from AND start_time < :to
                        UNION
                        SELECT id, media_mask FROM comm_session WHERE tenant_id = :t AND conference_url IS NULL
                          AND to_user_id = :u AND start_time >= :from AND start_time < :to) s
                    """)
                    .param("t", tenant.id())
                    .param("u", row.userId())
                    .param("from", to.minusDays(period.days() - 1L))
                    .param("to", to.plusDays(1))
                    .query(String.class)
                    .single();
            assertThat(row.im() + "/" + row.audio()).as("user %d", row.userId()).isEqualTo(raw);
        }
    }

    private long rawImSessions(Tenant tenant, ReportPeriod period) {
        LocalDate to = activity.reportDate();
        return jdbc.sql("""
                SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND conference_url IS NULL AND media_mask & 1
                  AND start_time >= :from AND start_time < :to
                """)
                .param("t", tenant.id())
                .param("from", to.minusDays(period.days() - 1L))
                .param("to", to.plusDays(1))
                .query(Long.class)
                .single();
    }

    private Medians.Timing time(String name, Runnable operation) {
        return Medians.time(name, RUNS, operation);
    }

    private double median(String name, int runs, Runnable operation) {
        return Medians.median(name, runs, operation);
    }
}
