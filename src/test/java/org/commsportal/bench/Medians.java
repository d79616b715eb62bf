package org.commsportal.bench;

import java.util.Arrays;

/** Times an operation: one warm-up run, then the median of repeated runs, printed with the slowest. */
final class Medians {

    private Medians() {
    }

    static double median(String name, int runs, Runnable operation) {
        operation.run(); // warm-up
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            operation.run();
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("  %-50s median %8.1f ms, max %8.1f ms%n", name, ms[runs / 2], ms[runs - 1]);
        return ms[runs / 2];
    }
}
