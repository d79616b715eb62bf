package org.commsportal.activeusers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.commsportal.activeusers.ActiveUserRepository.ActiveSpan;
import org.commsportal.activeusers.ActiveUserRepository.StoredDay;
import org.commsportal.activeusers.ActiveUserRepository.UserDay;
import org.commsportal.activeusers.QuarterHours.DayCounts;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.commsportal.common.Chunks;
import org.commsportal.sessions.LockedSteps;
import org.springframework.stereotype.Component;

/**
 * A bulk import's rebuild of the active users of the days it changed (docs/active-users.md, "Bulk imports"): each UTC
 * day from the first imported day to the last day an imported or replaced session is in progress on is recomputed
 * from the sessions in progress on it, one day per step, and each user whose row of the day changed has the periods
 * around the day changed as a write changes them. The days are rebuilt in order, so that the sessions in progress
 * at a day's start are found from the day before's rows, which are exact by then.
 */
@Component
class ActiveUserDays {

    /** How far back one read of the sessions looks for those still in progress at a day's start. */
    private static final int NEAR_DAYS = 7;

    /** A session lasts at most 366 days (docs/ingest.md): no day's start is inside one that began longer ago. */
    private static final int MAX_DAYS_BACK = 367;

    private final ActiveUserRepository repository;
    private final ActiveUserChanges changes;
    private final LockedSteps steps;

    ActiveUserDays(ActiveUserRepository repository, ActiveUserChanges changes, LockedSteps steps) {
        this.repository = repository;
        this.changes = changes;
        this.steps = steps;
    }

    /**
     * Rebuilds the days [first, lastInProgress] of a tenant whose sessions starting on [first, last] were stored or
     * replaced; false, doing nothing, when the tenant has no session on other days, which a whole build does
     * faster.
     */
    boolean rebuildDays(long tenantId, LocalDate first, LocalDate last, LocalDate lastInProgress) {
        if (!steps.hasSessionsOutside(tenantId, first, last)) {
            return false;
        }
        LocalDate end = lastInProgress.isBefore(last) ? last : lastInProgress;
        for (LocalDate day = first; !day.isAfter(end); day = day.plusDays(1)) {
            LocalDate rebuilt = day;
            steps.once(tenantId, () -> rebuildDay(tenantId, rebuilt));
        }
        return true;
    }

    /** Replaces the day's rows by a recomputation, in the step's transaction; nothing for a tenant not built. */
    private void rebuildDay(long tenantId, LocalDate day) {
        if (!repository.lockExclusive(tenantId, true)) {
            return; // the build reads the raw sessions
        }
        Map<Long, ActiveSpan> spans = new HashMap<>();
        repository.activeSpansStartingOn(tenantId, day, span -> spans.put(span.sessionId(), span));
        addSpansFromEarlierDays(tenantId, day, spans);

        Map<Long, DayCounts> counts = new HashMap<>();
        for (ActiveSpan span : spans.values()) {
            for (Long userId : span.parties()) {
                QuarterHours.forEachDay(span.start(), span.end(), (partDay, from, to) -> {
                    if (partDay.equals(day)) {
                        counts.computeIfAbsent(userId, id -> new DayCounts()).add(from, to, 1);
                    }
                });
            }
        }
        Map<Long, StoredDay> stored = repository.storedDay(tenantId, day);
        Set<Long> users = new TreeSet<>(stored.keySet());
        users.addAll(counts.keySet());
        Map<UserDay, DayCounts> changed = new TreeMap<>(java.util.Comparator.comparingLong(UserDay::userId));
        for (long userId : users) {
            DayCounts after = counts.getOrDefault(userId, new DayCounts());
            StoredDay before = stored.get(userId);
            if (before == null ? after.mask().any() : !Arrays.equals(before.counts(), after.encode())) {
                changed.put(new UserDay(userId, day), after);
            }
        }
        // a thousand users at a time, to bound the masks of the periods' edge days that a change reads
        for (List<UserDay> chunk : Chunks.of(new ArrayList<>(changed.keySet()))) {
            Map<UserDay, DayCounts> part = new HashMap<>();
            chunk.forEach(key -> part.put(key, changed.get(key)));
            changes.replace(tenantId, part, key -> {
                StoredDay before = stored.get(key.userId());
                return before == null ? Mask.NONE : before.mask();
            });
        }
    }

    /**
     * Adds the sessions that began before the day and are in progress at its start. Each one's users are active in
     * the last quarter-hour of every day from its first to the day before, so the day before's rows name the users,
     * and how many days back each one's last quarter-hours stay active bounds where its sessions start: one read of
     * the sessions of those days for most, a read through the party indexes for a user in a longer session.
     */
    private void addSpansFromEarlierDays(long tenantId, LocalDate day, Map<Long, ActiveSpan> spans) {
        Set<Long> running = repository.activeAtEndOf(tenantId, day.minusDays(1));
        LocalDate nearFrom = day;
        Map<Long, LocalDate> farFrom = new HashMap<>();
        for (int back = 1; !running.isEmpty(); back++) {
            LocalDate earlier = day.minusDays(back + 1);
            Set<Long> stillRunning =
                    back < MAX_DAYS_BACK ? repository.activeAtEndOf(tenantId, earlier, running) : Set.of();
            LocalDate runStart = day.minusDays(back);
            for (Long userId : running) {
                if (!stillRunning.contains(userId)) {
                    if (back <= NEAR_DAYS) {
                        nearFrom = runStart;
                    } else {
                        farFrom.put(userId, runStart);
                    }
                }
            }
            running = stillRunning;
        }
        if (nearFrom.isBefore(day)) {
            repository.activeSpansIntoDay(tenantId, nearFrom, day, span -> spans.put(span.sessionId(), span));
        }
        farFrom.forEach((userId, from) -> repository.activeSpansOfUserIntoDay(
                tenantId, userId, from, day, span -> spans.put(span.sessionId(), span)));
    }
}
