package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.periodfigures.FigurePeriod;
import org.commsportal.periodfigures.FigureReport;
import org.commsportal.periodfigures.FigureRow;
import org.commsportal.periodfigures.FigureSet;
import org.commsportal.periodfigures.PeriodFiguresService;
import org.commsportal.security.Role;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 22: server time of the reporting web service's sibling reports (every retained day or month of a figure
 * set, in UTC, Asia/Kathmandu and America/New_York; target under 200 ms), beside the same daily figures computed
 * with GROUP BY over the raw sessions in Kathmandu, which they must equal.
 */
@Tag("bench")
@PortalIntegrationTest
class RwsSiblingsBenchmarkIT {

    private static final int RUNS = 11;
    private static final int NAIVE_RUNS = Integer.getInteger("bench.naiveRuns", 3);
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final int KATHMANDU_SECONDS = 5 * 3600 + 45 * 60;

    @Autowired
    PeriodFiguresService periodFigures;

    @Autowired
    SkypeActivityService activity;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTenants testTenants;

    @Autowired
    BenchTenant bench;

    @Test
    void sibling_reports_of_every_retained_period_are_timed_beside_group_by_over_raw_sessions() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        Tenant tenant = bench.load(users, days, activity.reportDate());
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        long sessions = jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        boolean naiveToo = !"false".equals(System.getProperty("bench.naive"));
        Map<String, BenchFigures.Timed> results = new LinkedHashMap<>();
        // -Dbench.rws.sets=PSTN_CONFERENCE_TIME,... times only those sets (default all)
        String only = System.getProperty("bench.rws.sets", "");
        for (FigureSet set : FigureSet.values()) {
            if (!only.isBlank() && !List.of(only.split(",")).contains(set.name())) {
                continue;
            }
            for (FigurePeriod period : List.of(FigurePeriod.DAILY, FigurePeriod.MONTHLY)) {
                for (ZoneId zone : List.of(ZoneId.of("UTC"), KATHMANDU, ZoneId.of("America/New_York"))) {
                    FigureReport report = periodFigures.report(set, period, zone);
                    String name = "%s %s %s (%d periods)"
                            .formatted(set, period, zone.getId(), report.rows().size());
                    Medians.Timing ours = Medians.time(name, RUNS, () -> periodFigures.report(set, period, zone));
                    double naive = Double.NaN;
                    String note = "";
                    if (naiveToo && period == FigurePeriod.DAILY && zone.equals(KATHMANDU)) {
                        naive = naive(set, tenant, report);
                        note = "naive: GROUP BY local day over %,d raw sessions".formatted(sessions);
                    }
                    results.put(name, new BenchFigures.Timed(ours, naive, note));
                }
            }
        }
        BenchFigures.printAndRecord(
                "Reporting web service siblings",
                "Sibling reports (CsConference*, CsP2PSession*, CsP2PAVTime*, CsAVConferenceTime*, "
                        + "CsPSTNConferenceTime*), %,d users x %d days, %,d sessions; ms, target < 200"
                                .formatted(users, days, sessions),
                results);
        TestTenants.signOut();
    }

    /** The set's first figure per Kathmandu day straight from the raw sessions, checked equal; its median time. */
    private double naive(FigureSet set, Tenant tenant, FigureReport report) {
        String sql = switch (set) {
            // each conference once, on the day of its first session (docs/reporting-web-service.md)
            case CONFERENCES -> """
                    SELECT DATE(c.first_start + INTERVAL %d SECOND) AS day, COUNT(*) AS figure
                    FROM (
                        SELECT MIN(s.start_time) AS first_start
                        FROM comm_session s
                        WHERE s.tenant_id = :t AND s.conference_url IS NOT NULL AND s.to_user_id IS NOT NULL
                        GROUP BY s.conference_url, COALESCE(s.conf_instance, '')
                    ) c
                    GROUP BY day
                    """;
            case P2P_SESSIONS -> """
                    SELECT DATE(s.start_time + INTERVAL %d SECOND) AS day, COUNT(*) AS figure
                    FROM comm_session s
                    WHERE s.tenant_id = :t AND s.conference_url IS NULL
                    GROUP BY day
                    """;
            case P2P_AV_TIME -> """
                    SELECT DATE(s.start_time + INTERVAL %d SECOND) AS day,
                           (COALESCE(SUM(m.duration_ms), 0) + 30000) DIV 60000 AS figure
                    FROM comm_session s
                    LEFT JOIN session_media m ON m.session_id = s.id AND m.media_type_id = 5
                    WHERE s.tenant_id = :t AND s.conference_url IS NULL
                    GROUP BY day
                    """;
            case AV_CONFERENCE_TIME -> """
                    SELECT DATE(s.start_time + INTERVAL %d SECOND) AS day,
                           (COALESCE(SUM((SELECT GREATEST(COALESCE(SUM(IF(m.media_type_id = 5, m.duration_ms, 0)), 0),
                                                          COALESCE(SUM(IF(m.media_type_id = 6, m.duration_ms, 0)), 0))
                                          FROM session_media m WHERE m.session_id = s.id)), 0) + 30000) DIV 60000
                               AS figure
                    FROM comm_session s
                    WHERE s.tenant_id = :t AND s.conference_url IS NOT NULL AND s.from_user_id IS NOT NULL
                    GROUP BY day
                    """;
            case PSTN_CONFERENCE_TIME -> """
                    SELECT DATE(s.start_time + INTERVAL %d SECOND) AS day,
                           (COALESCE(SUM((SELECT GREATEST(COALESCE(SUM(IF(m.media_type_id = 5, m.duration_ms, 0)), 0),
                                                          COALESCE(SUM(IF(m.media_type_id = 6, m.duration_ms, 0)), 0))
                                          FROM session_media m WHERE m.session_id = s.id)), 0) + 30000) DIV 60000
                               AS figure
                    FROM comm_session s
                    WHERE s.tenant_id = :t AND s.conference_url IS NOT NULL AND s.to_user_id IS NOT NULL
                      AND (s.dial_direction IS NOT NULL OR s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL)
                    GROUP BY day
                    """;
        };
        String query = sql.formatted(KATHMANDU_SECONDS);
        Map<LocalDate, Long> raw = new HashMap<>();
        double[] ms = new double[NAIVE_RUNS];
        for (int i = 0; i < NAIVE_RUNS; i++) {
            raw.clear();
            long started = System.nanoTime();
            jdbc.sql(query)
                    .param("t", tenant.id())
                    .query((rs, n) -> raw.put(rs.getObject("day", LocalDate.class), rs.getLong("figure")))
                    .list();
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        FigureSet.Figure first = set.figures().get(0);
        for (FigureRow row : report.rows()) {
            LocalDate day = row.date().toLocalDate().minusDays(1);
            assertThat(row.figures().get(first)).as("%s %s %s", set, first, day).isEqualTo(raw.getOrDefault(day, 0L));
        }
        java.util.Arrays.sort(ms);
        return ms[NAIVE_RUNS / 2];
    }
}
