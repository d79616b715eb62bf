package org.commsportal.alerts;

import org.commsportal.quality.QualitySplit;
import org.jspecify.annotations.Nullable;

/**
 * What a rule watches each value of: a split of the call quality page, or the building of the building file
 * (docs/alerts-and-webhooks.md, "Per building"), whose figures are those of its mapped subnets.
 */
public enum AlertScope {
    CONFERENCE(QualitySplit.CONFERENCE),
    CONNECTION(QualitySplit.CONNECTION),
    INSIDE(QualitySplit.INSIDE),
    VPN(QualitySplit.VPN),
    CLIENT(QualitySplit.CLIENT),
    SUBNET(QualitySplit.SUBNET),
    BUILDING(null);

    private final @Nullable QualitySplit split;

    AlertScope(@Nullable QualitySplit split) {
        this.split = split;
    }

    /** The split the figures are read by: a building's are read by subnet, then added up. */
    QualitySplit readBy() {
        return split == null ? QualitySplit.SUBNET : split;
    }

    public String title() {
        return split == null ? "Building" : split.title();
    }

    /** A value as the pages show it; a building by its name. */
    public String label(String value) {
        return split == null ? value : split.label(value);
    }
}
