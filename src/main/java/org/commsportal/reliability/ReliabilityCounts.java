package org.commsportal.reliability;

import org.jspecify.annotations.Nullable;

/**
 * Sessions counted for reliability: attempts (every session that is not an expected failure), setup failures, drops
 * (of the established: attempts less setup failures) and expected failures (docs/reliability.md).
 */
public record ReliabilityCounts(long attempts, long setupFailures, long drops, long expected) {

    public static ReliabilityCounts empty() {
        return new ReliabilityCounts(0, 0, 0, 0);
    }

    public ReliabilityCounts plus(ReliabilityCounts other) {
        return new ReliabilityCounts(
                attempts + other.attempts,
                setupFailures + other.setupFailures,
                drops + other.drops,
                expected + other.expected);
    }

    public long established() {
        return attempts - setupFailures;
    }

    /** Setup failures per attempt, in percent; null without attempts. */
    public @Nullable Double setupFailurePercent() {
        return attempts == 0 ? null : 100.0 * setupFailures / attempts;
    }

    /** Drops per established session, in percent; null without an established session. */
    public @Nullable Double dropFailurePercent() {
        return established() == 0 ? null : 100.0 * drops / established();
    }
}
