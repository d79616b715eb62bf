package org.commsportal.quality;

import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/** Streams of one modality and split value over a time range (docs/alerts-and-webhooks.md). */
public record QualityWindowCounts(Modality modality, String splitValue, long good, long poor, long unclassified) {

    /** Poor / (Poor + Good) in percent, as the call quality page computes it; null without a classified stream. */
    public @Nullable Double poorPercent() {
        return good + poor == 0 ? null : 100.0 * poor / (good + poor);
    }

    /** The streams the ratio counts: Good and Poor. */
    public long classified() {
        return good + poor;
    }
}
