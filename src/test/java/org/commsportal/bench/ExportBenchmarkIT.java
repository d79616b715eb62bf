package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.QualityRankRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.export.CountingOutputStream;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.Role;
import org.commsportal.sessiondetails.SearchForm;
import org.commsportal.sessiondetails.SessionColumn;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionSearch;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9: exporting a million session rows (session details, every column) streams. Prints the rows per second and
 * the heap growth, measured as the largest live heap after any garbage collection during the export minus the live
 * heap before it, for CSV and Excel. Asserts only that every row was written.
 */
@Tag("bench")
@PortalIntegrationTest
class ExportBenchmarkIT {

    private static final int SESSIONS = Integer.getInteger("bench.exportRows", 1_000_000);
    private static final int PEERS = 50;

    /** The benchmarks' fixed day (BenchClock), not the machine's. */
    @Autowired
    java.time.Clock clock;

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

    @Test
    void a_million_session_rows_export_streaming() {
        LocalDate lastDay =
                LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1);
        LocalDate firstDay = lastDay.minusDays(29);
        Tenant tenant = load(firstDay);
        long heavy = jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND alias = 'heavy'")
                .param("t", tenant.id())
                .query(Long.class)
                .single();

        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        try {
            SessionSearch search = sessionDetails.search(new SearchForm(
                    heavy, firstDay.atStartOfDay(), lastDay.plusDays(1).atStartOfDay()));
            List<String[]> table = new ArrayList<>();
            for (ExportFormat format : List.of(ExportFormat.CSV, ExportFormat.XLSX)) {
                export(search, format, new CountingOutputStream()); // warm-up
                var out = new CountingOutputStream();
                var heap = new LiveHeap();
                long started = System.nanoTime();
                long rows;
                try (heap) {
                    rows = export(search, format, out);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(rows).isEqualTo(SESSIONS);
                double rowsPerSecond = rows / seconds;
                double growthMb = heap.growthBytes() / 1024.0 / 1024.0;
                table.add(new String[] {
                    "export " + rows + " rows, all columns, " + format,
                    String.format("%.1f s", seconds),
                    String.format("%,.0f rows/s", rowsPerSecond),
                    String.format("%.1f MB", growthMb),
                    String.format("%.0f MB", out.bytes() / 1024.0 / 1024.0),
                    rowsPerSecond >= 100_000 && growthMb < 64 ? "yes" : "no"
                });
                BenchFigures.record(
                        "Export",
                        "export %,d session rows, all columns, %s".formatted(rows, format),
                        seconds * 1000,
                        Double.NaN,
                        Double.NaN,
                        "one run; %,.0f rows/s, heap growth %.1f MB, %.0f MB; "
                                        .formatted(rowsPerSecond, growthMb, out.bytes() / 1024.0 / 1024.0)
                                + "targets >= 100,000 rows/s and < 64 MB met: "
                                + (rowsPerSecond >= 100_000 && growthMb < 64 ? "yes" : "no"));
            }
            System.out.printf(
                    "%nStreaming exports, session details of one user with %,d sessions in 30 days "
                            + "(targets: >= 100,000 rows/s, heap growth < 64 MB; heap %d MB max)%n",
                    SESSIONS, Runtime.getRuntime().maxMemory() / 1024 / 1024);
            System.out.printf(
                    "%-44s %9s %16s %12s %10s %5s%n", "operation", "time", "rate", "heap growth", "size", "met");
            table.forEach(r -> System.out.printf("%-44s %9s %16s %12s %10s %5s%n", (Object[]) r));
        } finally {
            TestTenants.signOut();
        }
    }

    private long export(SessionSearch search, ExportFormat format, OutputStream out) {
        try {
            return sessionDetails.export(search, List.of(SessionColumn.values()), format, out, written -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One licensed user with a session every 2.6 seconds for 30 days, with some of 50 peers; loaded once. */
    private Tenant load(LocalDate firstDay) {
        String name = "bench-export-" + SESSIONS + "-" + firstDay + ".example";
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_complete (tenant_id BIGINT PRIMARY KEY)")
                .update();
        var existing = tenants.findByName(name);
        if (existing.isPresent()
                && jdbc.sql("SELECT COUNT(*) FROM bench_complete WHERE tenant_id = :t")
                                .param("t", existing.get().id())
                                .query(Long.class)
                                .single()
                        > 0) {
            System.out.println("Reusing data set " + name);
            return existing.get();
        }
        if (existing.isPresent()) {
            throw new IllegalStateException(
                    "Data set " + name + " is incomplete; delete the bench database and run again");
        }
        long started = System.nanoTime();
        Tenant tenant = tenants.create(name, java.util.UUID.randomUUID(), false);
        List<UserRecord> users = new ArrayList<>();
        users.add(new UserRecord("heavy@" + name, "heavy", "Heavy User", firstDay.minusDays(60), null));
        for (int i = 0; i < PEERS; i++) {
            users.add(new UserRecord("peer" + i + "@" + name, "peer" + i, "Peer " + i, firstDay.minusDays(60), null));
        }
        currentTenant.runAs(tenant.id(), () -> directory.upsert(users));
        Map<String, Long> ids = jdbc
                .sql("SELECT alias, id FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query((rs, row) -> Map.entry(rs.getString("alias"), rs.getLong("id")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long spacingMs = 30L * 86_400_000 / SESSIONS;
        int chunk = 100_000;
        for (int from = 0; from < SESSIONS; from += chunk) {
            int to = Math.min(SESSIONS, from + chunk);
            jdbc.sql("""
                    INSERT INTO comm_session (tenant_id, dialog_id, start_time, end_time, from_uri, to_uri, from_user_id,
                        to_user_id, from_client_version, to_client_version, conference_url, response_code, media_mask,
                        im_message_count)
                    SELECT :t, CONCAT('export-', seq), TIMESTAMPADD(MICROSECOND, seq * :spacing * 1000, :first),
                           TIMESTAMPADD(MICROSECOND, (seq * :spacing + 1000 + seq MOD 600000) * 1000, :first),
                           :fromUri, CONCAT('sip:peer', seq MOD :peers, '@', :domain), :heavy, :firstPeer + seq MOD :peers,
                           'UCCAPI/16.0.14326.20454 OC/16.0.14326.20454 (Skype for Business)', 'UCCAPI/16.0.14326.20454',
                           IF(seq MOD 10 = 0, CONCAT('sip:heavy@', :domain, ';gruu;opaque=app:conf:focus:id:', seq), NULL),
                           IF(seq MOD 50 = 0, 487, 200), ELT(1 + seq MOD 4, 1, 16, 48, 24), IF(seq MOD 4 = 0, 12, 0)
                    FROM seq_%d_to_%d
                    """.formatted(from, to - 1))
                    .param("t", tenant.id())
                    .param("spacing", spacingMs)
                    .param("first", firstDay.atStartOfDay())
                    .param("fromUri", "sip:heavy@" + name)
                    .param("domain", name)
                    .param("heavy", ids.get("heavy"))
                    .param("firstPeer", ids.get("peer0"))
                    .param("peers", PEERS)
                    .update();
            System.out.printf(
                    "  loaded %,d of %,d sessions after %d s%n",
                    to, SESSIONS, (System.nanoTime() - started) / 1_000_000_000);
        }
        jdbc.sql("""
                INSERT INTO session_media (session_id, session_start, media_type_id, tenant_id, duration_ms)
                SELECT s.id, s.start_time, m.type, s.tenant_id, TIMESTAMPDIFF(MICROSECOND, s.start_time, s.end_time) DIV 1000
                FROM comm_session s JOIN (SELECT 1 AS bit, 1 AS type UNION ALL SELECT 16, 5 UNION ALL SELECT 32, 6
                                          UNION ALL SELECT 8, 4) m ON s.media_mask & m.bit
                WHERE s.tenant_id = :t
                """).param("t", tenant.id()).update();
        BenchTenant.recordDialogs(jdbc, tenant.id());
        QualityRankRecomputation.store(jdbc, tenant.id()); // no quality records: real-time sessions are Unclassified
        jdbc.sql("INSERT INTO bench_complete (tenant_id) VALUES (:t)")
                .param("t", tenant.id())
                .update();
        System.out.printf("Loaded %s in %d s%n", name, (System.nanoTime() - started) / 1_000_000_000);
        return tenant;
    }
}
