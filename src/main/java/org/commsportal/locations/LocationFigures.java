package org.commsportal.locations;

import org.jspecify.annotations.Nullable;

/**
 * The figures of one row of the locations report: streams by verdict (call quality) and sessions by outcome
 * (reliability) of the subnets mapped there, each day by the building file that applied on it.
 */
public record LocationFigures(
        String value, long good, long poor, long unclassified, long attempts, long setupFailures, long drops) {

    public long streams() {
        return good + poor + unclassified;
    }

    /** Poor / (Poor + Good) in percent, as on the call quality page; null without a classified stream. */
    public @Nullable Double poorPercent() {
        return good + poor == 0 ? null : 100.0 * poor / (good + poor);
    }

    /** Setup failures per attempt, in percent, as on the reliability page. */
    public @Nullable Double setupFailurePercent() {
        return attempts == 0 ? null : 100.0 * setupFailures / attempts;
    }

    /** Drops per established session, in percent, as on the reliability page. */
    public @Nullable Double dropFailurePercent() {
        long established = attempts - setupFailures;
        return established == 0 ? null : 100.0 * drops / established;
    }

    LocationFigures plus(LocationFigures other) {
        return new LocationFigures(
                value,
                good + other.good,
                poor + other.poor,
                unclassified + other.unclassified,
                attempts + other.attempts,
                setupFailures + other.setupFailures,
                drops + other.drops);
    }
}
