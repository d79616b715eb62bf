package org.commsportal.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.commsportal.DemoAccounts;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.loadtest.FlowRecorder.Search;
import org.commsportal.loadtest.RecordedFlow.Step;
import org.commsportal.security.AccountService;
import org.commsportal.security.Role;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Load test of the real web UI (issue 9): N concurrent signed-in administrators, each with its own HTTP session,
 * open the peer-to-peer page, switch its period, open session details, choose a user and search, as recorded once
 * in headless Chromium and replayed over Vaadin's UIDL protocol. Prints p50/p95/max per step, errors, and the
 * portal's heap per open UI. Run by {@code bench/load-test.sh [users] [iterations]}; see docs/load-test.md.
 *
 * <p>Properties: {@code load.users} (50), {@code load.iterations} (3), {@code load.thinkMs} (mean pause before each
 * step, 1000; each pause is uniform in 0.5..1.5 times it), {@code load.rampMs} (start-up spread of the users, 5000),
 * {@code load.warmUp} (flows one user replays before the measurement, 60).
 */
@Tag("bench")
@PortalIntegrationTest
class UiLoadTestIT {

    static final String PASSWORD = "portal-load-test-2026";
    static final String RECORDING_ACCOUNT = "load.admin.0";
    static final double TARGET_P95_MS = 1000;
    static final long TARGET_BYTES_PER_UI = 1024 * 1024;
    private static final Pattern CATEGORIES = Pattern.compile("\"categories\":\\[([^\\]]*)\\]");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    @Autowired
    TenantService tenants;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

    @Test
    void concurrent_administrators_walk_the_reports() throws Exception {
        int users = Integer.getInteger("load.users", 50);
        int iterations = Integer.getInteger("load.iterations", 3);
        long thinkMs = Long.getLong("load.thinkMs", 1000);
        long rampMs = Long.getLong("load.rampMs", 5000);
        int warmUpRounds = Integer.getInteger("load.warmUp", 60);

        Tenant contoso = tenants.findByName(DemoAccounts.CONTOSO).orElseThrow();
        ensureAccounts(contoso, users);
        Search search = search(contoso);

        RecordedFlow flow;
        try (FlowRecorder recorder = FlowRecorder.start(port)) {
            flow = recorder.record(RECORDING_ACCOUNT, PASSWORD, search);
        }
        flow.save(Path.of("target", "load-test", "recorded-flow.json"));
        Map<String, Predicate<String>> checks = checks(search);
        for (Step step : flow.measuredSteps()) {
            String recordedReplies = step.exchanges().stream()
                    .map(e -> String.valueOf(e.responseBody()))
                    .collect(Collectors.joining());
            assertThat(checks.get(step.name()).test(recordedReplies))
                    .as("the check of step '%s' holds for what the browser got", step.name())
                    .isTrue();
        }

        WarmUp warm = warmUp(flow, checks, warmUpRounds);

        List<String> stepNames = new ArrayList<>();
        stepNames.add(RecordedFlow.SIGN_IN);
        flow.measuredSteps().forEach(s -> stepNames.add(s.name()));
        var times = new StepTimes(stepNames);
        List<VirtualUser> virtualUsers = new ArrayList<>();
        for (int i = 1; i <= users; i++) {
            var user = new VirtualUser(port, "load.admin." + i, PASSWORD);
            user.warmUp();
            virtualUsers.add(user);
        }

        long heapBefore = usedHeapAfterGc();
        double uisBefore = activeUis();
        var signedIn = new CountDownLatch(users);
        var firstRoundDone = new CountDownLatch(users);
        var measured = new CountDownLatch(1);
        var generatorCpuNanos = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            VirtualUser user = virtualUsers.get(i);
            long delay = users == 1 ? 0 : i * rampMs / users;
            running.add(pool.submit(() -> {
                try {
                    runUser(user, flow, checks, times, iterations, thinkMs, delay, signedIn, firstRoundDone, measured);
                } finally {
                    generatorCpuNanos.addAndGet(
                            ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                }
                return null;
            }));
        }
        signedIn.await();
        Cpu cpuStart = Cpu.now();
        System.out.printf("%s UI load test: %d users signed in, replay starts%n", java.time.Instant.now(), users);
        firstRoundDone.await();
        Cpu cpuPaused = Cpu.now();
        long heapWithUis = usedHeapAfterGc();
        double uisOpen = activeUis();
        Cpu cpuResumed = Cpu.now();
        measured.countDown();
        for (Future<?> user : running) {
            user.get();
        }
        Cpu cpuEnd = Cpu.now();
        System.out.printf("%s UI load test: replay ended%n", java.time.Instant.now());
        pool.shutdown();

        double openedUis = uisOpen - uisBefore;
        double bytesPerUi = openedUis > 0 ? (heapWithUis - heapBefore) / openedUis : Double.NaN;
        double wallSeconds = (cpuPaused.wallNanos - cpuStart.wallNanos + cpuEnd.wallNanos - cpuResumed.wallNanos) / 1e9;
        double portalCores = cores(cpuStart, cpuPaused, cpuResumed, cpuEnd, Cpu::jvmNanos, wallSeconds);
        double databaseCores = cores(cpuStart, cpuPaused, cpuResumed, cpuEnd, Cpu::databaseNanos, wallSeconds);
        double machineCores = cores(cpuStart, cpuPaused, cpuResumed, cpuEnd, Cpu::machineNanos, wallSeconds);
        double generatorCores = generatorCpuNanos.get() / 1e9 / wallSeconds;
        if (!cpuStart.databaseFound()) {
            databaseCores = Double.NaN; // an external database, or the process is not visible
        }
        double otherCores = machineCores <= 0
                ? Double.NaN
                : Math.max(0, machineCores - portalCores - (Double.isNaN(databaseCores) ? 0 : databaseCores));

        report(
                flow,
                times,
                users,
                iterations,
                thinkMs,
                rampMs,
                warm,
                contoso,
                search,
                heapBefore,
                heapWithUis,
                openedUis,
                bytesPerUi,
                wallSeconds,
                portalCores,
                databaseCores,
                generatorCores,
                otherCores);
        assertThat(times.errorMessages())
                .as("a replay with errors measures nothing: see the errors above")
                .isEmpty();
    }

    /**
     * Signs in (spread over the ramp-up), waits until every user has, then walks the flow {@code iterations} times
     * (starts spread over the ramp-up again), pausing after the first round while the heap is measured. Counts down
     * both latches whatever happens, so that the test never waits for a user that stopped.
     */
    private static void runUser(
            VirtualUser user,
            RecordedFlow flow,
            Map<String, Predicate<String>> checks,
            StepTimes times,
            int iterations,
            long thinkMs,
            long delay,
            CountDownLatch signedIn,
            CountDownLatch firstRoundDone,
            CountDownLatch measured)
            throws InterruptedException {
        boolean signInCounted = false;
        boolean roundCounted = false;
        try {
            Thread.sleep(delay);
            try {
                long started = System.nanoTime();
                user.signIn(flow.step(RecordedFlow.SIGN_IN));
                times.add(RecordedFlow.SIGN_IN, 0, System.nanoTime() - started, new long[0]);
            } catch (Exception e) {
                times.error(RecordedFlow.SIGN_IN, user.username(), e);
                return;
            } finally {
                signInCounted = true;
                signedIn.countDown();
            }
            signedIn.await();
            Thread.sleep(delay);
            for (int iteration = 0; iteration < iterations; iteration++) {
                walk(user, flow, checks, times, iteration, thinkMs);
                if (iteration == 0) {
                    roundCounted = true;
                    firstRoundDone.countDown();
                    measured.await();
                }
            }
        } finally {
            if (!signInCounted) {
                signedIn.countDown();
            }
            if (!roundCounted) {
                firstRoundDone.countDown();
            }
        }
    }

    /** One round of the flow; a failed step ends the round, since the rest of it builds on that step. */
    private static void walk(
            VirtualUser user,
            RecordedFlow flow,
            Map<String, Predicate<String>> checks,
            StepTimes times,
            int iteration,
            long thinkMs)
            throws InterruptedException {
        for (Step step : flow.measuredSteps()) {
            think(thinkMs);
            long[] nanosPerExchange = new long[step.exchanges().size()];
            try {
                long started = System.nanoTime();
                String replies = user.replay(step, nanosPerExchange);
                long nanos = System.nanoTime() - started;
                if (!checks.get(step.name()).test(replies)) {
                    throw new VirtualUser.ReplayException(
                            "the replies lack what the browser's had: " + VirtualUser.abbreviate(replies));
                }
                times.add(step.name(), iteration, nanos, nanosPerExchange);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                times.error(step.name(), user.username(), e);
                return;
            }
        }
    }

    /** How long one flow takes with nobody else on the portal, in milliseconds. */
    private record WarmUp(int flows, double wallMs) {}

    /**
     * One user replays the flow a number of times back to back before the measurement, so that the JIT has compiled
     * the flow's code as on a server that has been up for a while; a replay that fails here fails the test at once.
     * The second half of the rounds gives the time of one flow without contention. (Its CPU time is not reported:
     * the JIT still compiles in the background then.)
     */
    private WarmUp warmUp(RecordedFlow flow, Map<String, Predicate<String>> checks, int rounds) throws Exception {
        var user = new VirtualUser(port, RECORDING_ACCOUNT, PASSWORD);
        user.signIn(flow.step(RecordedFlow.SIGN_IN));
        Cpu halfway = Cpu.now();
        for (int round = 0; round < rounds; round++) {
            if (round == rounds / 2) {
                halfway = Cpu.now();
            }
            for (Step step : flow.measuredSteps()) {
                String replies = user.replay(step, new long[step.exchanges().size()]);
                assertThat(checks.get(step.name()).test(replies))
                        .as("warm-up replay of '%s'", step.name())
                        .isTrue();
            }
        }
        Cpu end = Cpu.now();
        int flows = rounds - rounds / 2;
        return new WarmUp(flows, (end.wallNanos() - halfway.wallNanos()) / 1e6 / flows);
    }

    private static void think(long thinkMs) throws InterruptedException {
        if (thinkMs > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(thinkMs / 2, thinkMs * 3 / 2 + 1));
        }
    }

    /** What each step's replies must contain, so that a replay the server did not follow cannot report good times. */
    private static Map<String, Predicate<String>> checks(Search search) {
        Map<String, Predicate<String>> checks = new LinkedHashMap<>();
        checks.put(FlowRecorder.OPEN_PEER_TO_PEER, r -> r.contains("Data as of ") && r.contains("user-table"));
        checks.put(FlowRecorder.SWITCH_PERIOD, r -> categories(r) == 30);
        checks.put(FlowRecorder.OPEN_SESSION_DETAILS, r -> r.contains("session-details") && r.contains("user-search"));
        checks.put(FlowRecorder.CHOOSE_USER, r -> r.contains(search.alias() + "@"));
        checks.put(FlowRecorder.SEARCH, r -> r.contains(search.expectedSummary()));
        return checks;
    }

    /** The number of days on the first chart's axis in these replies, or -1. */
    private static int categories(String replies) {
        Matcher matcher = CATEGORIES.matcher(replies);
        return matcher.find() ? matcher.group(1).split(",").length : -1;
    }

    /** A global administrator per virtual user (and one for the recording), created once in the contoso tenant. */
    private void ensureAccounts(Tenant tenant, int users) {
        for (int i = 0; i <= users; i++) {
            String name = "load.admin." + i;
            try {
                accounts.loadUserByUsername(name);
            } catch (UsernameNotFoundException e) {
                accounts.createAccount(
                        tenant.id(), name, "Load test administrator " + i, PASSWORD, Set.of(Role.GLOBAL_ADMIN));
            }
        }
    }

    /** The contoso user with the most audio sessions, over the last ten days of the data (as the browser test). */
    private Search search(Tenant tenant) {
        record Busy(String alias, long userId) {}
        Busy busy = jdbc.sql("""
                SELECT u.alias, u.id FROM licensed_user u
                JOIN comm_session s ON s.tenant_id = u.tenant_id AND s.from_user_id = u.id AND s.media_mask & 16
                WHERE u.tenant_id = :t
                GROUP BY u.id, u.alias ORDER BY COUNT(*) DESC, u.id LIMIT 1
                """)
                .param("t", tenant.id())
                .query((rs, n) -> new Busy(rs.getString(1), rs.getLong(2)))
                .single();
        LocalDate lastDay = jdbc.sql("SELECT DATE(MAX(start_time)) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(LocalDate.class)
                .single();
        LocalDate from = lastDay.minusDays(9);
        long expected = jdbc.sql("""
                SELECT COUNT(*) FROM comm_session
                WHERE (from_user_id = :u OR to_user_id = :u) AND start_time >= :from AND start_time < :to
                """)
                .param("u", busy.userId())
                .param("from", from.atStartOfDay())
                .param("to", lastDay.plusDays(1).atStartOfDay())
                .query(Long.class)
                .single();
        return new Search(
                busy.alias(),
                from + "T00:00",
                lastDay.plusDays(1) + "T00:00",
                expected + " sessions of " + busy.alias() + "@" + tenant.name());
    }

    private double activeUis() {
        return meters.get("portal.ui.active").gauge().value();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /**
     * CPU time used so far by this JVM (portal and load generator), by the embedded MariaDB it started, and by the
     * whole machine (Linux {@code /proc/stat}; 0 elsewhere), so that load from other processes shows in the report.
     */
    private record Cpu(long wallNanos, long jvmNanos, long databaseNanos, boolean databaseFound, long machineNanos) {
        static Cpu now() {
            long jvm = ProcessHandle.current()
                    .info()
                    .totalCpuDuration()
                    .map(Duration::toNanos)
                    .orElse(0L);
            List<ProcessHandle> database = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info()
                            .command()
                            .map(c -> c.contains("mariadbd") || c.contains("mysqld"))
                            .orElse(false))
                    .toList();
            long databaseNanos = database.stream()
                    .mapToLong(p ->
                            p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                    .sum();
            return new Cpu(System.nanoTime(), jvm, databaseNanos, !database.isEmpty(), machineBusyNanos());
        }

        /** Busy time of all cores: the first line of /proc/stat in clock ticks (USER_HZ, 100 on Linux). */
        private static long machineBusyNanos() {
            try {
                String[] ticks =
                        Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                    busy += Long.parseLong(ticks[i]);
                }
                return busy * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static double cores(
            Cpu start,
            Cpu paused,
            Cpu resumed,
            Cpu end,
            java.util.function.ToLongFunction<Cpu> nanos,
            double wallSeconds) {
        return (nanos.applyAsLong(paused)
                        - nanos.applyAsLong(start)
                        + nanos.applyAsLong(end)
                        - nanos.applyAsLong(resumed))
                / 1e9
                / wallSeconds;
    }

    private void report(
            RecordedFlow flow,
            StepTimes times,
            int users,
            int iterations,
            long thinkMs,
            long rampMs,
            WarmUp warm,
            Tenant tenant,
            Search search,
            long heapBefore,
            long heapWithUis,
            double openedUis,
            double bytesPerUi,
            double wallSeconds,
            double portalCores,
            double databaseCores,
            double generatorCores,
            double otherCores)
            throws IOException {
        long licensed = jdbc.sql("SELECT COUNT(*) FROM licensed_user WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        long sessions = jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Long.class)
                .single();
        int poolSize = context.getBeansOfType(HikariDataSource.class).values().stream()
                .mapToInt(HikariDataSource::getMaximumPoolSize)
                .max()
                .orElse(-1);
        var out = new StringBuilder();
        out.append(String.format(
                "%nUI load test: %d concurrent administrators x %d iterations, think time %d ms"
                        + " (0.5-1.5x) before each step, ramp-up %d ms%n",
                users, iterations, thinkMs, rampMs));
        out.append(String.format(
                "Data: tenant %s, %,d licensed users, %,d sessions; search: %s%n",
                tenant.name(), licensed, sessions, search.expectedSummary()));
        out.append(String.format(
                "Machine: %d cores; database pool %d connections%n",
                Runtime.getRuntime().availableProcessors(), poolSize));
        out.append(String.format(
                "%n%-26s %8s %8s %8s %8s %7s %12s %9s  %s%n",
                "step", "samples", "p50 ms", "p95 ms", "max ms", "errors", "warm p95 ms", "reply KB", "p95 < 1 s"));
        long steps = 0;
        boolean stepsMet = true;
        List<String> csv = new ArrayList<>(List.of("step,samples,p50_ms,p95_ms,max_ms,errors,warm_p95_ms"));
        for (String step : stepNamesOf(flow)) {
            StepTimes.Summary s = times.summary(step);
            boolean inTarget = !step.equals(RecordedFlow.SIGN_IN);
            boolean met = s.samples() > 0 && s.p95() < TARGET_P95_MS;
            if (inTarget) {
                stepsMet &= met;
            }
            steps += s.samples();
            double replyKb = flow.step(step).exchanges().stream()
                            .mapToInt(e -> e.responseBody() == null
                                    ? 0
                                    : e.responseBody().length())
                            .sum()
                    / 1024.0;
            out.append(String.format(
                    "%-26s %8d %8.0f %8.0f %8.0f %7d %12s %9s  %s%n",
                    step,
                    s.samples(),
                    s.p50(),
                    s.p95(),
                    s.max(),
                    s.errors(),
                    Double.isNaN(s.warmP95()) ? "-" : String.format("%.0f", s.warmP95()),
                    inTarget ? String.format("%.0f", replyKb) : "-",
                    inTarget ? (met ? "yes" : "NO") : "(not in target)"));
            csv.add(String.format(
                    java.util.Locale.ROOT,
                    "%s,%d,%.1f,%.1f,%.1f,%d,%.1f",
                    step,
                    s.samples(),
                    s.p50(),
                    s.p95(),
                    s.max(),
                    s.errors(),
                    s.warmP95()));
        }
        boolean heapMet = bytesPerUi < TARGET_BYTES_PER_UI;
        out.append(String.format(
                "%nHeap used after GC: %.1f MB before the sign-ins, %.1f MB with %.0f more UIs open"
                        + " -> %.0f KB per UI (target < 1024 KB: %s)%n",
                heapBefore / 1048576.0, heapWithUis / 1048576.0, openedUis, bytesPerUi / 1024, heapMet ? "yes" : "NO"));
        long flowSteps = steps - times.summary(RecordedFlow.SIGN_IN).samples();
        out.append(String.format(
                "Replay: %.0f s, %.1f steps/s; CPU: portal JVM %.2f cores (of which virtual-user"
                        + " threads %.2f), MariaDB %s, other processes %s, of %d cores%n",
                wallSeconds,
                flowSteps / wallSeconds,
                portalCores,
                generatorCores,
                Double.isNaN(databaseCores) ? "n/a" : String.format("%.2f", databaseCores),
                Double.isNaN(otherCores) ? "n/a" : String.format("%.2f", otherCores),
                Runtime.getRuntime().availableProcessors()));
        if (otherCores > 0.25) {
            out.append(String.format(
                    "WARNING: other processes used %.2f cores during the replay: the times above are"
                            + " slower than on a machine running the portal alone.%n",
                    otherCores));
        }
        out.append("(warm p95: iterations after the first; before the measurement one user replayed the flow back to"
                + " back to warm up the JIT)\n");
        int cores = Runtime.getRuntime().availableProcessors();
        double flows = (double) flowSteps / flow.measuredSteps().size();
        double cpuMsPerFlow =
                (portalCores + (Double.isNaN(databaseCores) ? 0 : databaseCores)) * wallSeconds * 1000 / flows;
        out.append(String.format(
                "One user alone (last %d warm-up flows, back to back): %.0f ms per flow of %d steps."
                        + " Under this load: %.0f ms CPU per flow (portal JVM incl. load generator, and MariaDB)"
                        + " -> about %.1f flows/s would fill %d cores%n",
                warm.flows(),
                warm.wallMs(),
                flow.measuredSteps().size(),
                cpuMsPerFlow,
                cores * 1000 / cpuMsPerFlow,
                cores));
        out.append(String.format(
                "Targets (p95 < 1 s every step, < 1 MB heap per UI, no errors): %s%n",
                stepsMet && heapMet && times.totalErrors() == 0 ? "MET" : "NOT MET"));

        out.append(String.format("%nPer request (p50 / p95 ms):%n"));
        for (Step step : flow.measuredSteps()) {
            List<String> labels = VirtualUser.labels(step);
            out.append("  ").append(step.name()).append('\n');
            for (int i = 0; i < labels.size(); i++) {
                double[] p = times.exchange(step.name(), i);
                out.append(String.format("    %-64s %7.0f %7.0f%n", labels.get(i), p[0], p[1]));
            }
        }
        if (!times.errorMessages().isEmpty()) {
            out.append("\nFirst errors:\n");
            times.errorMessages().forEach(m -> out.append("  ").append(m).append('\n'));
        }
        System.out.println(out);

        csv.add(String.format(java.util.Locale.ROOT, "heap per UI (KB),%.1f,,,,,", bytesPerUi / 1024));
        Path file = Path.of("target", "bench", "ui-load.csv");
        Files.createDirectories(file.getParent());
        Files.write(file, csv);
        Files.writeString(Path.of("target", "load-test", "report.txt"), out);
    }

    private static List<String> stepNamesOf(RecordedFlow flow) {
        List<String> names = new ArrayList<>();
        names.add(RecordedFlow.SIGN_IN);
        flow.measuredSteps().forEach(s -> names.add(s.name()));
        return names;
    }
}
