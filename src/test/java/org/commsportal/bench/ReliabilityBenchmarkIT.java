package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.reliability.ReliabilityFilter;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the reliability and Rate My Call pages on the bench data set with quality records: every figure of
 * each page for 30 and 180 days and the top failures, as medians; beside the reliability page, a naive GROUP BY over
 * the raw sessions giving attempts per day, which the page's must equal.
 */
@Tag("bench")
@PortalIntegrationTest
class ReliabilityBenchmarkIT {

    private static final int RUNS = 15;
    private static final int NAIVE_RUNS = Integer.getInteger("bench.naiveRuns", 3);

    @Autowired
    ActivityService activity;

    @Autowired
    ReliabilityService reliability;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTenants testTenants;

    @Autowired
    BenchTenant bench;

    @Test
    void reliability_and_feedback_figures() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        LocalDate lastDay = activity.reportDate();
        Tenant tenant = bench.load(users, days, lastDay);
        int qualityDays = bench.loadQualityDays(tenant, lastDay, BenchTenant.qualityReportDays(days));
        bench.buildReliabilityDays(tenant, lastDay, qualityDays);
        long rows = jdbc.sql("SELECT COUNT(*) FROM reliability_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        boolean naiveToo = !"false".equals(System.getProperty("bench.naive"));

        Map<String, double[]> results = new LinkedHashMap<>();
        for (int span : new int[] {30, Math.min(180, days)}) {
            ReliabilityFilter filter = ReliabilityFilter.lastDays(lastDay, span);
            var report = reliability.report(filter);
            if (!filter.monthly()) {
                Map<LocalDate, Long> ours = new TreeMap<>();
                report.trend().forEach((day, c) -> ours.put(day, c.attempts() + c.expected()));
                assertThat(ours)
                        .as("sessions per day of %d days equal the raw rows", span)
                        .isEqualTo(naiveSessions(tenant.id(), filter));
            }
            var page = Medians.time("reliability " + span + " days", RUNS, () -> reliability.report(filter));
            var top = Medians.time(
                    "top failures " + span + " days", RUNS, () -> reliability.topFailures(filter, List.of(), 20));
            var feedback = Medians.time("feedback " + span + " days", RUNS, () -> reliability.feedback(filter));
            double naiveMs = naiveToo
                    ? Medians.median(
                            "  naive GROUP BY " + span + " days", NAIVE_RUNS, () -> naiveSessions(tenant.id(), filter))
                    : Double.NaN;
            results.put(
                    "reliability page data, " + span + " days", new double[] {page.medianMs(), page.p95Ms(), naiveMs});
            results.put("top failures, " + span + " days", new double[] {top.medianMs(), top.p95Ms(), Double.NaN});
            results.put(
                    "Rate My Call page data, " + span + " days",
                    new double[] {feedback.medianMs(), feedback.p95Ms(), Double.NaN});
            // a building chosen (there are buildings once the locations benchmark has loaded its file)
            var places = reliability.places(lastDay).stream()
                    .filter(place -> place.building() != null)
                    .toList();
            if (!places.isEmpty()) {
                // a building, and a region: many buildings' subnets, most of the sessions with one
                Map<String, org.commsportal.common.Place> chosen = new LinkedHashMap<>();
                chosen.put("building", places.get(places.size() / 2));
                chosen.put(
                        "region", new org.commsportal.common.Place(places.get(0).region(), null, null));
                chosen.forEach((kind, place) -> {
                    ReliabilityFilter inPlace = filter.withPlace(place);
                    // two pages, each with its own goal: timed apart
                    var rated = Medians.time(
                            "Rate My Call in a " + kind + " " + span + " days",
                            RUNS,
                            () -> reliability.feedback(inPlace));
                    var placed = Medians.time(
                            "reliability in a " + kind + " " + span + " days", RUNS, () -> reliability.report(inPlace));
                    results.put(
                            "Rate My Call page data, one " + kind + ", " + span + " days",
                            new double[] {rated.medianMs(), rated.p95Ms(), Double.NaN});
                    results.put(
                            "reliability page data, one " + kind + ", " + span + " days",
                            new double[] {placed.medianMs(), placed.p95Ms(), Double.NaN});
                });
            }
        }
        System.out.printf(
                "%nCall reliability, %,d users x %d days, quality records for %d days: %,d session rows"
                        + " (medians of %d runs, ms)%n",
                users, days, qualityDays, rows, RUNS);
        System.out.printf("%-40s %8s %8s %10s%n", "operation", "median", "p95", "naive");
        results.forEach((name, t) -> {
            System.out.printf("%-40s %8.1f %8.1f %10.1f%n", name, t[0], t[1], t[2]);
            BenchFigures.record("Call reliability", name, t[0], t[1], t[2], "");
        });
    }

    /** Sessions with audio, video or application sharing per UTC day, straight from the raw rows. */
    private Map<LocalDate, Long> naiveSessions(long tenantId, ReliabilityFilter filter) {
        Map<LocalDate, Long> days = new TreeMap<>();
        jdbc.sql("""
                SELECT DATE(s.start_time) AS day, COUNT(*) AS sessions FROM comm_session s
                WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to AND (s.media_mask & 56) <> 0
                GROUP BY DATE(s.start_time)
                """)
                .param("t", tenantId)
                .param("from", filter.from().atStartOfDay())
                .param("to", filter.to().plusDays(1).atStartOfDay())
                .query((rs, row) -> days.put(rs.getObject("day", LocalDate.class), rs.getLong("sessions")))
                .list();
        return days;
    }
}
