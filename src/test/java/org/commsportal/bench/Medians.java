package org.commsportal.bench;

import java.util.Arrays;

/** Times an operation: one warm-up run, then the median and 95th percentile of repeated runs, printed with the slowest. */
final class Medians {

    /** Figures of repeated runs, in milliseconds. */
    record Timing(double medianMs, double p95Ms, double maxMs) {

        /** The median, 95th percentile (nearest rank) and slowest of the samples. */
        static Timing of(double[] samplesMs) {
            double[] ms = samplesMs.clone();
            Arrays.sort(ms);
            int n = ms.length;
            return new Timing(ms[n / 2], ms[Math.max(0, (int) Math.ceil(0.95 * n) - 1)], ms[n - 1]);
        }
    }

    private Medians() {}

    /**
     * The median of a naive query's runs. A single run (sizes M and L, where one takes minutes) is not warmed up: the
     * cold cache is what such a query meets.
     */
    static double median(String name, int runs, Runnable operation) {
        if (runs <= 1) {
            long started = System.nanoTime();
            operation.run();
            double ms = (System.nanoTime() - started) / 1e6;
            System.out.printf("  %-50s one cold run %8.1f ms%n", name, ms);
            return ms;
        }
        return time(name, runs, operation).medianMs();
    }

    static Timing time(String name, int runs, Runnable operation) {
        return time(name, runs, () -> {}, operation);
    }

    /** As {@link #time(String, int, Runnable)}, with {@code before} run untimed before each run. */
    static Timing time(String name, int runs, Runnable before, Runnable operation) {
        before.run();
        operation.run(); // warm-up
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            before.run();
            long started = System.nanoTime();
            operation.run();
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Timing timing = Timing.of(ms);
        System.out.printf(
                "  %-50s median %8.1f ms, p95 %8.1f ms, max %8.1f ms%n",
                name, timing.medianMs(), timing.p95Ms(), timing.maxMs());
        return timing;
    }
}
