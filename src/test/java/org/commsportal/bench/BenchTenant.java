package org.commsportal.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.commsportal.QualityRankRecomputation;
import org.commsportal.TestTenants;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.security.Role;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A large tenant for benchmarks, loaded with set-based SQL (MariaDB's sequence engine) instead of the ingestion
 * path, which would take an hour for 15 million sessions. The rollups are built with the same definitions the
 * write path maintains (and that the integration tests recompute); the benchmark cross-checks a period's totals
 * against the raw rows. A data set is reused when a run finds it complete. One bean, which every benchmark shares.
 */
@Component
class BenchTenant {

    static final double SESSIONS_PER_USER_DAY = 8.3;

    private final JdbcClient jdbc;
    private final TenantService tenants;
    private final DirectoryService directory;
    private final CurrentTenant currentTenant;
    private final TestTenants testTenants;
    private final ReadModelCheck readModels;
    private final List<SessionChangeListener> readModelList;
    private final org.commsportal.sessions.LockedSteps lockedSteps;
    private final List<org.commsportal.common.PeriodTotalsMove> totalsMoves;
    private final org.commsportal.quality.QualityRebuild qualityRebuild;
    private final org.commsportal.reliability.ReliabilityRebuild reliabilityRebuild;
    /** The load's transactions: INSERT ... SELECT reads its source without locking it, so two days load at once. */
    private final TransactionTemplate readCommitted;

    BenchTenant(
            JdbcClient jdbc,
            TenantService tenants,
            DirectoryService directory,
            CurrentTenant currentTenant,
            TestTenants testTenants,
            ReadModelCheck readModels,
            List<SessionChangeListener> readModelList,
            org.commsportal.sessions.LockedSteps lockedSteps,
            List<org.commsportal.common.PeriodTotalsMove> totalsMoves,
            org.commsportal.quality.QualityRebuild qualityRebuild,
            org.commsportal.reliability.ReliabilityRebuild reliabilityRebuild,
            PlatformTransactionManager transactions) {
        this.readModels = readModels;
        this.readModelList = readModelList;
        this.lockedSteps = lockedSteps;
        this.totalsMoves = totalsMoves;
        this.qualityRebuild = qualityRebuild;
        this.reliabilityRebuild = reliabilityRebuild;
        this.readCommitted = new TransactionTemplate(transactions);
        this.readCommitted.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.directory = directory;
        this.currentTenant = currentTenant;
        this.testTenants = testTenants;
    }

    /**
     * The tenant for this size, loaded now unless an earlier run loaded it completely. The load is resumable: each step
     * (the users, each day's sessions and what derives from them, each day's PSTN calls, each read model's rebuild) is
     * remembered in {@code bench_load_step} when it commits, so a run after an interrupted one removes what the
     * interrupted step left and goes on from there (at size L the whole load takes over an hour).
     */
    Tenant load(int users, int days, LocalDate lastDay) {
        String name = "bench-" + users + "x" + days + "-" + lastDay + ".example";
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_complete (tenant_id BIGINT PRIMARY KEY)")
                .update();
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_load_step (tenant_id BIGINT, step VARCHAR(100), seconds INT, "
                        + "PRIMARY KEY (tenant_id, step))")
                .update();
        var existing = tenants.findByName(name);
        if (existing.isPresent() && complete(existing.get().id())) {
            System.out.println("Reusing data set " + name);
            return existing.get();
        }
        long started = System.nanoTime();
        Tenant tenant;
        if (existing.isPresent()) {
            tenant = existing.get();
            System.out.println("Resuming the load of " + name + " after " + stepsDone(tenant.id()) + " steps");
        } else {
            tenant = tenants.create(name, java.util.UUID.randomUUID(), false);
        }
        long t = tenant.id();
        step(t, "users", () -> loadUsers(tenant, users, lastDay.minusDays(days + 30L)));
        // what the PSTN pages read, loaded with the sessions (adding it later costs a second rebuild)
        addPstnUsers(t, lastDay.minusDays(days - 1L), lastDay);
        loadDays(t, users, days, lastDay, started);
        rebuildReadModels(t, lastDay.minusDays(days - 1L), lastDay, started);
        if (Boolean.getBoolean("bench.checkLoad")) {
            // a recomputation of every read model from the raw rows (verify-rollups): for small sizes only
            List<String> differences = readModels.differences(t, 20);
            if (!differences.isEmpty()) {
                throw new IllegalStateException("The loaded read models differ from the raw rows: " + differences);
            }
            Map<Long, Integer> ranks = QualityRankRecomputation.ranks(jdbc, t);
            Map<Long, Integer> stored = new java.util.HashMap<>();
            jdbc.sql("SELECT id, quality_rank FROM comm_session WHERE tenant_id = :t")
                    .param("t", t)
                    .query((rs, row) -> stored.put(rs.getLong(1), rs.getInt(2)))
                    .list();
            if (!stored.equals(ranks)) {
                throw new IllegalStateException("The stored quality ranks differ from a recomputation");
            }
            System.out.println("  every read model equals a recomputation from the raw rows");
        }
        jdbc.sql("INSERT INTO bench_complete (tenant_id) VALUES (:t)")
                .param("t", t)
                .update();
        jdbc.sql("INSERT INTO bench_pstn_complete (tenant_id) VALUES (:t)")
                .param("t", t)
                .update();
        System.out.printf("Loaded %s in %d s%n", name, (System.nanoTime() - started) / 1_000_000_000);
        return tenant;
    }

    /**
     * Each day's sessions, then on a second connection what derives from them (media, daily rollups, idempotency keys,
     * the quality rank), so the database works on two days at once: inserting day d+1's sessions while deriving day
     * d's. Each day is marked loaded when its derived rows commit; a day an interrupted run left half done is removed
     * first.
     */
    private void loadDays(long t, int users, int days, LocalDate lastDay, long started) {
        int perDay = (int) Math.round(users * SESSIONS_PER_USER_DAY);
        // what an interrupted run left of the days not marked loaded, removed before two connections work at once (a
        // DELETE waits on the rows the other one is inserting into the same week's partition)
        for (int d = 0; d < days; d++) {
            LocalDate day = lastDay.minusDays(days - 1L - d);
            if (!done(t, "day " + day) && hasSessions(t, day)) {
                readCommitted.executeWithoutResult(status -> removeDay(t, day));
            }
        }
        ExecutorService deriving = Executors.newSingleThreadExecutor();
        try {
            Future<?> previous = CompletableFuture.completedFuture(null);
            var loaded = new java.util.concurrent.atomic.AtomicInteger();
            for (int d = 0; d < days; d++) {
                LocalDate day = lastDay.minusDays(days - 1L - d);
                int dayNumber = d;
                if (done(t, "day " + day)) {
                    loaded.incrementAndGet();
                    continue;
                }
                long dayStarted = System.nanoTime();
                readCommitted.executeWithoutResult(status -> {
                    insertDaySessions(t, day, dayNumber, users, perDay);
                    insertConferenceSessions(t, day, dayNumber, users);
                    insertPstnSessions(t, day, dayNumber, users, (int) Math.round(users * PSTN_CALLS_PER_USER_DAY));
                });
                await(previous); // at most one day ahead of the derived rows
                previous = deriving.submit(() -> {
                    readCommitted.executeWithoutResult(status -> {
                        deriveDay(t, day);
                        markDone(t, "day " + day, dayStarted); // from its sessions' insert on: the days overlap
                    });
                    int count = loaded.incrementAndGet();
                    if (count % 5 == 0 || count == days) {
                        System.out.printf(
                                "  loaded %d of %d days (%,d sessions/day) after %d s%n",
                                count, days, perDay, (System.nanoTime() - started) / 1_000_000_000);
                    }
                });
            }
            await(previous);
        } finally {
            deriving.shutdownNow();
        }
    }

    private static void await(Future<?> step) {
        try {
            step.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private boolean hasSessions(long t, LocalDate day) {
        return Boolean.TRUE.equals(jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM comm_session WHERE tenant_id = :t AND start_time >= :from
                                                                   AND start_time < :to)
                        """)
                .param("t", t)
                .param("from", day.atStartOfDay())
                .param("to", day.plusDays(1).atStartOfDay())
                .query(Boolean.class)
                .single());
    }

    /** What an interrupted run left of a day that is not marked loaded. */
    private void removeDay(long t, LocalDate day) {
        var from = day.atStartOfDay();
        var to = from.plusDays(1);
        for (String table : List.of("session_media", "comm_session")) {
            String start = org.commsportal.sessions.RawSessionTables.START_COLUMNS.get(table);
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t AND " + start + " >= :from AND " + start
                            + " < :to")
                    .param("t", t)
                    .param("from", from)
                    .param("to", to)
                    .update();
        }
        for (String table : List.of("session_dialog")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t AND start_time >= :from AND start_time < :to")
                    .param("t", t)
                    .param("from", from)
                    .param("to", to)
                    .update();
        }
        for (String table : List.of("user_daily_rollup", "tenant_daily_rollup")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t AND day = :day")
                    .param("t", t)
                    .param("day", day)
                    .update();
        }
    }

    /** Runs {@code step} unless an earlier run did, then remembers it with its time. */
    private void step(long t, String step, Runnable work) {
        if (done(t, step)) {
            return;
        }
        long stepStarted = System.nanoTime();
        work.run();
        markDone(t, step, stepStarted);
    }

    private boolean done(long t, String step) {
        return jdbc.sql("SELECT COUNT(*) FROM bench_load_step WHERE tenant_id = :t AND step = :s")
                        .param("t", t)
                        .param("s", step)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void markDone(long t, String step, long stepStarted) {
        jdbc.sql("INSERT INTO bench_load_step (tenant_id, step, seconds) VALUES (:t, :s, :sec)")
                .param("t", t)
                .param("s", step)
                .param("sec", (System.nanoTime() - stepStarted) / 1_000_000_000)
                .update();
    }

    private long stepsDone(long t) {
        return jdbc.sql("SELECT COUNT(*) FROM bench_load_step WHERE tenant_id = :t")
                .param("t", t)
                .query(Long.class)
                .single();
    }

    /**
     * Read models rebuilt on a second connection, whole (SessionChangeListener#rebuild, without the tenant's write
     * lock), while the first rebuilds the others: each reads only the raw rows and the daily rollups and writes only its
     * own tables. (Device usage, tried there at size L, failed after a minute while the first connection held the
     * tenant's write lock, and rebuilds by weeks on the first.)
     */
    private static final java.util.Set<String> SECOND_CONNECTION =
            java.util.Set.of("ActiveUserActivity", "UserPeriodTotals");

    /**
     * Every read model that can rebuild itself from the raw rows, in the read models' order, each as a bulk import's
     * finish rebuilds it (SessionChangeListener#rebuildDays, a week per transaction, as the tenant), else in one
     * step of LockedSteps (its temporary tables kept in memory, as ReadModelCheck#rebuildDays runs it); those in
     * {@link #SECOND_CONNECTION} meanwhile on a second connection. Each is remembered when done, with its time.
     */
    private void rebuildReadModels(long t, LocalDate first, LocalDate last, long started) {
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            List<Future<?>> secondSteps = new ArrayList<>();
            // the second connection's read models queued first, so they start while the first connection works
            for (SessionChangeListener readModel : readModelList) {
                String name = nameOf(readModel);
                if (SECOND_CONNECTION.contains(name) && !done(t, "rebuilt " + name)) {
                    secondSteps.add(second.submit(() -> rebuildStep(t, name, () -> readModel.rebuild(t), started)));
                }
            }
            for (SessionChangeListener readModel : readModelList) {
                String name = nameOf(readModel);
                if (!SECOND_CONNECTION.contains(name) && !done(t, "rebuilt " + name)) {
                    rebuildStep(
                            t,
                            name,
                            () -> currentTenant.runAs(t, () -> readModel.rebuildDays(t, first, last))
                                    || Boolean.TRUE.equals(lockedSteps.call(t, () -> readModel.rebuild(t))),
                            started);
                }
            }
            secondSteps.forEach(BenchTenant::await);
        } finally {
            second.shutdownNow();
        }
    }

    private static String nameOf(SessionChangeListener readModel) {
        return org.springframework.util.ClassUtils.getUserClass(readModel).getSimpleName();
    }

    private void rebuildStep(long t, String name, java.util.function.BooleanSupplier rebuild, long started) {
        long stepStarted = System.nanoTime();
        if (rebuild.getAsBoolean()) {
            markDone(t, "rebuilt " + name, stepStarted);
            System.out.printf(
                    "  rebuilt %s in %d s, after %d s%n",
                    name,
                    (System.nanoTime() - stepStarted) / 1_000_000_000,
                    (System.nanoTime() - started) / 1_000_000_000);
        }
    }

    /**
     * Quality records (every sub-tab of the session details report, both sides, a few percent poor streams) for
     * the real-time sessions of the last {@code days} days of the data set, loaded once; older sessions keep none,
     * which is what a session without a QoE report looks like.
     */
    void loadQuality(Tenant tenant, LocalDate lastDay, int days) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_quality_complete (tenant_id BIGINT PRIMARY KEY, days INT)")
                .update();
        Integer loaded = jdbc.sql("SELECT MAX(days) FROM bench_quality_complete WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Integer.class)
                .optional()
                .orElse(null);
        if (loaded != null) {
            System.out.println("Reusing quality records of the last " + loaded + " days");
            rankQualityDays(tenant, lastDay, loaded);
            return;
        }
        long started = System.nanoTime();
        for (String table : QUALITY_TABLES) {
            // what an interrupted earlier run left
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenant.id())
                    .update();
        }
        for (int d = 0; d < days; d++) {
            LocalDate day = lastDay.minusDays(d);
            for (String insert : QUALITY_INSERTS) {
                jdbc.sql(insert.replace("%SESSIONS%", QUALITY_SESSIONS).replace("%WHERE%", QUALITY_WHERE))
                        .param("t", tenant.id())
                        .param("from", day.atStartOfDay())
                        .param("to", day.plusDays(1).atStartOfDay())
                        .update();
            }
            if ((d + 1) % 10 == 0 || d == days - 1) {
                System.out.printf(
                        "  quality records for %d of %d days after %d s%n",
                        d + 1, days, (System.nanoTime() - started) / 1_000_000_000);
            }
        }
        jdbc.sql("INSERT INTO bench_quality_complete (tenant_id, days) VALUES (:t, :d)")
                .param("t", tenant.id())
                .param("d", days)
                .update();
        rankQualityDays(tenant, lastDay, days);
    }

    /**
     * Stores the Quality column's rank of the real-time sessions of the last {@code days} days (the days with quality
     * records; the older ones stay Unclassified), one day per statement and remembered per day, so that an
     * interrupted load ranks only the days left (at M a single statement over 180 days ran over an hour).
     */
    private void rankQualityDays(Tenant tenant, LocalDate lastDay, int days) {
        jdbc.sql(
                        "CREATE TABLE IF NOT EXISTS bench_quality_ranked (tenant_id BIGINT, day DATE, PRIMARY KEY (tenant_id, day))")
                .update();
        long started = System.nanoTime();
        int ranked = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = lastDay.minusDays(d);
            boolean done = jdbc.sql("SELECT COUNT(*) FROM bench_quality_ranked WHERE tenant_id = :t AND day = :d")
                            .param("t", tenant.id())
                            .param("d", day)
                            .query(Long.class)
                            .single()
                    > 0;
            if (done) {
                continue;
            }
            QualityRankRecomputation.store(
                    jdbc, tenant.id(), day.atStartOfDay(), day.plusDays(1).atStartOfDay());
            jdbc.sql("INSERT INTO bench_quality_ranked (tenant_id, day) VALUES (:t, :d)")
                    .param("t", tenant.id())
                    .param("d", day)
                    .update();
            if (++ranked % 10 == 0) {
                System.out.printf(
                        "  ranked the sessions of %d more days after %d s%n",
                        ranked, (System.nanoTime() - started) / 1_000_000_000);
            }
        }
    }

    /**
     * Quality records for the last {@code days} days, as {@link #loadQuality} loads them: loads that when the data set
     * has none yet, else only the older days an earlier, shorter load left out. Returns the days that have them.
     */
    /**
     * Runs a read model's rebuild (the loads write raw rows set-based) once per state of the data set: again only when
     * its raw sessions or quality records changed since (another benchmark's load), not on every run: at M a rebuild takes
     * minutes.
     */
    void rebuildOnce(Tenant tenant, String what, Runnable rebuild) {
        String state = dataState(tenant.id());
        if (built(tenant.id(), what, state)) {
            System.out.println("Reusing the " + what + " built earlier (" + state + ")");
            return;
        }
        awaitTotalsMoves(tenant.id());
        long started = System.nanoTime();
        rebuild.run();
        System.out.printf("Built the %s in %d s (%s)%n", what, (System.nanoTime() - started) / 1_000_000_000, state);
        jdbc.sql("REPLACE INTO bench_built (tenant_id, what, data_state) VALUES (:t, :w, :s)")
                .param("t", tenant.id())
                .param("w", what)
                .param("s", state)
                .update();
    }

    /**
     * Waits until every per-user period total of the tenant ends on the report date. The portal moves them at start-up
     * in the background, each move holding the tenant's write lock, and the first build of a large data set's call
     * quality totals reads every stream row for minutes: a rebuild writing those rows meanwhile timed out on its locks
     * at size L. Moving them here waits for a move under way (a wait that times out is tried again).
     */
    private void awaitTotalsMoves(long t) {
        long started = System.nanoTime();
        for (org.commsportal.common.PeriodTotalsMove move : totalsMoves) {
            while (true) {
                try {
                    currentTenant.runAs(t, move::moveToReportDate);
                    break;
                } catch (org.springframework.dao.DataAccessException e) {
                    System.out.println("  waiting for the " + move.what() + " totals' move: " + e.getMessage());
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        if (seconds > 0) {
            System.out.printf("  waited %d s for the period totals' moves%n", seconds);
        }
    }

    /**
     * The call quality read model of the last {@code days} days, the days with quality records ({@link
     * #loadQualityDays}), built once from them. The load built every day's rows before those records were added, so
     * only these days change; at size L a day takes minutes, so the rest are left as they are.
     */
    void buildQualityDays(Tenant tenant, LocalDate lastDay, int days) {
        rebuildOnce(
                tenant,
                "call quality read model of the last " + days + " days",
                () -> qualityRebuild.rebuild(tenant.id(), lastDay.minusDays(days - 1L), lastDay));
    }

    /** The reliability read model of the days with quality records, as {@link #buildQualityDays} builds call quality. */
    void buildReliabilityDays(Tenant tenant, LocalDate lastDay, int days) {
        rebuildOnce(
                tenant,
                "reliability read model of the last " + days + " days",
                () -> reliabilityRebuild.rebuildWhileWriting(tenant.id(), lastDay.minusDays(days - 1L), lastDay));
    }

    private boolean built(long tenantId, String what, String state) {
        return jdbc.sql("SELECT COUNT(*) FROM bench_built WHERE tenant_id = :t AND what = :w AND data_state = :s")
                        .param("t", tenantId)
                        .param("w", what)
                        .param("s", state)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The raw rows' counts that a read model built by {@link #rebuildOnce} was built from (table bench_built). */
    private String dataState(long tenantId) {
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS bench_built (
                    tenant_id BIGINT NOT NULL, what VARCHAR(200) NOT NULL, data_state VARCHAR(200) NOT NULL,
                    PRIMARY KEY (tenant_id, what))
                """).update();
        return "sessions "
                + jdbc.sql("SELECT COUNT(*) FROM comm_session WHERE tenant_id = :t")
                        .param("t", tenantId)
                        .query(Long.class)
                        .single()
                + ", raw quality sessions "
                + jdbc.sql("SELECT COUNT(*) FROM qoe_session WHERE tenant_id = :t")
                        .param("t", tenantId)
                        .query(Long.class)
                        .single();
    }

    int loadQualityDays(Tenant tenant, LocalDate lastDay, int days) {
        loadQuality(tenant, lastDay, days);
        int loaded = jdbc.sql("SELECT MAX(days) FROM bench_quality_complete WHERE tenant_id = :t")
                .param("t", tenant.id())
                .query(Integer.class)
                .single();
        if (loaded >= days) {
            return loaded;
        }
        long started = System.nanoTime();
        // what an interrupted earlier extension left (the days before the loaded ones), so the inserts start clean
        for (String table : QUALITY_TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t AND session_start < :from")
                    .param("t", tenant.id())
                    .param("from", lastDay.minusDays(loaded - 1L).atStartOfDay())
                    .update();
        }
        for (int d = loaded; d < days; d++) {
            LocalDate day = lastDay.minusDays(d);
            for (String insert : QUALITY_INSERTS) {
                jdbc.sql(insert.replace("%SESSIONS%", QUALITY_SESSIONS).replace("%WHERE%", QUALITY_WHERE))
                        .param("t", tenant.id())
                        .param("from", day.atStartOfDay())
                        .param("to", day.plusDays(1).atStartOfDay())
                        .update();
            }
            if ((d + 1) % 10 == 0 || d == days - 1) {
                System.out.printf(
                        "  quality records for %d of %d days after %d s%n",
                        d + 1, days, (System.nanoTime() - started) / 1_000_000_000);
            }
        }
        jdbc.sql("UPDATE bench_quality_complete SET days = :d WHERE tenant_id = :t")
                .param("t", tenant.id())
                .param("d", days)
                .update();
        rankQualityDays(tenant, lastDay, days);
        return days;
    }

    /**
     * The days (ending on the last) that the call quality and reliability benchmarks give quality records: every day up
     * to 180, or fewer by {@code bench.qualityReportDays} (size L: quality records for all its 25 million sessions would
     * not fit on the disk).
     */
    static int qualityReportDays(int days) {
        return Math.min(days, Integer.getInteger("bench.qualityReportDays", 180));
    }

    /** Peer-to-peer PSTN calls a user makes or takes per day, on average (issue 22's pages). */
    static final double PSTN_CALLS_PER_USER_DAY = 0.6;

    /** The dialog ids of the PSTN calls {@link #loadPstn} adds start with it. */
    static final String PSTN_DIALOG_PREFIX = "pstn-";

    /**
     * The telephone number prefixes of the PSTN calls, each followed by four digits, by the country the product's
     * libphonenumber places them in (the benchmark checks that in {@link #loadPstn}): what a naive query over the raw
     * sessions joins to tell domestic from international.
     */
    static final java.util.Map<String, String> PSTN_PREFIXES = java.util.Map.of(
            "US",
            "+1425882",
            "GB",
            "+44207946",
            "DE",
            "+49301234",
            "FR",
            "+3314268",
            "JP",
            "+8135550",
            "IN",
            "+91804123");

    /**
     * What the PSTN pages read, added once to a loaded data set (issue 22): the users' usage locations (US, GB, DE, FR;
     * one in twenty without), calling plans for seven in ten users, PSTN block periods of five in a hundred users
     * (ended, still in force, and a change of action), and {@link #PSTN_CALLS_PER_USER_DAY} peer-to-peer PSTN calls
     * per user and day (two in three outbound, seven in ten domestic) as raw sessions, with quality records on the
     * days that have them. The read models are then rebuilt with the bulk import's path (ReadModelCheck#rebuildDays),
     * so every report, not only the PSTN ones, stays exact over the added sessions.
     */
    void loadPstn(Tenant tenant, int users, int days, LocalDate lastDay) {
        createPstnTables();
        boolean complete = jdbc.sql("SELECT COUNT(*) FROM bench_pstn_complete WHERE tenant_id = :t")
                        .param("t", tenant.id())
                        .query(Long.class)
                        .single()
                > 0;
        if (complete) {
            System.out.println("Reusing PSTN calls, calling plans and blocks");
            return;
        }
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        long started = System.nanoTime();
        long t = tenant.id();
        addPstnRows(t, users, days, lastDay, started);
        // as a bulk import's finish runs it: as the tenant
        List<String> rebuilt = currentTenant.runAs(t, () -> readModels.rebuildDays(t, firstDay, lastDay));
        System.out.println("  rebuilt " + rebuilt + " after " + (System.nanoTime() - started) / 1_000_000_000 + " s");
        // every read model is now rebuilt over every day: what rebuildOnce built before stays built with the calls
        // (at size M the benchmarks' own rebuilds would take another 40 minutes)
        jdbc.sql("UPDATE bench_built SET data_state = :s WHERE tenant_id = :t")
                .param("s", dataState(t))
                .param("t", t)
                .update();
        jdbc.sql("INSERT INTO bench_pstn_complete (tenant_id) VALUES (:t)")
                .param("t", t)
                .update();
        System.out.printf("Loaded the PSTN calls in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The tables that say whether the PSTN rows are loaded and which number prefix each country has. */
    private void createPstnTables() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_pstn_complete (tenant_id BIGINT PRIMARY KEY)")
                .update();
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_pstn_prefix (country CHAR(2) PRIMARY KEY, prefix VARCHAR(16))")
                .update();
        PSTN_PREFIXES.forEach((country, prefix) -> {
            String placed = org.commsportal.pstn.PhoneNumbers.country(prefix + "0123");
            if (!country.equals(placed)) {
                throw new IllegalStateException(prefix + " numbers are placed in " + placed + ", not " + country);
            }
            jdbc.sql("INSERT IGNORE INTO bench_pstn_prefix (country, prefix) VALUES (:c, :p)")
                    .param("c", country)
                    .param("p", prefix)
                    .update();
        });
    }

    /**
     * The raw rows of {@link #loadPstn} (usage locations, calling plans, block periods, the calls as sessions with
     * quality records on the days that have them), without rebuilding any read model.
     */
    private void addPstnRows(long t, int users, int days, LocalDate lastDay, long started) {
        createPstnTables();
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_quality_complete (tenant_id BIGINT PRIMARY KEY, days INT)")
                .update();
        LocalDate firstDay = lastDay.minusDays(days - 1L);
        addPstnUsers(t, firstDay, lastDay);
        Integer qualityDays = jdbc.sql("SELECT MAX(days) FROM bench_quality_complete WHERE tenant_id = :t")
                .param("t", t)
                .query(Integer.class)
                .optional()
                .orElse(null);
        int perDay = (int) Math.round(users * PSTN_CALLS_PER_USER_DAY);
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            int dayNumber = d;
            boolean quality = qualityDays != null && !day.isBefore(lastDay.minusDays(qualityDays - 1L));
            // one transaction per day, remembered in it: an interrupted load leaves whole days only
            readCommitted.executeWithoutResult(status -> {
                if (!done(t, "pstn " + day)) {
                    long dayStarted = System.nanoTime();
                    loadPstnDay(t, day, dayNumber, users, perDay, quality);
                    markDone(t, "pstn " + day, dayStarted);
                }
            });
            if ((d + 1) % 30 == 0 || d == days - 1) {
                System.out.printf(
                        "  PSTN calls for %d of %d days (%,d calls/day) after %d s%n",
                        d + 1, days, perDay, (System.nanoTime() - started) / 1_000_000_000);
            }
        }
    }

    /**
     * What the PSTN pages read of the users: usage locations, calling plans and block periods (before the calls, whose
     * numbers follow the usage locations).
     */
    private void addPstnUsers(long t, LocalDate firstDay, LocalDate lastDay) {
        createPstnTables();
        jdbc.sql("""
                UPDATE licensed_user u JOIN bench_user b ON b.tenant_id = u.tenant_id AND b.user_id = u.id
                SET u.usage_location = CASE WHEN b.n MOD 20 < 10 THEN 'US' WHEN b.n MOD 20 < 14 THEN 'GB'
                                            WHEN b.n MOD 20 < 17 THEN 'DE' WHEN b.n MOD 20 < 19 THEN 'FR' END
                WHERE u.tenant_id = :t
                """).param("t", t).update();
        jdbc.sql("""
                INSERT IGNORE INTO user_calling_plan (tenant_id, user_id, plan)
                SELECT b.tenant_id, b.user_id, CASE WHEN b.n MOD 10 < 3 THEN 'MCOPSTN2' WHEN b.n MOD 10 < 6 THEN 'MCOPSTN1'
                                                    ELSE 'MCOPSTN6' END
                FROM bench_user b WHERE b.tenant_id = :t AND b.n MOD 10 < 7
                UNION ALL
                SELECT b.tenant_id, b.user_id, 'MCOPSTN5' FROM bench_user b WHERE b.tenant_id = :t AND b.n MOD 50 = 7
                """).param("t", t).update();
        // ended blocks; blocks still in force; a block for all PSTN calls changed to international calls only
        readCommitted.executeWithoutResult(status -> {
            if (!done(t, "pstn blocks")) {
                addBlockPeriods(t, firstDay, lastDay);
                markDone(t, "pstn blocks", System.nanoTime());
            }
        });
    }

    /** The PSTN block periods: ended ones, ones still in force, and a block for all calls changed to international. */
    private void addBlockPeriods(long t, LocalDate firstDay, LocalDate lastDay) {
        jdbc.sql("""
                INSERT INTO pstn_block_period (tenant_id, user_id, action, reason, blocked_at, ended_at)
                SELECT b.tenant_id, b.user_id, 'BlockedForPstn', 'Unpaid balance',
                       :first + INTERVAL (b.n MOD 90) DAY + INTERVAL 9 HOUR,
                       :first + INTERVAL (b.n MOD 90 + 20) DAY + INTERVAL 15 HOUR
                FROM bench_user b WHERE b.tenant_id = :t AND b.n MOD 100 < 2
                UNION ALL
                SELECT b.tenant_id, b.user_id, 'InternationalCallsBlocked', 'Fraud alert',
                       :last - INTERVAL (b.n MOD 120) DAY + INTERVAL 11 HOUR, NULL
                FROM bench_user b WHERE b.tenant_id = :t AND b.n MOD 100 IN (2, 3)
                UNION ALL
                SELECT b.tenant_id, b.user_id, 'BlockedForPstn', 'Cost control',
                       :last - INTERVAL 100 DAY + INTERVAL 8 HOUR, :last - INTERVAL 70 DAY + INTERVAL 8 HOUR
                FROM bench_user b WHERE b.tenant_id = :t AND b.n MOD 100 = 4
                UNION ALL
                SELECT b.tenant_id, b.user_id, 'InternationalCallsBlocked', 'Cost control',
                       :last - INTERVAL 70 DAY + INTERVAL 8 HOUR, NULL
                FROM bench_user b WHERE b.tenant_id = :t AND b.n MOD 100 = 4
                """)
                .param("t", t)
                .param("first", firstDay.atStartOfDay())
                .param("last", lastDay.atStartOfDay())
                .update();
    }

    /** A day's PSTN calls as raw sessions, without their media, idempotency keys or quality records. */
    private void insertPstnSessions(long tenantId, LocalDate day, int dayNumber, int users, int perDay) {
        var start = day.atStartOfDay();
        // x: the call's user, whether it is outbound, and the country of the other number
        jdbc.sql("""
                INSERT INTO comm_session (tenant_id, dialog_id, start_time, end_time, from_uri, to_uri, from_user_id,
                                          to_user_id, from_client_version, to_client_version, from_tel, to_tel,
                                          response_code, media_mask, im_message_count)
                SELECT :t, CONCAT(:prefix, :day, '-', x.seq), x.started,
                       x.started + INTERVAL (30 + (x.seq * 37) MOD 900) SECOND,
                       IF(x.outbound, CONCAT('sip:', x.upn), CONCAT('sip:', x.other, '@bench.example;user=phone')),
                       IF(x.outbound, CONCAT('sip:', x.other, '@bench.example;user=phone'), CONCAT('sip:', x.upn)),
                       IF(x.outbound, x.user_id, NULL), IF(x.outbound, NULL, x.user_id),
                       IF(x.outbound, 'UCCAPI/16.0.4549.1000', 'Mediation Server'),
                       IF(x.outbound, 'Mediation Server', 'UCCAPI/16.0.4549.1000'),
                       IF(x.outbound, x.own, x.other), IF(x.outbound, x.other, NULL), 200, 16, 0
                FROM (
                    SELECT s.seq, b.user_id, b.upn, s.seq MOD 3 < 2 AS outbound,
                           :start + INTERVAL ((s.seq * 7919) MOD 85000) SECOND AS started,
                           CONCAT(COALESCE(own.prefix, '+1425882'), LPAD(b.n MOD 10000, 4, '0')) AS own,
                           CONCAT(dest.prefix, LPAD((s.seq * 13) MOD 10000, 4, '0')) AS other
                    FROM seq_1_to_%d s
                    JOIN bench_user b ON b.tenant_id = :t AND b.n = (s.seq * 7 + :dayNumber) MOD :users
                    JOIN licensed_user u ON u.id = b.user_id
                    LEFT JOIN bench_pstn_prefix own ON own.country = u.usage_location
                    JOIN bench_pstn_prefix dest ON dest.country = IF(s.seq MOD 10 < 7, COALESCE(u.usage_location, 'US'),
                                                                     ELT(1 + s.seq MOD 6, 'US', 'GB', 'DE', 'FR', 'JP', 'IN'))
                ) x
                """.formatted(perDay))
                .param("t", tenantId)
                .param("prefix", PSTN_DIALOG_PREFIX)
                .param("day", day.toString())
                .param("start", start)
                .param("users", users)
                .param("dayNumber", dayNumber)
                .update();
    }

    private void loadPstnDay(long tenantId, LocalDate day, int dayNumber, int users, int perDay, boolean quality) {
        var start = day.atStartOfDay();
        insertPstnSessions(tenantId, day, dayNumber, users, perDay);
        jdbc.sql("""
                INSERT INTO session_media (session_id, session_start, media_type_id, tenant_id, duration_ms)
                SELECT s.id, s.start_time, 5, s.tenant_id, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000
                FROM comm_session s
                WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to AND s.dialog_id LIKE :prefix
                """)
                .param("t", tenantId)
                .param("from", start)
                .param("to", start.plusDays(1))
                .param("prefix", PSTN_DIALOG_PREFIX + "%")
                .update();
        jdbc.sql("""
                INSERT IGNORE INTO session_dialog (tenant_id, dialog_id, session_id, start_time)
                SELECT tenant_id, dialog_id, id, start_time FROM comm_session
                WHERE tenant_id = :t AND start_time >= :from AND start_time < :to AND dialog_id LIKE :prefix
                """)
                .param("t", tenantId)
                .param("from", start)
                .param("to", start.plusDays(1))
                .param("prefix", PSTN_DIALOG_PREFIX + "%")
                .update();
        if (quality) {
            // as loadQuality gives every real-time session of its days: the calls' quality records, then their rank
            for (String insert : QUALITY_INSERTS) {
                jdbc.sql(insert.replace("%SESSIONS%", QUALITY_SESSIONS)
                                .replace("%WHERE%", QUALITY_WHERE + " AND s.dialog_id LIKE :prefix"))
                        .param("t", tenantId)
                        .param("from", start)
                        .param("to", start.plusDays(1))
                        .param("prefix", PSTN_DIALOG_PREFIX + "%")
                        .update();
            }
        }
        QualityRankRecomputation.store(jdbc, tenantId, start, start.plusDays(1), PSTN_DIALOG_PREFIX);
    }

    /** Real-time sessions of one day, once per side. */
    private static final String QUALITY_SESSIONS =
            "FROM comm_session s JOIN (SELECT 'FROM' AS side UNION ALL SELECT 'TO') d";

    private static final String QUALITY_WHERE =
            "WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to AND s.media_mask & 56";

    /** The raw quality tables the loads fill. */
    private static final List<String> QUALITY_TABLES = List.of(
            "qoe_session",
            "qoe_media_line",
            "qoe_audio_stream",
            "qoe_audio_client_event",
            "qoe_audio_signal",
            "qoe_app_sharing_stream",
            "qoe_video_client_event",
            "qoe_video_stream",
            "qoe_traceroute",
            "qoe_feedback");

    private static final List<String> QUALITY_INSERTS = List.of("""
            INSERT INTO qoe_session (session_id, session_start, tenant_id, side, machine_name, os_version, cpu_name, cpu_cores,
                                     user_agent)
            SELECT s.id, s.start_time, s.tenant_id, d.side, CONCAT('PC-', HEX(s.id MOD 65521)), 'Windows 11 Enterprise 23H2',
                   'Intel(R) Core(TM) i7-1185G7', 8, IF(d.side = 'FROM', s.from_client_version, s.to_client_version)
            %SESSIONS% %WHERE%
            """, """
            INSERT INTO qoe_media_line (session_id, session_start, tenant_id, side, media_type_id, ip_address, port, subnet,
                                        inside_corp, vpn, connection_type, capture_device, render_device, ice_result)
            SELECT s.id, s.start_time, s.tenant_id, d.side, m.type, CONCAT('10.20.', s.id MOD 250, '.', 2 + s.id MOD 200),
                   50000 + s.id MOD 40, CONCAT('10.20.', s.id MOD 250, '.0'), s.id MOD 7 > 0, s.id MOD 7 = 0,
                   IF(s.id MOD 3 = 0, 'wifi', 'wired'), 'Jabra Evolve2 65', 'Jabra Evolve2 65',
                   IF(s.id MOD 97 = 0, 'failed', 'succeeded')
            %SESSIONS%
            JOIN (SELECT 16 AS bit, 5 AS type UNION ALL SELECT 32, 6 UNION ALL SELECT 8, 4) m ON s.media_mask & m.bit
            %WHERE%
            """, """
            INSERT INTO qoe_audio_stream (session_id, session_start, tenant_id, side, codec, jitter_avg_ms, jitter_max_ms,
                packet_loss_rate_avg, packet_loss_rate_max, round_trip_avg_ms, round_trip_max_ms, network_mos_avg,
                network_mos_min, degradation_avg, degradation_max, concealed_ratio_avg, burst_density,
                bandwidth_estimate_kbps)
            SELECT s.id, s.start_time, s.tenant_id, d.side, 'SILKWide', IF(s.id MOD 41 = 0, 45, 3 + s.id MOD 9), 20,
                   IF(s.id MOD 43 = 0, 0.2, 0.01), 0.03, IF(s.id MOD 47 = 0, 650, 40 + s.id MOD 90), 200, 4.0, 3.6,
                   0.3, 0.6, 0.01, 0.02, 90
            %SESSIONS% %WHERE% AND s.media_mask & 16
            """, """
            INSERT INTO qoe_audio_client_event (session_id, session_start, tenant_id, side, network_send_quality_bad_ratio,
                network_receive_quality_bad_ratio, network_delay_event_ratio, network_low_bandwidth_ratio,
                cpu_insufficient_event_ratio, device_capture_not_functioning_ratio,
                device_render_not_functioning_ratio, device_glitches_event_ratio, device_low_snr_event_ratio,
                device_low_speech_level_ratio, device_clipping_event_ratio, device_echo_event_ratio,
                device_howling_event_ratio)
            SELECT s.id, s.start_time, s.tenant_id, d.side, 0, 0, 0.01, 0, 0, 0, 0, 0.02, 0, 0, 0, 0, 0
            %SESSIONS% %WHERE% AND s.media_mask & 16
            """, """
            INSERT INTO qoe_audio_signal (session_id, session_start, tenant_id, side, send_signal_level_dbmo, recv_signal_level_dbmo,
                send_noise_level_dbmo, recv_noise_level_dbmo, echo_return_db, mic_glitch_rate, speaker_glitch_rate)
            SELECT s.id, s.start_time, s.tenant_id, d.side, -20, -22, -65, -63, -45, 1, 1
            %SESSIONS% %WHERE% AND s.media_mask & 16
            """, """
            INSERT INTO qoe_app_sharing_stream (session_id, session_start, tenant_id, side, jitter_avg_ms, round_trip_avg_ms,
                packet_loss_rate_avg, rdp_tile_processing_latency_avg_ms, spoiled_tile_percent, relative_one_way_avg_s)
            SELECT s.id, s.start_time, s.tenant_id, d.side, 8, 60, 0.01, IF(s.id MOD 37 = 0, 500, 120), 5, 0.4
            %SESSIONS% %WHERE% AND s.media_mask & 8
            """, """
            INSERT INTO qoe_video_client_event (session_id, session_start, tenant_id, side, low_bandwidth_ratio,
                                                receive_quality_bad_ratio)
            SELECT s.id, s.start_time, s.tenant_id, d.side, 0.01, 0.02
            %SESSIONS% %WHERE% AND s.media_mask & 32
            """, """
            INSERT INTO qoe_video_stream (session_id, session_start, tenant_id, side, codec, resolution, frame_rate_in_avg,
                frame_rate_out_avg, local_frame_loss_percent, post_fec_packet_loss, bit_rate_kbps)
            SELECT s.id, s.start_time, s.tenant_id, d.side, 'H264', '1280x720', 25, 25, IF(s.id MOD 31 = 0, 60, 2), 0.01, 1200
            %SESSIONS% %WHERE% AND s.media_mask & 32
            """, """
            INSERT INTO qoe_traceroute (session_id, session_start, tenant_id, side, hop, ip_address, rtt_ms)
            SELECT s.id, s.start_time, s.tenant_id, d.side, h.hop, CONCAT('10.', h.hop, '.', s.id MOD 250, '.1'), h.hop * 3.5
            %SESSIONS% JOIN (SELECT 1 AS hop UNION ALL SELECT 2 UNION ALL SELECT 3) h
            %WHERE% AND s.media_mask & 16 AND s.id MOD 3 = 0
            """, """
            INSERT INTO qoe_feedback (session_id, session_start, tenant_id, side, rating, tokens, feedback_text)
            SELECT s.id, s.start_time, s.tenant_id, d.side, IF(s.id MOD 2 = 0, 2, 5), IF(s.id MOD 2 = 0, 'Echo,NoiseLevel', NULL), NULL
            %SESSIONS% %WHERE% AND s.media_mask & 16 AND s.id MOD 17 = 0 AND d.side = 'FROM'
            """);

    /** Gives the tenant's directly loaded sessions their idempotency keys, as the session writer does. */
    static void recordDialogs(JdbcClient jdbc, long tenantId) {
        jdbc.sql("""
                INSERT IGNORE INTO session_dialog (tenant_id, dialog_id, session_id, start_time)
                SELECT tenant_id, dialog_id, id, start_time FROM comm_session WHERE tenant_id = :t
                """).param("t", tenantId).update();
    }

    /** Deletes the tenant's raw sessions in steps, so no single transaction holds millions of row locks. */
    static void deleteSessions(JdbcClient jdbc, long tenantId) {
        for (String table : org.commsportal.sessions.RawSessionTables.START_COLUMNS.keySet()) {
            while (jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t LIMIT 50000")
                            .param("t", tenantId)
                            .update()
                    > 0) {
                // next step
            }
        }
        jdbc.sql("DELETE FROM session_dialog WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }

    /** Signs in an administrator of the bench tenant in this thread. */
    void signInAdministrator(Tenant tenant) {
        testTenants.signInAs(tenant, Role.GLOBAL_ADMIN);
    }

    private boolean complete(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM bench_complete WHERE tenant_id = :t")
                        .param("t", tenantId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void loadUsers(Tenant tenant, int users, LocalDate licensedFrom) {
        List<UserRecord> batch = new ArrayList<>();
        for (int n = 0; n < users; n++) {
            String alias = "user" + n;
            // every 50th user's license is removed during the period
            LocalDate deletedAt = n % 50 == 49 ? licensedFrom.plusDays(60 + n % 100) : null;
            batch.add(new UserRecord(alias + "@" + tenant.name(), alias, "User " + n, licensedFrom, deletedAt));
            if (batch.size() == 5_000 || n == users - 1) {
                List<UserRecord> chunk = List.copyOf(batch);
                currentTenant.runAs(tenant.id(), () -> directory.upsert(chunk));
                batch.clear();
            }
        }
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_user (tenant_id BIGINT, n INT, user_id BIGINT, upn VARCHAR(255), "
                        + "PRIMARY KEY (tenant_id, n))")
                .update();
        jdbc.sql("""
                INSERT IGNORE INTO bench_user (tenant_id, n, user_id, upn)
                SELECT tenant_id, ROW_NUMBER() OVER (ORDER BY id) - 1, id, upn FROM licensed_user WHERE tenant_id = :t
                """).param("t", tenant.id()).update();
    }

    /** Conferences a user organizes per day, on average. */
    static final double CONFERENCES_PER_USER_DAY = 0.2;

    /**
     * The day's conferences, after its peer-to-peer rollups: each with its organizer and two participants (every
     * other one with video and application sharing, two in five with web conferencing), and in three of ten a
     * telephone party who dialled in (or, one in four, was called) through the organizer's provider, a third
     * party's for a quarter of the organizers; else a third participant. The users' conference sessions in the
     * daily rollups.
     */
    private void insertConferenceSessions(long tenantId, LocalDate day, int dayNumber, int users) {
        int conferences = (int) Math.round(users * CONFERENCES_PER_USER_DAY);
        var start = day.atStartOfDay();
        jdbc.sql("""
                INSERT INTO comm_session (tenant_id, dialog_id, start_time, end_time, from_uri, to_uri, from_user_id,
                                          to_user_id, from_client_version, to_client_version, conference_url,
                                          conf_instance, from_tel, response_code, media_mask, im_message_count,
                                          web_conferencing, dial_direction, conferencing_provider)
                SELECT :t, CONCAT(:day, '-c', x.seq), x.joined,
                       x.joined + INTERVAL (600 + (x.seq * 31) MOD 3000) SECOND,
                       IF(x.phone, CONCAT('sip:+1425555', LPAD(x.conf MOD 10000, 4, '0'), '@bench.example;user=phone'),
                          CONCAT('sip:', p.upn)),
                       CONCAT('sip:', o.upn, ';gruu;opaque=app:conf:focus:id:', :day, '-', x.conf),
                       IF(x.phone, NULL, p.user_id), o.user_id,
                       IF(x.phone, 'Mediation Server',
                          ELT(1 + x.seq MOD 3, 'UCCAPI/16.0.4549.1000', 'UCCAPI/15.0.5023.1000', 'SfBMac/16.24.0.0')),
                       'Conferencing Server',
                       CONCAT('sip:', o.upn, ';gruu;opaque=app:conf:focus:id:', :day, '-', x.conf), '1',
                       IF(x.phone, CONCAT('+1425555', LPAD(x.conf MOD 10000, 4, '0')), NULL), 200,
                       IF(x.phone, 16, IF(x.conf MOD 2 = 0, 57, 17)), IF(x.phone, 0, 1 + x.seq MOD 9),
                       NOT x.phone AND x.conf MOD 5 < 2,
                       IF(x.phone, IF(x.conf MOD 4 = 0, 2, 1), NULL),
                       IF(x.phone, IF(o.n MOD 4 = 0, 2, 1), NULL)
                FROM (
                    SELECT s.seq, (s.seq - 1) DIV 4 AS conf, (s.seq - 1) MOD 4 AS k,
                           (s.seq - 1) MOD 4 = 3 AND ((s.seq - 1) DIV 4) MOD 10 < 3 AS phone,
                           :start + INTERVAL (((s.seq - 1) DIV 4 * 7919) MOD 80000 + (s.seq - 1) MOD 4 * 30) SECOND
                               AS joined
                    FROM seq_1_to_%d s
                ) x
                JOIN bench_user o ON o.tenant_id = :t AND o.n = (x.conf * 5 + :dayNumber) MOD :users
                JOIN bench_user p ON p.tenant_id = :t AND p.n = (o.n + x.k * 97) MOD :users
                """.formatted(conferences * 4))
                .param("t", tenantId)
                .param("day", day.toString())
                .param("start", start)
                .param("users", users)
                .param("dayNumber", dayNumber)
                .update();
    }

    private void insertDaySessions(long tenantId, LocalDate day, int dayNumber, int users, int perDay) {
        var start = day.atStartOfDay();
        jdbc.sql("""
                INSERT INTO comm_session (tenant_id, dialog_id, start_time, end_time, from_uri, to_uri, from_user_id,
                                          to_user_id, from_client_version, to_client_version, response_code,
                                          media_mask, im_message_count)
                SELECT :t, CONCAT(:day, '-', s.seq),
                       :start + INTERVAL ((s.seq * 7919) MOD 85000) SECOND,
                       :start + INTERVAL ((s.seq * 7919) MOD 85000 + 30 + (s.seq * 31) MOD 3600) SECOND,
                       CONCAT('sip:', f.upn), CONCAT('sip:', t.upn), f.user_id, t.user_id,
                       ELT(1 + s.seq MOD 3, 'UCCAPI/16.0.4549.1000', 'UCCAPI/15.0.5023.1000', 'SfBMac/16.24.0.0'),
                       ELT(1 + (s.seq DIV 3) MOD 3, 'UCCAPI/16.0.4549.1000', 'UCCAPI/15.0.5023.1000', 'SfBMac/16.24.0.0'),
                       CASE s.seq MOD 29 WHEN 0 THEN 486 WHEN 1 THEN 487 WHEN 2 THEN 480 ELSE 200 END,
                       CASE s.seq MOD 10 WHEN 7 THEN 16 WHEN 8 THEN 48 WHEN 9 THEN IF(s.seq MOD 20 = 9, 8, 2) ELSE 1 END,
                       1 + s.seq MOD 20
                FROM seq_1_to_%d s
                JOIN bench_user f ON f.tenant_id = :t AND f.n = s.seq MOD :users
                JOIN bench_user t ON t.tenant_id = :t AND t.n = (s.seq * 13 + 1 + :dayNumber) MOD :users
                """.formatted(perDay))
                .param("t", tenantId)
                .param("day", day.toString())
                .param("start", start)
                .param("users", users)
                .param("dayNumber", dayNumber)
                .update();
    }

    /**
     * What derives from a day's sessions: the media of every session, the peer-to-peer sessions' (PSTN calls among them)
     * daily rollups, then the conferences' (the peer-to-peer statements leave the conferences out: both are in the day
     * by now), the idempotency keys the session writer would record, and the quality rank.
     */
    private void deriveDay(long tenantId, LocalDate day) {
        for (String statement : List.of(
                """
                INSERT INTO session_media (session_id, session_start, media_type_id, tenant_id, duration_ms)
                SELECT s.id, s.start_time, m.type, s.tenant_id, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000
                FROM comm_session s
                JOIN (SELECT 1 AS bit, 1 AS type UNION ALL SELECT 2, 2 UNION ALL SELECT 8, 4
                      UNION ALL SELECT 16, 5 UNION ALL SELECT 32, 6) m ON s.media_mask & m.bit
                WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to
                """,
                """
                INSERT INTO user_daily_rollup (tenant_id, user_id, day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing,
                                               p2p_file_transfer, p2p_audio_ms, p2p_video_ms)
                SELECT :t, s.user_id, :day, SUM(s.media_mask & 1 > 0), SUM(s.media_mask & 16 > 0),
                       SUM(s.media_mask & 32 > 0), SUM(s.media_mask & 8 > 0), SUM(s.media_mask & 2 > 0),
                       SUM(IF(s.media_mask & 16, s.seconds * 1000, 0)), SUM(IF(s.media_mask & 32, s.seconds * 1000, 0))
                FROM (SELECT from_user_id AS user_id, media_mask, TIMESTAMPDIFF(SECOND, start_time, end_time) AS seconds
                      FROM comm_session
                      WHERE tenant_id = :t AND start_time >= :from AND start_time < :to AND conference_url IS NULL
                        AND from_user_id IS NOT NULL
                      UNION ALL
                      -- a session from a user to the same user counts once for the user
                      SELECT to_user_id, media_mask, TIMESTAMPDIFF(SECOND, start_time, end_time) FROM comm_session
                      WHERE tenant_id = :t AND start_time >= :from AND start_time < :to AND conference_url IS NULL
                        AND to_user_id IS NOT NULL AND NOT (to_user_id <=> from_user_id)) s
                GROUP BY s.user_id
                """,
                """
                INSERT INTO tenant_daily_rollup (tenant_id, day, p2p_im, p2p_audio, p2p_video, p2p_app_sharing,
                    p2p_file_transfer, p2p_audio_ms, p2p_video_ms, users_im, users_audio, users_video,
                    users_app_sharing, users_file_transfer)
                SELECT :t, :day, SUM(s.media_mask & 1 > 0), SUM(s.media_mask & 16 > 0), SUM(s.media_mask & 32 > 0),
                       SUM(s.media_mask & 8 > 0), SUM(s.media_mask & 2 > 0),
                       SUM(IF(s.media_mask & 16, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000, 0)),
                       SUM(IF(s.media_mask & 32, TIMESTAMPDIFF(SECOND, s.start_time, s.end_time) * 1000, 0)),
                       u.im, u.audio, u.video, u.app, u.ft
                FROM comm_session s,
                     (SELECT SUM(p2p_im > 0) AS im, SUM(p2p_audio > 0) AS audio, SUM(p2p_video > 0) AS video,
                             SUM(p2p_app_sharing > 0) AS app, SUM(p2p_file_transfer > 0) AS ft
                      FROM user_daily_rollup WHERE tenant_id = :t AND day = :day) u
                WHERE s.tenant_id = :t AND s.start_time >= :from AND s.start_time < :to AND s.conference_url IS NULL
                """,
                """
                INSERT INTO user_daily_rollup (tenant_id, user_id, day, conference_sessions)
                SELECT :t, p.user_id, :day, COUNT(*)
                FROM (SELECT id, from_user_id AS user_id FROM comm_session
                      WHERE tenant_id = :t AND start_time >= :from AND start_time < :to
                        AND conference_url IS NOT NULL AND from_user_id IS NOT NULL
                      UNION
                      SELECT id, to_user_id FROM comm_session
                      WHERE tenant_id = :t AND start_time >= :from AND start_time < :to
                        AND conference_url IS NOT NULL) p
                GROUP BY p.user_id
                ON DUPLICATE KEY UPDATE conference_sessions = VALUES(conference_sessions)
                """,
                """
                UPDATE tenant_daily_rollup SET conference_sessions = (
                    SELECT COUNT(*) FROM comm_session
                    WHERE tenant_id = :t AND start_time >= :from AND start_time < :to AND conference_url IS NOT NULL)
                WHERE tenant_id = :t AND day = :day
                """,
                """
                INSERT INTO session_dialog (tenant_id, dialog_id, session_id, start_time)
                SELECT tenant_id, dialog_id, id, start_time FROM comm_session
                WHERE tenant_id = :t AND start_time >= :from AND start_time < :to
                """,
                // the Quality column's rank: Unclassified for every real-time session, none having quality records yet
                // (what QualityRankRecomputation computes then, in a thirtieth of its time; checked by bench.checkLoad)
                """
                UPDATE comm_session SET quality_rank = 2
                WHERE tenant_id = :t AND start_time >= :from AND start_time < :to AND media_mask & 56
                """)) {
            jdbc.sql(statement)
                    .param("t", tenantId)
                    .param("day", day)
                    .param("from", day.atStartOfDay())
                    .param("to", day.plusDays(1).atStartOfDay())
                    .update();
        }
    }
}
