package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What one write changed, for the read models: the sessions that stop counting (a replaced session, or the parties
 * of a stored one that no longer count for their user) and those that start, and the same as differences of the
 * per-user daily rollups, per user id and UTC day, in user id order.
 */
public record SessionChanges(
        long tenantId,
        List<CountedSession> removed,
        List<CountedSession> added,
        Map<Long, Map<LocalDate, RollupContribution>> byUser) {}
