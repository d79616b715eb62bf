package org.commsportal.reliability;

import org.jspecify.annotations.Nullable;

/** Rate My Call ratings: how many, their sum and the poor ones (ratings 1 and 2). */
public record FeedbackCounts(long rated, long ratingSum, long poor) {

    public static FeedbackCounts empty() {
        return new FeedbackCounts(0, 0, 0);
    }

    public FeedbackCounts plus(FeedbackCounts other) {
        return new FeedbackCounts(rated + other.rated, ratingSum + other.ratingSum, poor + other.poor);
    }

    /** The average rating; null without a rating. */
    public @Nullable Double average() {
        return rated == 0 ? null : (double) ratingSum / rated;
    }

    /** Poor ratings per rating, in percent; null without a rating. */
    public @Nullable Double poorPercent() {
        return rated == 0 ? null : 100.0 * poor / rated;
    }
}
