package org.commsportal.bench;

import java.util.Arrays;

/** Response times of one client and kind of request, and errors; merged after a load run, then summarized. */
final class LatencySamples {

    private long[] micros = new long[256];
    private int size;
    private long errors;

    void add(long elapsedNanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = elapsedNanos / 1_000;
    }

    void error() {
        errors++;
    }

    void addAll(LatencySamples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.micros[i] * 1_000);
        }
        errors += other.errors;
    }

    /**
     * Requests (answered well or not), their rate over the run's seconds, and the 50th, 95th and 99th percentile
     * (nearest rank) and slowest time, in ms, of the well-answered ones.
     */
    record Summary(
            long requests, double perSecond, double p50Ms, double p95Ms, double p99Ms, double maxMs, long errors) {}

    Summary summary(double seconds) {
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        return new Summary(
                size + errors,
                (size + errors) / seconds,
                rank(sorted, 0.50),
                rank(sorted, 0.95),
                rank(sorted, 0.99),
                size == 0 ? Double.NaN : sorted[size - 1] / 1e3,
                errors);
    }

    private static double rank(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e3;
    }
}
