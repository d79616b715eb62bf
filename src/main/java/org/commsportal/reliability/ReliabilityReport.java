package org.commsportal.reliability;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.commsportal.sessions.Modality;

/**
 * The reliability page's figures for a filter: the trend per day (or month), the totals, per modality, per value of
 * each split, and the scorecard against the vendor's targets (docs/reliability.md).
 */
public record ReliabilityReport(
        ReliabilityFilter filter,
        Map<LocalDate, ReliabilityCounts> trend,
        ReliabilityCounts total,
        Map<Modality, ReliabilityCounts> byModality,
        Map<ReliabilitySplit, List<SplitRow>> splits,
        List<ScoreMonth> scorecard) {

    /** Setup failure target in percent, overall and inside the corporate network. */
    public static final double SETUP_TARGET = 1.0;

    public static final double SETUP_TARGET_INSIDE = 0.5;

    /** Drop failure target in percent, overall and inside the corporate network. */
    public static final double DROP_TARGET = 3.0;

    public static final double DROP_TARGET_INSIDE = 2.0;

    /** One value of a split: its stored value, its label and its counts. */
    public record SplitRow(String value, String label, ReliabilityCounts counts) {}

    /** One month of the scorecard: every session of the filter's modality, and those inside the corporate network. */
    public record ScoreMonth(YearMonth month, ReliabilityCounts overall, ReliabilityCounts inside) {

        public boolean setupPasses() {
            return within(overall.setupFailurePercent(), SETUP_TARGET)
                    && within(inside.setupFailurePercent(), SETUP_TARGET_INSIDE);
        }

        public boolean dropPasses() {
            return within(overall.dropFailurePercent(), DROP_TARGET)
                    && within(inside.dropFailurePercent(), DROP_TARGET_INSIDE);
        }

        private static boolean within(@org.jspecify.annotations.Nullable Double percent, double target) {
            return percent == null || percent <= target;
        }
    }
}
