package org.commsportal.quality;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.commsportal.sessions.Modality;

/**
 * Every figure of the call quality page for one filter: the trend per day (or month) and modality, the totals per
 * modality with their rule counts and histograms, the split tables, the scorecard per month, and the minimum sample
 * below which a split value is not ranked.
 */
public record QualityReport(
        QualityFilter filter,
        Map<LocalDate, Map<Modality, QualityCounts>> trend,
        Map<Modality, QualityCounts> totals,
        Map<QualitySplit, List<SplitRow>> splits,
        List<ScoreMonth> scorecard,
        int minSample) {

    /**
     * One value of a split: its value, label and counts per modality; for a group of client versions, the user agents
     * as stored with their streams (docs/call-quality.md, "Client versions"), most streams first, else none.
     */
    public record SplitRow(String value, String label, Map<Modality, QualityCounts> byModality, List<Member> members) {

        public SplitRow(String value, String label, Map<Modality, QualityCounts> byModality) {
            this(value, label, byModality, List.of());
        }

        public QualityCounts total() {
            return byModality.values().stream().reduce(QualityCounts.empty(), QualityCounts::plus);
        }

        /** Whether the value has enough streams to be ranked. */
        public boolean ranked(int minSample) {
            return total().streams() >= minSample;
        }
    }

    /** A stored user agent of a group of client versions and its streams. */
    public record Member(String agent, long streams) {}

    /** One month of the scorecard: audio streams overall and inside the corporate network. */
    public record ScoreMonth(YearMonth month, QualityCounts audio, QualityCounts audioInside) {

        /** The vendor's targets (docs/call-quality.md): at most 3 % poor overall and 2 % inside. */
        public static final double OVERALL_TARGET = 3.0;

        public static final double INSIDE_TARGET = 2.0;

        /** True or false against the target, null without a classified stream. */
        public @org.jspecify.annotations.Nullable Boolean overallPasses() {
            Double poor = audio.poorPercent();
            return poor == null ? null : poor <= OVERALL_TARGET;
        }

        public @org.jspecify.annotations.Nullable Boolean insidePasses() {
            Double poor = audioInside.poorPercent();
            return poor == null ? null : poor <= INSIDE_TARGET;
        }
    }

    /** The modalities' counts summed. */
    public QualityCounts total() {
        return totals.values().stream().reduce(QualityCounts.empty(), QualityCounts::plus);
    }

    /** The ranked values of a split, worst Poor % first: at most {@code limit}. */
    public List<SplitRow> worst(QualitySplit split, int limit) {
        return splits.getOrDefault(split, List.of()).stream()
                .filter(row -> row.ranked(minSample) && row.total().poorPercent() != null)
                .sorted(java.util.Comparator.comparing(
                                (SplitRow row) -> row.total().poorPercent())
                        .reversed()
                        .thenComparing(SplitRow::value))
                .limit(limit)
                .toList();
    }

    /**
     * The bucket in which the percentile's stream falls: the first bucket whose running count reaches
     * ceil(p / 100 * n), or -1 for an empty histogram. Exact for the buckets, not for the values.
     */
    public static int percentileBucket(long[] histogram, double percent) {
        long n = 0;
        for (long count : histogram) {
            n += count;
        }
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * n));
        long running = 0;
        for (int bucket = 0; bucket < histogram.length; bucket++) {
            running += histogram[bucket];
            if (running >= rank) {
                return bucket;
            }
        }
        return histogram.length - 1;
    }
}
