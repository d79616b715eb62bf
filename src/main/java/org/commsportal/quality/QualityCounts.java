package org.commsportal.quality;

import java.util.Arrays;

/**
 * Streams by verdict, poor streams per rule slot (1..5 at index 0..4) of one modality or summed over several, and
 * the histogram of each slot's metric. Poor % is Poor / (Poor + Good); Unclassified streams never count in it.
 */
public record QualityCounts(long good, long poor, long unclassified, long[] rules, long[][] histograms) {

    public static QualityCounts empty() {
        return new QualityCounts(
                0, 0, 0, new long[QualityMetric.SLOTS], new long[QualityMetric.SLOTS][QualityMetric.BUCKETS]);
    }

    public long streams() {
        return good + poor + unclassified;
    }

    /** Good + Poor: the streams the ratio counts. */
    public long classified() {
        return good + poor;
    }

    /** Poor / (Poor + Good) in percent, or null without a classified stream. */
    public @org.jspecify.annotations.Nullable Double poorPercent() {
        return classified() == 0 ? null : 100.0 * poor / classified();
    }

    public long rule(int slot) {
        return rules[slot - 1];
    }

    public long[] histogram(int slot) {
        return histograms[slot - 1].clone();
    }

    QualityCounts plus(QualityCounts other) {
        long[] r = rules.clone();
        long[][] h = new long[QualityMetric.SLOTS][];
        for (int i = 0; i < QualityMetric.SLOTS; i++) {
            r[i] += other.rules[i];
            h[i] = histograms[i].clone();
            for (int b = 0; b < QualityMetric.BUCKETS; b++) {
                h[i][b] += other.histograms[i][b];
            }
        }
        return new QualityCounts(good + other.good, poor + other.poor, unclassified + other.unclassified, r, h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityCounts c
                && good == c.good
                && poor == c.poor
                && unclassified == c.unclassified
                && Arrays.equals(rules, c.rules)
                && Arrays.deepEquals(histograms, c.histograms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[] {good, poor, unclassified}) * 31 + Arrays.hashCode(rules);
    }

    @Override
    public String toString() {
        return "good " + good + ", poor " + poor + ", unclassified " + unclassified + ", rules "
                + Arrays.toString(rules) + ", histograms " + Arrays.deepToString(histograms);
    }
}
