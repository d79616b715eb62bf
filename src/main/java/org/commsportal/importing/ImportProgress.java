package org.commsportal.importing;

import java.io.PrintStream;

/**
 * Progress lines of a long import: records done of the total, the rate, and the estimated time left, at most
 * every {@link #EVERY_NANOS} (docs/import-teams-call-records.md, "Progress").
 */
final class ImportProgress {

    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long lastShown = started;
    private long done;

    ImportProgress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    void advance(long records) {
        done += records;
        long now = System.nanoTime();
        if (out instanceof ImportConsole console) { // the upload page shows every step
            double rate = done / Math.max((now - started) / 1e9, 0.001);
            console.progress(done, total, what, rate, rate <= 0 ? 0 : Math.round(Math.max(total - done, 0) / rate));
        }
        if (now - lastShown >= EVERY_NANOS) {
            lastShown = now;
            out.println("  " + line(now));
        }
    }

    String line(long now) {
        double seconds = Math.max((now - started) / 1e9, 0.001);
        double rate = done / seconds;
        String left = rate <= 0 || total <= done ? "0 s" : Math.round((total - done) / rate) + " s";
        return "%d of %d %s (%.0f%%), %.0f/s, about %s left"
                .formatted(done, total, what, total == 0 ? 100.0 : 100.0 * done / total, rate, left);
    }

    long done() {
        return done;
    }

    double seconds() {
        return (System.nanoTime() - started) / 1e9;
    }
}
