package org.commsportal.skypeactivity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.LockedSteps;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the activity read model in the session writer's transaction, as its third read model
 * (docs/architecture.md): each session taken away or added changes the rows of its parties' day by one session,
 * and the per-user period totals ({@link ActivityPeriodTotals}) by what that did to their windows.
 */
@Component
@Order(3)
class ActivityPartyDays implements SessionChangeListener {

    private final ActivityPartyDayRepository repository;
    private final ActivityPeriodTotals periodTotals;
    private final LockedSteps steps;

    ActivityPartyDays(ActivityPartyDayRepository repository, ActivityPeriodTotals periodTotals, LockedSteps steps) {
        this.repository = repository;
        this.periodTotals = periodTotals;
        this.steps = steps;
    }

    /** The period totals of the users whose rows change, in id order (docs/architecture.md, the lock order). */
    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockUsers(SessionChanges changes) {
        periodTotals.lockUsers(changes.tenantId(), rows(changes).keySet());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        SortedMap<PartyDay, PartyDay.Counts> rows = rows(changes);
        if (!rows.isEmpty()) {
            // the days' totals are locked first, in key order, then changed by what the rows' change did: the
            // touched users' and conferences' figures before and after it (a recount of the day read every row of
            // it, 0.4 s a day at 100,000 users)
            java.util.SortedSet<PartyDay.KindDay> days = new java.util.TreeSet<>();
            rows.keySet().forEach(key -> days.add(key.kindDay()));
            repository.lockDays(changes.tenantId(), days);
            var before = repository.touchedFigures(changes.tenantId(), rows.keySet());
            var pending = periodTotals.beforeRows(changes.tenantId(), rows);
            repository.add(changes.tenantId(), rows);
            periodTotals.afterRows(pending, rows);
            repository.changeDays(
                    changes.tenantId(),
                    days,
                    before,
                    repository.touchedFigures(changes.tenantId(), rows.keySet()),
                    rows);
        }
    }

    private static SortedMap<PartyDay, PartyDay.Counts> rows(SessionChanges changes) {
        SortedMap<PartyDay, PartyDay.Counts> rows = new TreeMap<>(PartyDay.ORDER);
        for (int sign : new int[] {-1, +1}) {
            for (CountedSession s : sign < 0 ? changes.removed() : changes.added()) {
                PartyDay.Counts counts = PartyDay.Counts.of(s, sign);
                PartyDay.forEachRow(s, key -> rows.merge(key, counts, PartyDay.Counts::plus));
            }
        }
        return rows;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void usersWritten(long tenantId, Collection<String> upns) {
        periodTotals.usersWritten(tenantId, upns);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        repository.deleteBefore(tenantId, day);
        periodTotals.forgetBefore(tenantId, day);
    }

    @Override
    @Transactional
    public boolean rebuild(long tenantId) {
        repository.rebuild(tenantId);
        periodTotals.rebuilt(tenantId);
        return true;
    }

    /**
     * A bulk import's days, a week of UTC days per step: their rows and day totals recomputed from the sessions that
     * start on them, then the period totals rebuilt from the day rows.
     */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        steps.forEachWeek(tenantId, first, last, (from, until) -> repository.rebuildDays(tenantId, from, until));
        steps.once(tenantId, () -> periodTotals.rebuilt(tenantId));
        return true;
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        List<String> differences = new java.util.ArrayList<>(repository.differences(tenantId, limit));
        if (differences.size() < limit) {
            differences.addAll(periodTotals.differences(tenantId, limit - differences.size()));
        }
        return differences;
    }
}
