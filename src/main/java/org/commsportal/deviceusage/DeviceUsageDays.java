package org.commsportal.deviceusage;

import java.time.LocalDate;
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
 * Keeps the device usage read model in the session writer's transaction, as its fourth read model
 * (docs/architecture.md): each party taken away or added changes its user's row of the day and platform by one,
 * the distinct users of the day and platform ({@link DevicePlatformDayRepository}) when it is the user's first or last
 * party there, and the user's period totals ({@link DevicePeriodTotals}) with it.
 */
@Component
@Order(4)
class DeviceUsageDays implements SessionChangeListener {

    private final DeviceUsageRepository repository;
    private final DevicePlatformDayRepository platformDays;
    private final DevicePeriodTotals periodTotals;
    private final LockedSteps steps;

    DeviceUsageDays(
            DeviceUsageRepository repository,
            DevicePlatformDayRepository platformDays,
            DevicePeriodTotals periodTotals,
            LockedSteps steps) {
        this.repository = repository;
        this.platformDays = platformDays;
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
        SortedMap<PartyPlatformDay, Long> rows = rows(changes);
        if (!rows.isEmpty()) {
            repository.add(changes.tenantId(), rows);
            platformDays.add(changes.tenantId(), rows);
            periodTotals.apply(changes.tenantId(), rows);
        }
    }

    private static SortedMap<PartyPlatformDay, Long> rows(SessionChanges changes) {
        SortedMap<PartyPlatformDay, Long> rows = new TreeMap<>(PartyPlatformDay.ORDER);
        for (int sign : new int[] {-1, +1}) {
            long delta = sign;
            for (CountedSession s : sign < 0 ? changes.removed() : changes.added()) {
                PartyPlatformDay.forEachRow(s, key -> rows.merge(key, delta, Long::sum));
            }
        }
        return rows;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void usersWritten(long tenantId, java.util.Collection<String> upns) {
        periodTotals.usersWritten(tenantId, upns);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        repository.deleteBefore(tenantId, day);
        platformDays.deleteBefore(tenantId, day);
        periodTotals.forgetBefore(tenantId, day);
    }

    @Override
    @Transactional
    public boolean rebuild(long tenantId) {
        repository.rebuild(tenantId);
        platformDays.rebuild(tenantId);
        periodTotals.rebuilt(tenantId);
        return true;
    }

    /**
     * A bulk import's days, a week of UTC days per step: their rows and daily users per platform recomputed from the
     * sessions that start on them, then the period totals rebuilt from the day rows.
     */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        steps.forEachWeek(tenantId, first, last, (from, until) -> {
            repository.rebuildDays(tenantId, from, until);
            platformDays.rebuildDays(tenantId, from, until);
        });
        steps.once(tenantId, () -> periodTotals.rebuilt(tenantId));
        return true;
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        List<String> differences = new java.util.ArrayList<>(repository.differences(tenantId, limit));
        if (differences.size() < limit) {
            differences.addAll(platformDays.differences(tenantId, limit - differences.size()));
        }
        if (differences.size() < limit) {
            differences.addAll(periodTotals.differences(tenantId, limit - differences.size()));
        }
        return differences;
    }
}
