package org.commsportal.alerts;

import org.jspecify.annotations.Nullable;

/**
 * A rule's figure for one series over its window: the split value ('' overall) and its label, the counted events
 * and the sample they are counted among.
 */
public record AlertFigure(String series, String label, long numerator, long denominator) {

    /** The figure in percent; null without a sample. */
    public @Nullable Double percent() {
        return denominator == 0 ? null : 100.0 * numerator / denominator;
    }
}
