package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserRecomputation;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.common.PeriodTotalsSchedule;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.ingest.IngestProblems;
import org.commsportal.ingest.IngestRecords;
import org.commsportal.sessions.BulkSessionWriter;
import org.commsportal.sessions.RawRowsFloor;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The history backfill (docs/ingest.md, "Bulk imports"): the bench's import size of sessions with quality records,
 * read from an NDJSON file in batches of {@value #BATCH} and parsed as the importers do, written three ways, each into
 * a new tenant, one thread each: the raw rows alone (the floor), the per-request write path (every read model kept
 * in each batch's transaction), and the bulk path (raw rows, then every read model of the imported days rebuilt),
 * end to end, with the largest heap in use after a garbage collection meanwhile. Afterwards the bulk tenant's read
 * models must equal a recomputation. {@code -Dbench.import.sessions} (default 200,000); {@code -Dbench.import.paths}
 * (default {@code floor,per-request,bulk}) and {@code -Dbench.import.dayIntoHistory=false} leave parts out, for a
 * very large import.
 */
@Tag("bench")
@PortalIntegrationTest
class BulkImportBenchmarkIT {

    private static final int BATCH = 1_000;
    private static final int USERS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestTenants testTenants;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    PeriodTotalsSchedule periodTotalsSchedule;

    @Autowired
    Clock clock;

    @Autowired
    ActiveUsersService activeUsers;

    @Autowired
    IngestRecords records;

    @Autowired
    SessionWriter writer;

    @Autowired
    BulkSessionWriter bulk;

    @Autowired
    ReadModelCheck readModelCheck;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    /** Writes one batch of NDJSON lines for a tenant. */
    @FunctionalInterface
    private interface BatchWriter {
        void write(Tenant tenant, List<String> lines) throws Exception;
    }

    @Test
    void a_history_backfill_on_the_bulk_path_beside_the_per_request_path_and_the_raw_row_floor() throws Exception {
        int sessions = Integer.getInteger("bench.import.sessions", 200_000);
        // the totals of earlier runs' tenants are moved first, not by the start-up's move beside the timed writes
        periodTotalsSchedule.moveEveryTenant();
        Path file = Path.of("target", "bench-bulk-import.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < sessions; i++) {
                out.write(session("bulk-" + i, i, today()));
                out.newLine();
            }
        }
        // -Dbench.import.paths: which of floor, per-request and bulk run (a very large import runs the bulk path alone)
        Set<String> paths = Set.of(System.getProperty("bench.import.paths", "floor,per-request,bulk")
                .split(","));
        var floor = new RawRowsFloor(context);
        double floorSeconds = paths.contains("floor")
                ? timed(file, tenant("bench-bulk-floor"), (tenant, lines) -> floor.write(tenant.id(), lines))
                : Double.NaN;
        double perRequestSeconds = paths.contains("per-request")
                ? timed(
                        file,
                        tenant("bench-bulk-per-request"),
                        (tenant, lines) -> currentTenant.runAs(tenant.id(), () -> writer.write(parsed(lines))))
                : Double.NaN;
        Tenant bulkTenant = tenant("bench-bulk");
        double loadSeconds;
        double rebuildSeconds;
        double bulkSeconds;
        long heapBytes;
        List<String> rebuilt;
        try (var heap = new LiveHeap()) {
            long started = System.nanoTime();
            currentTenant.runAs(bulkTenant.id(), () -> bulk.start());
            loadSeconds = timed(
                    file,
                    bulkTenant,
                    (tenant, lines) -> currentTenant.runAs(tenant.id(), () -> bulk.write(parsed(lines))));
            long rebuildStarted = System.nanoTime();
            rebuilt = currentTenant.runAs(bulkTenant.id(), () -> bulk.finish());
            rebuildSeconds = (System.nanoTime() - rebuildStarted) / 1e9;
            bulkSeconds = (System.nanoTime() - started) / 1e9;
            heapBytes = heap.largestAfterGcBytes();
        }
        Files.deleteIfExists(file);
        double heapMb = heapBytes / 1024.0 / 1024.0;
        double maxHeapMb = Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0;

        long checkStarted = System.nanoTime();
        assertThat(readModelCheck.differences(bulkTenant.id(), 10)).isEmpty();
        double checkSeconds = (System.nanoTime() - checkStarted) / 1e9;
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                        .param("t", bulkTenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(sessions);

        System.out.printf(
                "%nBULK IMPORT BENCHMARK (%,d sessions with quality records, batches of %d, one thread)%n"
                        + "  floor, raw rows only:   %.1f s, %,.0f sessions/s%n"
                        + "  per-request write path: %.1f s, %,.0f sessions/s (%.0f %% of the floor)%n"
                        + "  bulk path:              %.1f s, %,.0f sessions/s end to end (%.0f %% of the floor):"
                        + " raw rows %.1f s, rebuild %.1f s of %s%n"
                        + "  heap in use after a garbage collection during the bulk path, at most: %.0f MB (-Xmx %.0f MB)%n"
                        + "  verify-rollups on the bulk tenant afterwards: %.1f s, no differences%n",
                sessions,
                BATCH,
                floorSeconds,
                sessions / floorSeconds,
                perRequestSeconds,
                sessions / perRequestSeconds,
                100 * floorSeconds / perRequestSeconds,
                bulkSeconds,
                sessions / bulkSeconds,
                100 * floorSeconds / bulkSeconds,
                loadSeconds,
                rebuildSeconds,
                rebuilt,
                heapMb,
                maxHeapMb,
                checkSeconds);
        String size = "%,d sessions with quality, 1 thread".formatted(sessions);
        if (paths.contains("floor")) {
            BenchFigures.record(
                    "Bulk import",
                    "floor: raw rows only of " + size,
                    floorSeconds * 1000,
                    Double.NaN,
                    Double.NaN,
                    "%,.0f sessions/s; parse and raw rows, no read models".formatted(sessions / floorSeconds));
        }
        if (paths.contains("per-request")) {
            BenchFigures.record(
                    "Bulk import",
                    "per-request write path, " + size,
                    perRequestSeconds * 1000,
                    Double.NaN,
                    Double.NaN,
                    "%,.0f sessions/s, %.0f %% of the floor; every read model exact at each commit"
                            .formatted(sessions / perRequestSeconds, 100 * floorSeconds / perRequestSeconds));
        }
        BenchFigures.record(
                "Bulk import",
                "bulk path end to end, " + size,
                bulkSeconds * 1000,
                Double.NaN,
                Double.NaN,
                ("%,.0f sessions/s, %s; raw rows %.1f s + rebuild %.1f s; equal to a recomputation;"
                                + " heap after GC at most %.0f MB of %.0f")
                        .formatted(
                                sessions / bulkSeconds,
                                Double.isNaN(floorSeconds)
                                        ? "floor not run"
                                        : "%.0f %% of the floor".formatted(100 * floorSeconds / bulkSeconds),
                                loadSeconds,
                                rebuildSeconds,
                                heapMb,
                                maxHeapMb));
        if (Boolean.parseBoolean(System.getProperty("bench.import.dayIntoHistory", "true"))) {
            aDayIntoHistory(bulkTenant, sessions);
        }
    }

    /**
     * A day of history more into the bulk tenant (its thirtieth of the import, on a day in the middle of its 30): the
     * active users of the days the import's sessions are in progress on (docs/active-users.md, "Bulk imports") beside
     * the rebuild of the whole tenant's that a bulk import ran before. Both end equal to a recomputation.
     */
    private void aDayIntoHistory(Tenant bulkTenant, int sessions) throws Exception {
        Path file = Path.of("target", "bench-bulk-import-day.ndjson");
        int daySessions = sessions / 30;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < daySessions; i++) {
                out.write(session("bulk-day-" + i, i * 30 + 15, today()));
                out.newLine();
            }
        }
        long started = System.nanoTime();
        currentTenant.runAs(bulkTenant.id(), () -> bulk.start());
        timed(file, bulkTenant, (tenant, lines) -> currentTenant.runAs(tenant.id(), () -> bulk.write(parsed(lines))));
        long[] activeUsersStep = new long[2];
        List<String> rebuilt = currentTenant.runAs(
                bulkTenant.id(),
                () -> bulk.finish((step, steps, what) -> {
                    if (activeUsersStep[0] != 0 && activeUsersStep[1] == 0) {
                        activeUsersStep[1] = System.nanoTime();
                    }
                    if (what.equals("read model ActiveUserActivity")) {
                        activeUsersStep[0] = System.nanoTime();
                    }
                }));
        double daySeconds = (System.nanoTime() - started) / 1e9;
        Files.deleteIfExists(file);
        assertThat(rebuilt).contains("ActiveUserActivity");
        assertThat(readModelCheck.differences(bulkTenant.id(), 10)).isEmpty();
        double daysMs = (activeUsersStep[1] - activeUsersStep[0]) / 1e6;

        long wholeStarted = System.nanoTime();
        ActiveUserRecomputation.rebuildFromRawSessions(activeUsers, jdbc, testTenants, bulkTenant);
        double wholeMs = (System.nanoTime() - wholeStarted) / 1e6;
        System.out.printf(
                "  a day more (%,d sessions) into the bulk tenant's 30 days: %.1f s end to end; active users of its"
                        + " days %.0f ms, of the whole tenant %.0f ms%n",
                daySessions, daySeconds, daysMs, wholeMs);
        BenchFigures.record(
                "Bulk import",
                "a day more (%,d sessions) into 30 days of history: active users rebuilt".formatted(daySessions),
                daysMs,
                Double.NaN,
                wholeMs,
                "the days its sessions are in progress on; naive: the whole tenant's, as before; import end to end %.1f s"
                        .formatted(daySeconds));
    }

    /** Reads the file in batches and has the writer write each; the seconds it took. */
    private static double timed(Path file, Tenant tenant, BatchWriter writer) throws Exception {
        long started = System.nanoTime();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            List<String> lines = new ArrayList<>(BATCH);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (lines.size() == BATCH) {
                    writer.write(tenant, lines);
                    lines.clear();
                }
            }
            if (!lines.isEmpty()) {
                writer.write(tenant, lines);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private List<SessionRecord> parsed(List<String> lines) {
        List<SessionRecord> batch = new ArrayList<>(lines.size());
        var problems = new IngestProblems();
        for (int index = 0; index < lines.size(); index++) {
            try {
                SessionRecord session = records.session(index, JSON.readTree(lines.get(index)), problems);
                if (session == null) {
                    throw new IllegalArgumentException(problems.listed().toString());
                }
                batch.add(session);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return batch;
    }

    /**
     * A new tenant named after the bench's domain with its licensed users, its period totals and active-user rows
     * built, so that the per-request path keeps them all.
     */
    private Tenant tenant(String name) {
        Tenant tenant = testTenants.newTenant(name);
        List<UserRecord> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(new UserRecord("u" + u + "@bench.example", "u" + u, "User " + u, LocalDate.of(2025, 1, 1), null));
        }
        currentTenant.runAs(tenant.id(), () -> directory.upsert(users));
        // every report's totals at the report date, as a tenant's are once it has run a minute: each write keeps them
        periodTotalsSchedule.moveEveryTenant();
        ActiveUserRecomputation.rebuildFromRawSessions(activeUsers, jdbc, testTenants, tenant);
        return tenant;
    }

    /** The portal's today (the bench clock's), so the sessions' 30 days end on the report date. */
    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * A session between two of the bench users over the 30 days before today: peer-to-peer IM or audio, some with
     * video or a conference, with an audio stream and media line, sometimes feedback.
     */
    private static String session(String dialogId, int n, LocalDate today) {
        Instant start = today.minusDays(1 + n % 30)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(n % 86_000, ChronoUnit.SECONDS);
        String conference = n % 11 == 0
                ? ",\"conferenceUrl\":\"sip:u%d@bench.example;gruu;opaque=app:conf:focus:id:%d\",\"confInstance\":\"1\""
                        .formatted(n % USERS, n % 500)
                : "";
        return BenchSessionJson.of(
                dialogId,
                start,
                "u" + n % USERS + "@bench.example",
                "u" + (n * 7 + 1) % USERS + "@bench.example",
                "UCCAPI/16.0 OC/16.0",
                conference,
                true,
                n);
    }
}
