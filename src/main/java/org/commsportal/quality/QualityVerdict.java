package org.commsportal.quality;

import java.util.Locale;

/** A stream's verdict as the read model stores it (docs/call-quality.md), with its drill-through parameter value. */
public enum QualityVerdict {
    GOOD(1),
    UNCLASSIFIED(2),
    POOR(3);

    private final int code;

    QualityVerdict(int code) {
        this.code = code;
    }

    /** The stored code: 1 Good, 2 Unclassified, 3 Poor. */
    public int code() {
        return code;
    }

    /** The value of the drill-through parameter {@code verdict}: poor, good or unclassified. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    /** The verdict of a parameter value, in any letter case. */
    public static QualityVerdict ofParameter(String value) {
        for (QualityVerdict verdict : values()) {
            if (verdict.parameter().equalsIgnoreCase(value.strip())) {
                return verdict;
            }
        }
        throw new IllegalArgumentException("verdict must be poor, good or unclassified, not '" + value + "'.");
    }
}
