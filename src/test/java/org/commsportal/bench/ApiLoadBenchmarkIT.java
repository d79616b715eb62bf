package org.commsportal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.RollupRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUsersNotReadyException;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserPeriodTotals;
import org.commsportal.bench.ApiLoadMix.Body;
import org.commsportal.bench.ApiLoadMix.Call;
import org.commsportal.bench.ApiLoadMix.Kind;
import org.commsportal.bench.ApiLoadMix.Zone;
import org.commsportal.common.PeriodTotalsMove;
import org.commsportal.security.ApiTokens;
import org.commsportal.security.Role;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 27: the reporting web service and the Graph-style reports API under load. {@code bench.api.clients} clients
 * (default 50), signed in as one of six accounts (global administrators and global readers) with HTTP Basic or the
 * account's personal API token, call a realistic mix of both APIs ({@link ApiLoadMix}) back to back, without pause
 * ({@code bench.api.exporters} of them, default 1, download whole user detail CSVs one after another instead, and
 * {@code bench.api.walkers}, default 10, follow every page of user detail JSON calls),
 * for {@code bench.api.seconds} (default 60) after a warm-up of {@code bench.api.warmUpSeconds} (default 10), on the
 * bench data set, over one pooled HTTP/1.1 client. Every answer must be a 200 whose
 * body equals the answer the same call got before the load, alone (a 429, a 5xx, a timeout or any other body is an
 * error). Records per kind of call and overall the requests, their rate, p50, p95, p99 and slowest time (goal: p95
 * under 1 s and no error); prints the CPU the portal's JVM (which also runs the clients), the embedded MariaDB and
 * other processes used, and how busy the database pool was. Asserts no error, no timing.
 */
@Tag("bench")
@PortalIntegrationTest
class ApiLoadBenchmarkIT {

    private static final double GOAL_MS = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Zone> ZONES = List.of(
            new Zone(null, ZoneOffset.UTC),
            new Zone("Europe/Berlin", ZoneId.of("Europe/Berlin")),
            new Zone("Pacific Standard Time", ZoneId.of("America/Los_Angeles")),
            new Zone("Asia/Kolkata", ZoneId.of("Asia/Kolkata")),
            new Zone("America/New_York", ZoneId.of("America/New_York")),
            new Zone("Asia/Kathmandu", ZoneId.of("Asia/Kathmandu")));
    private static final int ERRORS_SHOWN = 20;

    @LocalServerPort
    int port;

    @Autowired
    ActivityService activity;

    @Autowired
    ActiveUsersService activeUsers;

    @Autowired
    List<PeriodTotalsMove> periodTotalsMoves;

    @Autowired
    UserPeriodTotals peerToPeerTotals;

    @Autowired
    ApiTokens tokens;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    TestTenants testTenants;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // one keep-alive connection per client in flight, pooled
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** An account of one role and its two ways to sign an API call in. */
    private record Account(Role role, String basic, String bearer) {}

    /** The reference answers: SHA-256 of the normalized body per role (for per-user data), zone and URL. */
    private final Map<String, String> references = new HashMap<>();

    private final ConcurrentLinkedQueue<String> errorsShown = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorCount = new AtomicInteger();

    @Autowired
    BenchTenant bench;

    @Test
    void fifty_clients_call_the_reporting_web_service_and_the_graph_style_api_for_a_minute_without_an_error()
            throws Exception {
        int users = Integer.getInteger("bench.users", 1_000);
        int days = Integer.getInteger("bench.days", 180);
        int clients = Integer.getInteger("bench.api.clients", 50);
        int seconds = Integer.getInteger("bench.api.seconds", 60);
        int warmUpSeconds = Integer.getInteger("bench.api.warmUpSeconds", 10);
        int exporters = Integer.getInteger("bench.api.exporters", 1);
        int walkers = Integer.getInteger("bench.api.walkers", 10);
        LocalDate lastDay = activity.reportDate();
        Tenant tenant = bench.load(users, days, lastDay);
        long sessions = jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();

        List<Account> accounts = new ArrayList<>();
        for (Role role : List.of(Role.GLOBAL_ADMIN, Role.GLOBAL_READER)) {
            for (int i = 0; i < 3; i++) {
                accounts.add(account(tenant, role));
            }
        }
        // The state every client meets on a working day: the period totals moved to the report date (as the schedule
        // does after midnight) and the active-user rows built
        @Nullable LocalDate peerToPeerTotalsBefore = RollupRecomputation.periodTotalsReportDate(jdbc, tenant.id());
        currentTenant.runAs(tenant.id(), () -> periodTotalsMoves.forEach(PeriodTotalsMove::moveToReportDate));
        try {
            awaitActiveUserRows(tenant);
            // zones whose midnight (a new day of data, a new period) would fall in the run are left out
            Instant horizon = clock.instant().plus(Duration.ofSeconds(warmUpSeconds + seconds + 1_800L));
            List<Zone> zones = ZONES.stream()
                    .filter(zone -> LocalDate.ofInstant(clock.instant(), zone.id())
                            .plusDays(1)
                            .atStartOfDay(zone.id())
                            .toInstant()
                            .isAfter(horizon))
                    .toList();
            assertThat(zones)
                    .as("zones without a midnight in the next half hour")
                    .isNotEmpty();
            var mix = new ApiLoadMix(lastDay, users, zones, zone -> LocalDate.now(clock.withZone(zone)));

            long started = System.nanoTime();
            int referenceRequests = takeReferenceAnswers(mix, List.of(accounts.get(0), accounts.get(3)));
            System.out.printf(
                    "  reference answers: %d calls, %d requests in %.1f s; zones %s%n",
                    mix.all().size(),
                    referenceRequests,
                    (System.nanoTime() - started) / 1e9,
                    zones.stream()
                            .map(zone -> zone.header() == null ? "none (UTC)" : zone.header())
                            .toList());

            Run run = load(mix, accounts, clients, exporters, walkers, warmUpSeconds, seconds);
            report(run, clients, exporters, walkers, seconds, users, days, sessions);
        } finally {
            restorePeerToPeerTotals(tenant, peerToPeerTotalsBefore, lastDay);
        }
        assertThat(errorCount.get())
                .as("errors (first %d):%n%s", ERRORS_SHOWN, String.join("\n", errorsShown))
                .isZero();
    }

    /** A new account of the tenant with the role, and a personal API token of it. */
    private Account account(Tenant tenant, Role role) {
        String username = testTenants.newAccount(tenant, role);
        testTenants.signIn(username);
        try {
            String token = tokens.create("API load benchmark", 1).token();
            return new Account(
                    role,
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (username + ":" + TestTenants.PASSWORD).getBytes(StandardCharsets.UTF_8)),
                    "Bearer " + token);
        } finally {
            TestTenants.signOut();
        }
    }

    /** Waits while the active-user rows are being built (the start-up build of a data set loaded before). */
    private void awaitActiveUserRows(Tenant tenant) throws InterruptedException {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
        try {
            long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
            while (true) {
                try {
                    activeUsers.report(ActiveUserPeriod.DAILY, ZoneOffset.UTC);
                    return;
                } catch (ActiveUsersNotReadyException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(2_000);
                }
            }
        } finally {
            TestTenants.signOut();
        }
    }

    /**
     * The peer-to-peer totals as they were, so that a later benchmark of this run (PeerToPeerBenchmarkIT times the
     * reads before the day's move when it finds them behind) measures what it would have without this one.
     */
    private void restorePeerToPeerTotals(Tenant tenant, @Nullable LocalDate before, LocalDate reportDate) {
        if (before == null) {
            jdbc.sql("DELETE FROM user_period_state WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .update();
        } else if (!before.equals(reportDate)) {
            currentTenant.runAs(tenant.id(), () -> peerToPeerTotals.moveTo(before));
        }
    }

    /**
     * Every call of the catalogue, twice, alone, as one account of each role where names depend on it (following
     * every next link): each answer must be a well-formed 200 with the call's rows, the same twice, and with as many
     * rows as the other representations of the same data. Their bodies become the reference answers. Returns the
     * number of requests.
     */
    private int takeReferenceAnswers(ApiLoadMix mix, List<Account> byRole) throws Exception {
        Map<String, Integer> rowsByReport = new HashMap<>();
        int requests = 0;
        for (Call call : mix.all()) {
            for (Account account : call.perUser() ? byRole : byRole.subList(0, 1)) {
                String uri = "http://localhost:" + port + call.pathAndQuery();
                int rows = 0;
                while (uri != null) {
                    String first = referenceAnswer(call, uri, account);
                    assertThat(referenceAnswer(call, uri, account))
                            .as("a second answer to %s", uri)
                            .isEqualTo(first);
                    requests += 2;
                    int pageRows = ApiLoadMix.rows(call.body(), first);
                    assertThat(pageRows)
                            .as("rows of a well-formed answer to %s: %.300s", uri, first)
                            .isNotNegative();
                    rows += pageRows;
                    references.put(key(call, account.role(), uri), digest(first));
                    if (call.kind() == Kind.RWS_DAILY && call.report().matches("Cs(ActiveUser|P2PSession).*")) {
                        assertThat(ApiLoadMix.showsActivity(first))
                                .as("activity on the data set's days in %s", uri)
                                .isTrue();
                    }
                    uri = call.body() == Body.GRAPH_JSON ? ApiLoadMix.nextLink(first) : null;
                }
                if (call.rows() >= 0) {
                    assertThat(rows).as("rows of %s", call).isEqualTo(call.rows());
                } else {
                    assertThat(rows).as("rows of %s", call).isPositive();
                }
                String report = (call.perUser() ? account.role() + " " : "") + call.report();
                Integer earlier = rowsByReport.putIfAbsent(report, rows);
                if (earlier != null) {
                    assertThat(rows)
                            .as("rows of %s as in its other representations", call)
                            .isEqualTo(earlier);
                }
            }
        }
        return requests;
    }

    /** The normalized body of a 200 answer; fails on anything else. */
    private String referenceAnswer(Call call, String uri, Account account) throws Exception {
        HttpResponse<byte[]> response = send(uri, call.zone(), account.basic());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as("status of %s: %.500s", uri, body).isEqualTo(200);
        return ApiLoadMix.normalized(call.body(), body);
    }

    private HttpResponse<byte[]> send(String uri, Zone zone, String authorization)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(uri))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .GET();
        if (zone.header() != null) {
            request.header("X-timezone", zone.header());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String key(Call call, Role role, String uri) {
        return (call.perUser() ? role.name() : "any role") + " " + call.zone().header() + " " + uri;
    }

    private static String digest(String text) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    // ---- the load

    /** One client: its account, how it signs in, its job (mix, walks or whole exports), and its own samples. */
    private final class Client implements Runnable {

        final ApiLoadMix mix;
        final Account account;
        final @Nullable Kind job;
        final boolean bearer;
        final Random random;
        final long measureFrom;
        final long end;
        final Map<Kind, LatencySamples> measured = new EnumMap<>(Kind.class);
        final LatencySamples warmUp = new LatencySamples();
        long cpuNanos;
        long cpuFrom = -1;

        /** {@code job}: GRAPH_DETAIL_CSV for an exporter, GRAPH_DETAIL_JSON for a walker, null for the mix. */
        Client(ApiLoadMix mix, int index, Account account, @Nullable Kind job, long measureFrom, long end) {
            this.mix = mix;
            this.account = account;
            this.job = job;
            this.bearer = index / 6 % 2 == 1; // each account signs in both ways, in different clients
            this.random = new Random(index);
            this.measureFrom = measureFrom;
            this.end = end;
            for (Kind kind : Kind.values()) {
                measured.put(kind, new LatencySamples());
            }
        }

        @Override
        public void run() {
            for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                Call call = job == null
                        ? mix.next(random)
                        : job == Kind.GRAPH_DETAIL_CSV ? mix.nextExport(random) : mix.nextWalk(random);
                String uri = "http://localhost:" + port + call.pathAndQuery();
                while (uri != null && System.nanoTime() < end) {
                    uri = call(call, uri);
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            cpuNanos = cpuFrom < 0 ? 0 : LoadResources.threadCpuNanos() - cpuFrom;
        }

        /**
         * One request, timed and checked, among the measured ones when it starts after the warm-up (a walk through
         * the pages of 100,000 users begun in the warm-up goes on for minutes); returns the next page's URL of a
         * JSON page, else null.
         */
        private @Nullable String call(Call call, String uri) {
            long started = System.nanoTime();
            LatencySamples samples = started >= measureFrom ? measured.get(call.kind()) : warmUp;
            if (started >= measureFrom && cpuFrom < 0) {
                cpuFrom = LoadResources.threadCpuNanos();
            }
            String problem;
            String body = "";
            try {
                HttpResponse<byte[]> response = send(uri, call.zone(), bearer ? account.bearer() : account.basic());
                long elapsed = System.nanoTime() - started;
                body = ApiLoadMix.normalized(call.body(), new String(response.body(), StandardCharsets.UTF_8));
                String expected = references.get(key(call, account.role(), uri));
                if (response.statusCode() != 200) {
                    problem =
                            "status " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length()));
                } else if (expected == null) {
                    problem = "no reference answer for this URL";
                } else if (!expected.equals(digest(body))) {
                    problem = "body differs from the reference answer (" + body.length() + " characters, "
                            + ApiLoadMix.rows(call.body(), body) + " rows)";
                } else {
                    samples.add(elapsed);
                    return call.body() == Body.GRAPH_JSON ? ApiLoadMix.nextLink(body) : null;
                }
            } catch (IOException e) {
                problem = e.toString() + " after " + (System.nanoTime() - started) / 1_000_000 + " ms";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            samples.error();
            if (errorCount.incrementAndGet() <= ERRORS_SHOWN) {
                errorsShown.add("%s as %s (%s, zone %s): %s"
                        .formatted(
                                uri,
                                account.role(),
                                bearer ? "token" : "Basic",
                                call.zone().header(),
                                problem));
            }
            return null;
        }
    }

    /** What a load run measured. */
    private record Run(
            List<Client> clients,
            double seconds,
            double jvmCores,
            double databaseCores,
            double machineCores,
            double clientCores,
            LoadResources.PoolUse pool,
            Map<String, Long> databaseFrom,
            Map<String, Long> databaseTo) {

        /** What the database did per request of the run, from its status counters. */
        String databaseWork(long requests) {
            java.util.function.ToDoubleFunction<String> per =
                    name -> (double) (databaseTo.getOrDefault(name, 0L) - databaseFrom.getOrDefault(name, 0L))
                            / Math.max(1, requests);
            return "MariaDB per request: %.1f statements (%.1f SELECT, %.1f INSERT, %.1f UPDATE, %.1f COMMIT), %.1f temporary tables"
                    .formatted(
                            per.applyAsDouble("Questions"),
                            per.applyAsDouble("Com_select"),
                            per.applyAsDouble("Com_insert"),
                            per.applyAsDouble("Com_update"),
                            per.applyAsDouble("Com_commit"),
                            per.applyAsDouble("Created_tmp_tables"));
        }
    }

    private Run load(
            ApiLoadMix mix,
            List<Account> accounts,
            int clientCount,
            int exporters,
            int walkers,
            int warmUpSeconds,
            int seconds)
            throws InterruptedException {
        long measureFrom = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            @Nullable
            Kind job = i < exporters ? Kind.GRAPH_DETAIL_CSV : i < exporters + walkers ? Kind.GRAPH_DETAIL_JSON : null;
            Client client = new Client(mix, i, accounts.get(i % accounts.size()), job, measureFrom, end);
            clients.add(client);
            threads.add(new Thread(client, "api-load-client-" + i));
        }
        threads.forEach(Thread::start);
        Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        LoadResources.Cpu from = LoadResources.Cpu.now();
        Map<String, Long> statusFrom = status();
        var pool = new LoadResources.PoolSampler(hikari());
        Thread sampler = new Thread(pool, "api-load-pool-sampler");
        sampler.setDaemon(true);
        sampler.start();
        for (Thread thread : threads) {
            thread.join();
        }
        sampler.interrupt();
        LoadResources.Cpu to = LoadResources.Cpu.now();
        Map<String, Long> statusTo = status();
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        long clientNanos = clients.stream().mapToLong(c -> c.cpuNanos).sum();
        return new Run(
                clients,
                wall,
                (to.jvmNanos() - from.jvmNanos()) / 1e9 / wall,
                (to.databaseNanos() - from.databaseNanos()) / 1e9 / wall,
                (to.machineNanos() - from.machineNanos()) / 1e9 / wall,
                clientNanos / 1e9 / wall,
                pool.use(),
                statusFrom,
                statusTo);
    }

    /** MariaDB's counters of statements and work done so far (all clients of the server). */
    private Map<String, Long> status() {
        Map<String, Long> status = new HashMap<>();
        jdbc.sql("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert', 'Com_update',"
                        + " 'Com_commit', 'Created_tmp_tables')")
                .query((rs, n) -> status.put(rs.getString(1), rs.getLong(2)))
                .list();
        return status;
    }

    private @Nullable HikariDataSource hikari() {
        try {
            return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    // ---- the figures

    private void report(
            Run run, int clients, int exporters, int walkers, int seconds, int users, int days, long sessions) {
        Map<Kind, LatencySamples> byKind = new EnumMap<>(Kind.class);
        LatencySamples all = new LatencySamples();
        LatencySamples basic = new LatencySamples();
        LatencySamples bearer = new LatencySamples();
        LatencySamples warmUp = new LatencySamples();
        for (Client client : run.clients()) {
            client.measured.forEach((kind, samples) -> {
                byKind.computeIfAbsent(kind, k -> new LatencySamples()).addAll(samples);
                all.addAll(samples);
                (client.bearer ? bearer : basic).addAll(samples);
            });
            warmUp.addAll(client.warmUp);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double others = Math.max(0, run.machineCores() - run.jvmCores() - run.databaseCores());
        String cpu =
                ("CPU of %d cores: portal JVM %.2f (its %d client threads %.2f of it), MariaDB %.2f, other processes"
                                + " %.2f")
                        .formatted(cores, run.jvmCores(), clients, run.clientCores(), run.databaseCores(), others);
        System.out.printf(
                "%nAPI under load: %d clients (%d exporters, %d walkers) without pause for %.1f s (after a warm-up of"
                        + " %,d requests, %d errors), %,d users x %d days, %,d sessions; ms, goal p95 < 1,000 and no"
                        + " error%n",
                clients,
                exporters,
                walkers,
                run.seconds(),
                warmUp.summary(1).requests(),
                warmUp.summary(1).errors(),
                users,
                days,
                sessions);
        System.out.printf(
                "%-52s %9s %8s %8s %8s %8s %8s %7s%n",
                "requests", "count", "per s", "p50", "p95", "p99", "max", "errors");
        Map<String, LatencySamples> rows = new java.util.LinkedHashMap<>();
        byKind.forEach((kind, samples) -> rows.put(kind.title, samples));
        rows.put("signed in with HTTP Basic", basic);
        rows.put("signed in with a personal API token", bearer);
        rows.put("all requests", all);
        rows.forEach((name, samples) -> {
            var s = samples.summary(run.seconds());
            System.out.printf(
                    Locale.ROOT,
                    "%-52s %,9d %8.1f %8.1f %8.1f %8.1f %8.1f %7d%n",
                    name,
                    s.requests(),
                    s.perSecond(),
                    s.p50Ms(),
                    s.p95Ms(),
                    s.p99Ms(),
                    s.maxMs(),
                    s.errors());
        });
        System.out.println(cpu + "; " + run.pool().describe());
        System.out.println(run.databaseWork(all.summary(1).requests()));

        byKind.forEach((kind, samples) -> record(kind.title, samples.summary(run.seconds()), ""));
        record(
                "All requests, %d clients (%d exporting, %d walking) x %d s without pause"
                        .formatted(clients, exporters, walkers, seconds),
                all.summary(run.seconds()),
                "; " + cpu + " (the clients run in the portal's JVM); "
                        + run.pool().describe() + "; "
                        + run.databaseWork(all.summary(1).requests()));
    }

    private static void record(String operation, LatencySamples.Summary s, String more) {
        BenchFigures.record(
                "API under load",
                operation,
                s.p50Ms(),
                s.p95Ms(),
                Double.NaN,
                String.format(
                                Locale.ROOT,
                                "goal p95 < 1 s met: %s; %,d requests, %.1f/s, p99 %.0f ms, max %.0f ms, %d errors",
                                s.p95Ms() < GOAL_MS && s.errors() == 0 ? "yes" : "NO",
                                s.requests(),
                                s.perSecond(),
                                s.p99Ms(),
                                s.maxMs(),
                                s.errors())
                        + more);
    }
}
