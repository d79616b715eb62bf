package org.commsportal.sessiondetails;

import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * A validated search: sessions starting in [from, to), entered in {@code zone}, of one user (null: every user of the
 * tenant, only with a drill-through) that the filters leave; {@code userLabel} is how the viewer sees the user.
 * Sorting is by start time unless a column is chosen.
 */
public record SessionSearch(
        @Nullable Long userId,
        String userLabel,
        Instant from,
        Instant to,
        ZoneId zone,
        @Nullable SessionColumn sortColumn,
        boolean ascending,
        SessionFilters filters) {

    /** One user's sessions without filters. */
    public SessionSearch(
            long userId,
            String userLabel,
            Instant from,
            Instant to,
            ZoneId zone,
            @Nullable SessionColumn sortColumn,
            boolean ascending) {
        this(userId, userLabel, from, to, zone, sortColumn, ascending, SessionFilters.none());
    }

    public SessionSearch sortedBy(@Nullable SessionColumn column, boolean isAscending) {
        return new SessionSearch(userId, userLabel, from, to, zone, column, isAscending, filters);
    }
}
