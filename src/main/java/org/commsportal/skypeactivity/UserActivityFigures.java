package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A user's Skype for Business activity over a period: distinct peer-to-peer sessions (one with oneself once), and
 * the conferences organized and taken part in; last days are up to the end of the period.
 */
public record UserActivityFigures(
        long peerToPeerSessions,
        @Nullable LocalDate peerToPeerLastDay,
        ConferenceFigures organized,
        ConferenceFigures participated) {

    public static final UserActivityFigures NONE =
            new UserActivityFigures(0, null, ConferenceFigures.NONE, ConferenceFigures.NONE);

    /** The last day with any of the three kinds of activity, null for none. */
    public @Nullable LocalDate lastActivityDay() {
        return java.util.stream.Stream.of(peerToPeerLastDay, organized.lastDay(), participated.lastDay())
                .filter(java.util.Objects::nonNull)
                .max(LocalDate::compareTo)
                .orElse(null);
    }
}
