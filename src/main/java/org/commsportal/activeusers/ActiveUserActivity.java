package org.commsportal.activeusers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.commsportal.activeusers.ActiveUserRepository.UserDay;
import org.commsportal.activeusers.QuarterHours.DayCounts;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the quarter-hour activity and the active-user counts in the session writer's transaction, as its second
 * read model (docs/architecture.md): each audio or video session adds one to (or, when replaced, removes one from)
 * every quarter-hour it is in progress in, for each licensed party; a user's counted periods change only where the
 * user's active quarter-hours change. Nothing is kept for a tenant whose rows are not built yet (the build reads
 * the raw sessions).
 */
@Component
@Order(2)
class ActiveUserActivity implements SessionChangeListener {

    /** An audio or video session's time span for one licensed party, added (+1) or removed (-1). */
    record Span(long userId, Instant start, Instant end, int sign) {}

    private final ActiveUserRepository repository;
    private final ActiveUserChanges changes;
    private final ActiveUserBuild build;
    private final ActiveUserDays days;
    private final ActiveUserCheck check;

    ActiveUserActivity(
            ActiveUserRepository repository,
            ActiveUserChanges changes,
            ActiveUserBuild build,
            ActiveUserDays days,
            ActiveUserCheck check) {
        this.repository = repository;
        this.changes = changes;
        this.build = build;
        this.days = days;
        this.check = check;
    }

    /**
     * Forgets the UTC days before the day (retention), once the sessions that span it are removed: deletes their
     * quarter-hours and the periods wholly before it, and recounts the periods that some zone's version of spans
     * both sides, so every row equals a recomputation from the sessions that start on or after the day. Waits for
     * the tenant's writers; does nothing for a tenant whose rows are not built (the build reads the kept sessions).
     */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        if (!repository.lockExclusive(tenantId, true)) {
            return;
        }
        repository.deleteQuarterHoursBefore(tenantId, day);
        for (ActiveUserPeriod kind : ActiveUserPeriod.values()) {
            var spanning = new java.util.TreeSet<>(PeriodWindows.periodsAround(kind, day.minusDays(1)));
            spanning.addAll(PeriodWindows.periodsAround(kind, day));
            repository.deletePeriods(
                    tenantId, kind, LocalDate.of(1000, 1, 1), spanning.first()); // wholly before the day
            for (LocalDate start : spanning) {
                build.recount(tenantId, kind, start);
            }
        }
    }

    /** Takes the shared lock that a build waits for, first in the writing transaction. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void begin(long tenantId) {
        repository.lockShared(tenantId);
    }

    /** Locks the users whose activity changes, in id order, before anything else of theirs is locked. */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockUsers(SessionChanges changes) {
        if (repository.built(changes.tenantId())) {
            List<Long> users = spans(changes).stream().map(Span::userId).toList();
            if (!users.isEmpty()) {
                repository.lockUsers(changes.tenantId(), users);
            }
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        if (repository.built(changes.tenantId())) {
            apply(changes.tenantId(), spans(changes));
        }
    }

    /**
     * Replaces the tenant's rows by a build from its raw sessions, when they are built (else the first read builds
     * them); holds the lock that writers share meanwhile.
     */
    @Override
    @Transactional(isolation = org.springframework.transaction.annotation.Isolation.READ_COMMITTED)
    public boolean rebuild(long tenantId) {
        if (repository.lockExclusive(tenantId, true)) {
            build.rebuild(tenantId);
        }
        return true;
    }

    /**
     * A bulk import's days: those from its first day to the last day one of its sessions is in progress on, a day per
     * step (ActiveUserDays); a tenant without sessions on other days, or an import whose last day in progress is not
     * known, is rebuilt whole instead.
     */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last, @Nullable LocalDate lastInProgress) {
        return lastInProgress != null && days.rebuildDays(tenantId, first, last, lastInProgress);
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        return check.differences(tenantId, limit);
    }

    /** The audio and video sessions' spans for each party they count for, removed (-1) and added (+1). */
    private static List<Span> spans(SessionChanges changes) {
        List<Span> spans = new java.util.ArrayList<>();
        for (int sign : new int[] {-1, +1}) {
            for (CountedSession s : sign < 0 ? changes.removed() : changes.added()) {
                if (Modality.audioOrVideo(s.mediaMask())) {
                    if (s.fromUserId() != null) {
                        spans.add(new Span(s.fromUserId(), s.start(), s.end(), sign));
                    }
                    if (s.toUserId() != null && !s.toUserId().equals(s.fromUserId())) {
                        spans.add(new Span(s.toUserId(), s.start(), s.end(), sign));
                    }
                }
            }
        }
        return spans;
    }

    /** Applies the spans to the quarter-hours, interior days and counts, as a difference from the stored counts. */
    private void apply(long tenantId, List<Span> spans) {
        Map<UserDay, DayCounts> deltas =
                new TreeMap<>(java.util.Comparator.comparing(UserDay::userId).thenComparing(UserDay::day));
        for (Span span : spans) {
            QuarterHours.forEachDay(
                    span.start(),
                    span.end(),
                    (day, from, to) -> deltas.computeIfAbsent(new UserDay(span.userId(), day), key -> new DayCounts())
                            .addToDifference(from, to, span.sign()));
        }
        if (deltas.isEmpty()) {
            return;
        }
        Set<Long> users = new TreeSet<>();
        Set<LocalDate> days = new TreeSet<>();
        deltas.keySet().forEach(key -> {
            users.add(key.userId());
            days.add(key.day());
        });
        Map<UserDay, DayCounts> stored = repository.counts(tenantId, users, days);
        Map<UserDay, DayCounts> updated = new HashMap<>();
        deltas.forEach((key, delta) -> {
            DayCounts before = stored.get(key);
            DayCounts after = before == null ? new DayCounts() : before.copy();
            after.addAll(delta);
            updated.put(key, after);
        });
        changes.replace(
                tenantId,
                updated,
                key -> stored.containsKey(key) ? stored.get(key).mask() : Mask.NONE);
    }
}
