package org.commsportal.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What a load run used of the machine: CPU by process and thread, and the database pool. */
final class LoadResources {

    private LoadResources() {}

    /** The database pool's busiest moments of the run. */
    record PoolUse(int size, int maxActive, int maxWaiting, double waitingShare) {

        String describe() {
            return size == 0
                    ? "database pool not sampled"
                    : "database pool of %d: up to %d in use, up to %d requests waiting for one (in %.0f %% of samples)"
                            .formatted(size, maxActive, maxWaiting, waitingShare * 100);
        }
    }

    /** Samples the pool every 20 ms until interrupted. */
    static final class PoolSampler implements Runnable {

        private final @Nullable HikariDataSource pool;
        private volatile PoolUse use = new PoolUse(0, 0, 0, 0);

        PoolSampler(@Nullable HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        public void run() {
            if (pool == null || pool.getHikariPoolMXBean() == null) {
                return;
            }
            var bean = pool.getHikariPoolMXBean();
            int maxActive = 0;
            int maxWaiting = 0;
            long samples = 0;
            long waiting = 0;
            while (!Thread.currentThread().isInterrupted()) {
                maxActive = Math.max(maxActive, bean.getActiveConnections());
                int waitingNow = bean.getThreadsAwaitingConnection();
                maxWaiting = Math.max(maxWaiting, waitingNow);
                samples++;
                waiting += waitingNow > 0 ? 1 : 0;
                use = new PoolUse(pool.getMaximumPoolSize(), maxActive, maxWaiting, (double) waiting / samples);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        PoolUse use() {
            return use;
        }
    }

    static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * CPU time used so far by this JVM (the portal and the clients), by the embedded MariaDB it started, and by the
     * whole machine (Linux {@code /proc/stat}; 0 elsewhere), so that other processes' load shows.
     */
    record Cpu(long wallNanos, long jvmNanos, long databaseNanos, long machineNanos) {

        static Cpu now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long database = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info()
                            .command()
                            .map(c -> c.contains("mariadbd") || c.contains("mysqld"))
                            .orElse(false))
                    .mapToLong(p ->
                            p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                    .sum();
            return new Cpu(System.nanoTime(), os.getProcessCpuTime(), database, machineBusyNanos());
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
}
