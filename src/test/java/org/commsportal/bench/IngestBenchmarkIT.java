package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.database.EmbeddedMariaDb;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.security.Role;
import org.commsportal.sessions.RawRowsFloor;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ingestion throughput over HTTP (4 senders, batches of 1,000 sessions with quality records, rollups, period totals
 * and active users maintained) beside the floor under it (the same records' raw rows alone, without HTTP), and a
 * command-line import of a large NDJSON file in a separate JVM limited to a 512 MB heap. Prints figures;
 * asserts only that the work was done. {@code -Dbench.ingest.batches} (default 40) and
 * {@code -Dbench.import.sessions} (default 1,000,000).
 */
@Tag("bench")
@PortalIntegrationTest
class IngestBenchmarkIT {

    private static final int BATCH = 1_000;
    private static final int SENDERS = 4;
    private static final int USERS = 2_000;

    @LocalServerPort
    int port;

    /** The benchmarks' fixed day (BenchClock), not the machine's. */
    @Autowired
    java.time.Clock clock;

    @Autowired
    TestTenants testTenants;

    @Autowired
    IngestionKeys keys;

    @Autowired
    DirectoryService directory;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    DataSource dataSource;

    @Autowired
    EmbeddedMariaDb database;

    @Autowired
    UserPeriodTotals periodTotals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void sustained_http_ingest_and_a_large_file_import() throws Exception {
        Tenant tenant = benchTenant("bench-ingest");
        // as in a tenant whose peer-to-peer report has been opened: every write keeps the period totals up too
        currentTenant.runAs(
                tenant.id(),
                () -> periodTotals.moveTo(
                        LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1)));
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        String key = keys.create("bench").key();
        TestTenants.signOut();

        int batches = Integer.getInteger("bench.ingest.batches", 40);
        HttpClient http = HttpClient.newHttpClient();
        double seconds = concurrently(batches, "http-", tenant, lines -> {
            var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ingest/sessions"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        });
        long sessions = (long) batches * BATCH;
        System.out.printf(
                "%nINGEST BENCHMARK%n  HTTP: %d sessions with quality in batches of %d, %d senders: %.1f s, "
                        + "%.0f sessions/s%n",
                sessions, BATCH, SENDERS, seconds, sessions / seconds);
        BenchFigures.record(
                "Ingest",
                "HTTP ingest of %,d sessions with quality, %d senders".formatted(sessions, SENDERS),
                seconds * 1000,
                Double.NaN,
                Double.NaN,
                "%,.0f sessions/s (one run, whole time)".formatted(sessions / seconds));

        // the floor: the same records parsed and only their raw rows written, with the writer's statements
        Tenant floorTenant = benchTenant("bench-floor");
        var floor = new RawRowsFloor(context);
        double floorSeconds =
                concurrently(batches, "floor-", floorTenant, lines -> floor.write(floorTenant.id(), lines));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                        .param("t", floorTenant.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(sessions);
        System.out.printf(
                "  Raw rows only (parse, sessions, media and quality rows; no rollups, no HTTP), %d threads: "
                        + "%.1f s, %.0f sessions/s%n",
                SENDERS, floorSeconds, sessions / floorSeconds);
        BenchFigures.record(
                "Ingest",
                "floor: raw rows only of %,d sessions, %d threads".formatted(sessions, SENDERS),
                floorSeconds * 1000,
                Double.NaN,
                Double.NaN,
                "%,.0f sessions/s; parse and raw rows, no rollups, no HTTP".formatted(sessions / floorSeconds));

        int fileSessions = Integer.getInteger("bench.import.sessions", 1_000_000);
        Path file = Path.of("target", "bench-import.ndjson");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < fileSessions; i++) {
                out.write(session("file-" + i, i, tenant.name()));
                out.newLine();
            }
        }
        String url;
        try (var connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        }
        Path jar = Files.list(Path.of("target"))
                .filter(p -> p.getFileName().toString().matches("comms-usage-portal-.*\\.jar"))
                .findFirst()
                .orElseThrow();
        long importStarted = System.nanoTime();
        ProcessBuilder importing = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-jar",
                        jar.toString(),
                        "import",
                        "sessions",
                        file.toString(),
                        "--tenant=" + tenant.name(),
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + EmbeddedMariaDb.ROOT_USER)
                .redirectErrorStream(true);
        importing.environment().put("SPRING_DATASOURCE_PASSWORD", database.rootPassword());
        Process importer = importing.start();
        String output = new String(importer.getInputStream().readAllBytes());
        int exit = importer.waitFor();
        double importMs = (System.nanoTime() - importStarted) / 1e6;
        System.out.println("  Import of " + fileSessions + " sessions, child JVM with -Xmx512m, exit " + exit + ":");
        output.lines()
                .filter(line -> line.startsWith("Imported")
                        || line.contains("heap")
                        || line.contains("Error")
                        || line.contains("problem"))
                .forEach(line -> System.out.println("    " + line));
        System.out.println(
                "  (this JVM: " + ManagementFactory.getRuntimeMXBean().getName() + ")");
        assertThat(exit).as(output).isZero();
        String imported = output.lines()
                .filter(line -> line.startsWith("Imported"))
                .findFirst()
                .orElse("");
        BenchFigures.record(
                "Ingest",
                "file import of %,d sessions, child JVM -Xmx512m".formatted(fileSessions),
                importMs,
                Double.NaN,
                Double.NaN,
                "one run, JVM start included; %,.0f sessions/s overall%s"
                        .formatted(fileSessions / (importMs / 1000), imported.isEmpty() ? "" : "; " + imported));
        Files.deleteIfExists(file);
    }

    /** A new tenant with the bench's licensed users. */
    private Tenant benchTenant(String name) {
        Tenant tenant = testTenants.newTenant(name);
        List<UserRecord> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(new UserRecord(
                    "u" + u + "@" + tenant.name(), "u" + u, "User " + u, LocalDate.of(2025, 1, 1), null));
        }
        currentTenant.runAs(tenant.id(), () -> directory.upsert(users));
        return tenant;
    }

    /** Writes one batch of NDJSON lines. */
    @FunctionalInterface
    private interface BatchWriter {
        void write(List<String> lines) throws Exception;
    }

    /** Has {@link #SENDERS} threads write the batches (each takes the next one) and returns the seconds it took. */
    private double concurrently(int batches, String dialogPrefix, Tenant tenant, BatchWriter writer) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long started = System.nanoTime();
        List<Future<Void>> results = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            results.add(senders.submit(() -> {
                for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    List<String> lines = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        lines.add(session(dialogPrefix + b + "-" + i, b * BATCH + i, tenant.name()));
                    }
                    writer.write(lines);
                }
                return null;
            }));
        }
        for (Future<Void> result : results) {
            result.get();
        }
        senders.shutdown();
        return (System.nanoTime() - started) / 1e9;
    }

    /** A peer-to-peer session between two of the bench users, with audio stream, media line and sometimes feedback. */
    private String session(String dialogId, int n, String domain) {
        Instant start = LocalDate.now(clock.withZone(ZoneOffset.UTC))
                .minusDays(1 + n % 30)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .plus(n % 86_000, ChronoUnit.SECONDS);
        return BenchSessionJson.of(
                dialogId,
                start,
                "u" + n % USERS + "@" + domain,
                "u" + (n * 7 + 1) % USERS + "@" + domain,
                null,
                "",
                false,
                n);
    }
}
