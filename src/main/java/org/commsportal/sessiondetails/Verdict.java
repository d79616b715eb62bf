package org.commsportal.sessiondetails;

/**
 * How good a media stream was (docs/session-details.md), from best to worst; a session shows its worst stream's verdict.
 * Unclassified (failed ICE, no QoE report, no metric) ranks as worse than Good: it is something to look at.
 */
public enum Verdict {
    GOOD("Good"),
    UNCLASSIFIED("Unclassified"),
    POOR("Poor");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 1 for Good up to 3 for Poor: the rank stored with each session, 0 meaning "no media streams". */
    int rank() {
        return ordinal() + 1;
    }

    static Verdict ofLabel(String label) {
        for (Verdict verdict : values()) {
            if (verdict.label.equals(label)) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("Unknown verdict " + label);
    }
}
