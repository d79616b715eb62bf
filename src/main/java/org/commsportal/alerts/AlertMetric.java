package org.commsportal.alerts;

/** The figures a rule watches, as the call quality, reliability and Rate My Call pages compute them. */
public enum AlertMetric {
    /** Poor / (Good + Poor) streams (docs/call-quality.md). */
    POOR_STREAMS("Poor streams %", "poor streams", "classified streams"),
    /** Setup failures / attempts (docs/reliability.md). */
    SETUP_FAILURES("Setup failure %", "setup failures", "attempts"),
    /** Drops / established sessions (docs/reliability.md). */
    DROP_FAILURES("Drop failure %", "drops", "established sessions"),
    /** Ratings 1 and 2 / ratings (docs/reliability.md, Rate My Call). */
    POOR_RATINGS("Poor rating %", "poor ratings", "ratings");

    private final String label;
    private final String numerator;
    private final String denominator;

    AlertMetric(String label, String numerator, String denominator) {
        this.label = label;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    public String label() {
        return label;
    }

    /** What the figure counts, e.g. "poor streams". */
    public String numerator() {
        return numerator;
    }

    /** What it counts them among, and what the minimum sample counts, e.g. "classified streams". */
    public String denominator() {
        return denominator;
    }

    /** Whether a rule may narrow it to a modality (ratings are of the whole call). */
    public boolean hasModality() {
        return this != POOR_RATINGS;
    }
}
