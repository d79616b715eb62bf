package org.commsportal.activeusers;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.commsportal.activeusers.ActiveUserRepository.CountKey;
import org.commsportal.activeusers.ActiveUserRepository.InteriorKey;
import org.commsportal.activeusers.ActiveUserRepository.UserDay;
import org.commsportal.activeusers.QuarterHours.DayCounts;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.springframework.stereotype.Component;

/**
 * Replaces users' quarter-hour counts of some days and changes their counted periods where their active
 * quarter-hours changed: for a write (a difference from the stored counts) and for a bulk import's day rebuild (a
 * recomputation of a day), in the caller's transaction, which holds the locks of the users or of the tenant.
 */
@Component
class ActiveUserChanges {

    private final ActiveUserRepository repository;

    ActiveUserChanges(ActiveUserRepository repository) {
        this.repository = repository;
    }

    /**
     * Stores {@code updated} (a user day without activity loses its row) and changes the interior days and counts of
     * the periods around each user day whose mask differs from {@code oldMask}'s, the mask stored before.
     */
    void replace(long tenantId, Map<UserDay, DayCounts> updated, Function<UserDay, Mask> oldMask) {
        Map<UserDay, Mask> oldMasks = new HashMap<>();
        Map<UserDay, Mask> newMasks = new HashMap<>();
        updated.forEach((key, after) -> {
            Mask before = oldMask.apply(key);
            Mask now = after.mask();
            if (!before.equals(now)) {
                oldMasks.put(key, before);
                newMasks.put(key, now);
            }
        });
        repository.writeCounts(tenantId, updated);
        if (!newMasks.isEmpty()) {
            updatePeriods(tenantId, oldMasks, newMasks);
        }
    }

    private void updatePeriods(long tenantId, Map<UserDay, Mask> oldMasks, Map<UserDay, Mask> newMasks) {
        // the periods touched by each user's changed days, and the days whose masks their counts depend on
        Map<Long, Set<Period>> periodsByUser = new TreeMap<>();
        Map<Long, List<UserDay>> changedByUser = new HashMap<>();
        Set<LocalDate> neededDays = new TreeSet<>();
        Set<LocalDate> interiorStarts = new TreeSet<>();
        for (UserDay changed : newMasks.keySet()) {
            changedByUser
                    .computeIfAbsent(changed.userId(), id -> new java.util.ArrayList<>())
                    .add(changed);
            for (ActiveUserPeriod kind : ActiveUserPeriod.values()) {
                for (LocalDate start : PeriodWindows.periodsAround(kind, changed.day())) {
                    periodsByUser
                            .computeIfAbsent(changed.userId(), id -> new TreeSet<>())
                            .add(new Period(kind, start));
                    neededDays.addAll(PeriodWindows.edgeDays(kind, start));
                    if (PeriodWindows.hasInterior(kind)) {
                        interiorStarts.add(start);
                    }
                }
            }
        }
        Map<UserDay, Mask> masks = repository.masks(tenantId, periodsByUser.keySet(), neededDays);
        // what the database now holds for the changed days is the new state; the old one is in oldMasks
        masks.keySet().removeAll(newMasks.keySet());
        Map<InteriorKey, Integer> interiors = repository.interiors(tenantId, periodsByUser.keySet(), interiorStarts);

        Map<CountKey, Integer> countDeltas = new TreeMap<>(java.util.Comparator.comparing((CountKey k) -> k.kind())
                .thenComparingInt(CountKey::shift)
                .thenComparing(CountKey::start));
        Map<InteriorKey, Integer> interiorDeltas =
                new TreeMap<>(java.util.Comparator.comparing((InteriorKey k) -> k.kind())
                        .thenComparing(InteriorKey::start)
                        .thenComparingLong(InteriorKey::userId));
        periodsByUser.forEach((userId, periods) -> {
            for (Period period : periods) {
                int interiorBefore = 0;
                int interiorChange = 0;
                if (PeriodWindows.hasInterior(period.kind())) {
                    var key = new InteriorKey(period.kind(), period.start(), userId);
                    interiorBefore = interiors.getOrDefault(key, 0);
                    for (UserDay changed : changedByUser.get(userId)) {
                        if (PeriodWindows.inInterior(period.kind(), period.start(), changed.day())) {
                            interiorChange += (newMasks.get(changed).any() ? 1 : 0)
                                    - (oldMasks.get(changed).any() ? 1 : 0);
                        }
                    }
                    if (interiorChange != 0) {
                        interiorDeltas.merge(key, interiorChange, Integer::sum);
                    }
                }
                BitSet before = PeriodWindows.activeShifts(
                        period.kind(), period.start(), edgeSlots(userId, period, masks, oldMasks), interiorBefore > 0);
                BitSet after = PeriodWindows.activeShifts(
                        period.kind(),
                        period.start(),
                        edgeSlots(userId, period, masks, newMasks),
                        interiorBefore + interiorChange > 0);
                BitSet changedShifts = (BitSet) before.clone();
                changedShifts.xor(after);
                changedShifts.stream()
                        .forEach(index -> countDeltas.merge(
                                new CountKey(period.kind(), index + PeriodWindows.MIN_SHIFT, period.start()),
                                after.get(index) ? 1 : -1,
                                Integer::sum));
            }
        });
        repository.addToInteriors(tenantId, interiorDeltas);
        repository.addToCounts(tenantId, countDeltas);
    }

    private static long[] edgeSlots(
            long userId, Period period, Map<UserDay, Mask> unchanged, Map<UserDay, Mask> changed) {
        return PeriodWindows.edgeSlots(period.kind(), period.start(), day -> {
            var key = new UserDay(userId, day);
            return changed.containsKey(key) ? changed.get(key) : unchanged.getOrDefault(key, Mask.NONE);
        });
    }

    record Period(ActiveUserPeriod kind, LocalDate start) implements Comparable<Period> {
        @Override
        public int compareTo(Period other) {
            int byKind = kind.compareTo(other.kind);
            return byKind != 0 ? byKind : start.compareTo(other.start);
        }
    }
}
