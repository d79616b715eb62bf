package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.ActivityService;
import org.commsportal.directory.DirectoryService;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.sessiondetails.GroupFilter;
import org.commsportal.sessiondetails.SearchForm;
import org.commsportal.sessiondetails.SessionColumn;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionGroup;
import org.commsportal.sessiondetails.SessionSearch;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server time of the session details page on the bench data set: a 30-day search of a busy user (validation, audit,
 * first page and count), a two-level group-by over that result, opening a session's sub-tabs, a sort by quality
 * and a full export, as medians of repeated runs. Prints figures; asserts only that they are right.
 */
@Tag("bench")
@PortalIntegrationTest
class SessionDetailsBenchmarkIT {

    private static final int RUNS = 15;
    private static final int PAGE = 50;

    @Autowired
    ActivityService activity;

    @Autowired
    SessionDetailsService sessionDetails;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantService tenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    @Autowired
    org.commsportal.sessions.ReadModelCheck readModels;

    private final Map<String, Medians.Timing> results = new LinkedHashMap<>();

    @Test
    void session_details_figures() {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        int qualityDays = Math.min(days, Integer.getInteger("bench.qualityDays", 35));
        var bench = new BenchTenant(jdbc, tenants, directory, currentTenant, testTenants, readModels);
        LocalDate lastDay = activity.reportDate();
        Tenant tenant = bench.load(users, days, lastDay);
        bench.loadQuality(tenant, lastDay, qualityDays);
        long sessions = jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        long qualityRows = jdbc.sql("SELECT COUNT(*) FROM qoe_audio_stream WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();

        LocalDate firstDay = lastDay.minusDays(29);
        long busiest = jdbc.sql("""
                SELECT user_id FROM user_daily_rollup WHERE tenant_id = :t AND day >= :from
                GROUP BY user_id ORDER BY SUM(p2p_im + p2p_audio + p2p_video + p2p_app_sharing + p2p_file_transfer) DESC,
                         user_id LIMIT 1
                """)
                .param("t", tenant.id())
                .param("from", firstDay)
                .query(Long.class)
                .single();
        var form = new SearchForm(
                busiest, firstDay.atStartOfDay(), lastDay.plusDays(1).atStartOfDay());
        long raw = jdbc.sql("""
                SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t AND (from_user_id = :u OR to_user_id = :u)
                  AND start_time >= :from AND start_time < :to
                """)
                .param("t", tenant.id())
                .param("u", busiest)
                .param("from", form.from())
                .param("to", form.effectiveTo())
                .query(Long.class)
                .single();

        for (Role role : List.of(Role.GLOBAL_ADMIN, Role.GLOBAL_READER)) {
            testTenants.signInAs(tenant, role);
            String names = role == Role.GLOBAL_ADMIN ? "names shown" : "names concealed";
            SessionSearch search = sessionDetails.search(form);
            assertThat(sessionDetails.countSessions(search, List.of()))
                    .as("result size equals raw rows")
                    .isEqualTo(raw);

            results.put("30-day search: page + count (" + names + ")", median("search " + names, () -> {
                SessionSearch s = sessionDetails.search(form);
                sessionDetails.sessions(s, List.of(), 0, PAGE);
                sessionDetails.countSessions(s, List.of());
            }));
            results.put(
                    "group by Media types, then Response Code (" + names + ")",
                    median("group-by " + names, () -> twoLevels(search)));
            results.put(
                    "sort by Quality, first page (" + names + ")",
                    median(
                            "quality sort " + names,
                            () -> sessionDetails.sessions(
                                    search.sortedBy(SessionColumn.QUALITY, false), List.of(), 0, PAGE)));
            long sessionId = jdbc.sql("""
                    SELECT MIN(id) FROM comm_session WHERE tenant_id = :t AND media_mask & 48 = 48
                      AND (from_user_id = :u OR to_user_id = :u) AND start_time >= :from
                    """)
                    .param("t", tenant.id())
                    .param("u", busiest)
                    .param("from", form.from())
                    .query(Long.class)
                    .single();
            assertThat(sessionDetails.quality(sessionId).report().audioStreams())
                    .isNotEmpty();
            results.put(
                    "open a session's sub-tabs (" + names + ")",
                    median("sub-tabs " + names, () -> sessionDetails.quality(sessionId)));
            results.put(
                    "export " + raw + " sessions, all columns, CSV (" + names + ")",
                    median("export " + names, () -> export(search)));
        }

        System.out.printf(
                "%nSession details, %,d users x %d days, %,d sessions, quality records for the last %d days "
                        + "(%,d audio streams); busy user: %,d sessions in 30 days (medians of %d runs, ms)%n",
                users, days, sessions, qualityDays, qualityRows, raw, RUNS);
        System.out.printf("%-64s %8s %8s%n", "operation", "median", "p95");
        results.forEach((name, t) -> {
            System.out.printf("%-64s %8.1f %8.1f%n", name, t.medianMs(), t.p95Ms());
            BenchFigures.record("Session details", name, t.medianMs(), t.p95Ms(), Double.NaN, "");
        });
    }

    /** Both levels of the tree open: the first level's groups, then each group's response codes. */
    private void twoLevels(SessionSearch search) {
        sessionDetails.countGroups(search, List.of(), SessionColumn.MEDIA_TYPES);
        List<SessionGroup> media = sessionDetails.groups(search, List.of(), SessionColumn.MEDIA_TYPES, 0, PAGE);
        for (SessionGroup group : media) {
            var path = List.of(new GroupFilter(SessionColumn.MEDIA_TYPES, group.value()));
            sessionDetails.countGroups(search, path, SessionColumn.RESPONSE_CODE);
            sessionDetails.groups(search, path, SessionColumn.RESPONSE_CODE, 0, PAGE);
        }
    }

    private void export(SessionSearch search) {
        try {
            sessionDetails.export(
                    search,
                    List.of(SessionColumn.values()),
                    ExportFormat.CSV,
                    OutputStream.nullOutputStream(),
                    written -> {});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Medians.Timing median(String name, Runnable operation) {
        return Medians.time(name, RUNS, operation);
    }
}
