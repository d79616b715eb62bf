package org.commsportal.reliability;

import org.commsportal.quality.QualitySplit;

/**
 * The ways the reliability and feedback pages split sessions and ratings (docs/reliability.md): the splits of the call
 * quality page (their titles and labels are the quality page's), taken from the caller's side (a rating: its own side). Kind 0 of the day rows is no split.
 */
public enum ReliabilitySplit {
    CONFERENCE(1, "conference"),
    CONNECTION(2, "connection"),
    INSIDE(3, "inside"),
    VPN(4, "vpn"),
    CLIENT(5, "client"),
    SUBNET(6, "subnet");

    private final int kind;
    private final String column;

    ReliabilitySplit(int kind, String column) {
        this.kind = kind;
        this.column = column;
    }

    int kind() {
        return kind;
    }

    /** The split of a day row's kind (1 to 6). */
    static ReliabilitySplit ofKind(int kind) {
        for (ReliabilitySplit split : values()) {
            if (split.kind == kind) {
                return split;
            }
        }
        throw new IllegalArgumentException("no split of kind " + kind);
    }

    String column() {
        return column;
    }

    /** Whether the read model stores the split's value as text (client and subnet), not as a flag or a code. */
    boolean storedAsText() {
        return this == CLIENT || this == SUBNET;
    }

    public String title() {
        return QualitySplit.valueOf(name()).title();
    }

    /** The label of a stored value, as the call quality page shows it. */
    public String label(String value) {
        return QualitySplit.valueOf(name()).label(value);
    }
}
