package org.commsportal.sessiondetails;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A validated search: a user's sessions starting in [from, to), entered in {@code zone}; {@code userLabel} is how
 * the viewer sees the user. Sorting is by start time unless a column is chosen.
 */
public record SessionSearch(
        long userId,
        String userLabel,
        Instant from,
        Instant to,
        ZoneId zone,
        @Nullable SessionColumn sortColumn,
        boolean ascending) {

    public SessionSearch sortedBy(@Nullable SessionColumn column, boolean isAscending) {
        return new SessionSearch(userId, userLabel, from, to, zone, column, isAscending);
    }
}
