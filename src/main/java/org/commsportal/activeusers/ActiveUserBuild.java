package org.commsportal.activeusers;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.commsportal.activeusers.ActiveUserRepository.CountKey;
import org.commsportal.activeusers.ActiveUserRepository.InteriorKey;
import org.commsportal.activeusers.ActiveUserRepository.UserDay;
import org.commsportal.activeusers.QuarterHours.DayCounts;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds a tenant's quarter-hour activity and counts from its raw sessions, once: for tenants that had sessions
 * before these rows existed. Writers wait for the build (it holds the exclusive lock they share).
 */
@Component
class ActiveUserBuild {

    private static final Logger log = LoggerFactory.getLogger(ActiveUserBuild.class);
    private static final int USERS_PER_STEP = 500;

    private final ActiveUserRepository repository;

    ActiveUserBuild(ActiveUserRepository repository) {
        this.repository = repository;
    }

    /**
     * Builds the tenant's rows unless built meanwhile. With {@code wait} false, a build or write in progress fails
     * the call at once with {@link ActiveUsersNotReadyException} instead of waiting for it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public void build(long tenantId, boolean wait) {
        try {
            if (repository.lockExclusive(tenantId, wait)) {
                return; // built meanwhile
            }
        } catch (org.springframework.dao.DataAccessException e) {
            if (lockNotGranted(e)) {
                throw new ActiveUsersNotReadyException();
            }
            throw e;
        }
        long started = System.nanoTime();
        rebuild(tenantId);
        repository.markBuilt(tenantId);
        log.info(
                "Built the active-user rows of tenant {} in {} ms",
                tenantId,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Replaces the tenant's rows by a build from its raw sessions, in the caller's transaction and lock. */
    void rebuild(long tenantId) {
        repository.deleteAll(tenantId);
        Optional<LocalDate[]> days = repository.sessionDays(tenantId);
        if (days.isPresent()) {
            buildQuarterHours(tenantId, days.get()[0], days.get()[1]);
            buildPeriods(tenantId);
        }
    }

    /** MariaDB error 1205: the lock was not granted (at once with NOWAIT, else after the lock wait timeout). */
    private static boolean lockNotGranted(org.springframework.dao.DataAccessException e) {
        return e instanceof org.springframework.dao.PessimisticLockingFailureException
                || e.getMostSpecificCause() instanceof java.sql.SQLException sql && sql.getErrorCode() == 1205;
    }

    private void buildQuarterHours(long tenantId, LocalDate first, LocalDate last) {
        // Sessions come day by day in start order; a day is complete once sessions start after it
        TreeMap<LocalDate, Map<Long, DayCounts>> pending = new TreeMap<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            repository.activeSpansStartingOn(tenantId, day, span -> {
                for (Long userId : span.parties()) {
                    QuarterHours.forEachDay(
                            span.start(),
                            span.end(),
                            (d, from, to) -> pending.computeIfAbsent(d, key -> new HashMap<>())
                                    .computeIfAbsent(userId, id -> new DayCounts())
                                    .add(from, to, 1));
                }
            });
            flushBefore(tenantId, pending, day);
        }
        flushBefore(tenantId, pending, LocalDate.MAX);
    }

    private void flushBefore(long tenantId, TreeMap<LocalDate, Map<Long, DayCounts>> pending, LocalDate day) {
        Map<UserDay, DayCounts> complete = new HashMap<>();
        var head = pending.headMap(day);
        head.forEach((d, byUser) -> byUser.forEach((userId, counts) -> complete.put(new UserDay(userId, d), counts)));
        head.clear();
        if (!complete.isEmpty()) {
            repository.writeCounts(tenantId, complete);
        }
    }

    private void buildPeriods(long tenantId) {
        // per period, the users active under each shift; arrays, as 105 map entries per user and period are slow
        Map<ActiveUserChanges.Period, int[]> counts = new HashMap<>();
        List<Long> users = repository.activeUserIds(tenantId);
        for (List<Long> step : partition(users)) {
            Map<InteriorKey, Integer> interiors = new HashMap<>();
            repository.masksOfUsers(tenantId, step).forEach((userId, masks) -> {
                for (ActiveUserPeriod kind : ActiveUserPeriod.values()) {
                    var starts = new TreeSet<LocalDate>();
                    masks.keySet().forEach(day -> starts.addAll(PeriodWindows.periodsAround(kind, day)));
                    for (LocalDate start : starts) {
                        int interior = 0;
                        if (PeriodWindows.hasInterior(kind)) {
                            for (LocalDate day : masks.subMap(
                                            start.plusDays(1), kind.next(start).minusDays(1))
                                    .keySet()) {
                                if (masks.get(day).any()) {
                                    interior++;
                                }
                            }
                            if (interior > 0) {
                                interiors.put(new InteriorKey(kind, start, userId), interior);
                            }
                        }
                        countUser(
                                counts.computeIfAbsent(
                                        new ActiveUserChanges.Period(kind, start),
                                        period -> new int[PeriodWindows.SHIFTS]),
                                kind,
                                start,
                                day -> masks.getOrDefault(day, Mask.NONE),
                                interior);
                    }
                }
            });
            repository.insertInteriors(tenantId, interiors);
        }
        repository.addToCounts(tenantId, countRows(counts));
    }

    /** Counts a user under every shift in which the user is active in the period. */
    private static void countUser(
            int[] byShift,
            ActiveUserPeriod kind,
            LocalDate start,
            java.util.function.Function<LocalDate, Mask> masks,
            int interiorDays) {
        BitSet active =
                PeriodWindows.activeShifts(kind, start, PeriodWindows.edgeSlots(kind, start, masks), interiorDays > 0);
        active.stream().forEach(index -> byShift[index]++);
    }

    private static Map<CountKey, Integer> countRows(Map<ActiveUserChanges.Period, int[]> counts) {
        Map<CountKey, Integer> rows = new HashMap<>();
        counts.forEach((period, byShift) -> {
            for (int index = 0; index < byShift.length; index++) {
                if (byShift[index] > 0) {
                    rows.put(
                            new CountKey(period.kind(), index + PeriodWindows.MIN_SHIFT, period.start()),
                            byShift[index]);
                }
            }
        });
        return rows;
    }

    /**
     * Recounts one period from the stored quarter-hours alone, replacing its interior and count rows: for a period
     * that lost some of its days (retention). Runs in the caller's transaction, which holds the exclusive lock.
     */
    void recount(long tenantId, ActiveUserPeriod kind, LocalDate start) {
        LocalDate end = kind.next(start);
        Map<Long, Integer> interiorDays = PeriodWindows.hasInterior(kind)
                ? repository.activeDaysBetween(tenantId, start.plusDays(1), end.minusDays(1))
                : Map.of();
        Map<UserDay, Mask> edges = repository.masksOn(tenantId, PeriodWindows.edgeDays(kind, start));
        var users = new TreeSet<>(interiorDays.keySet());
        edges.keySet().forEach(userDay -> users.add(userDay.userId()));
        int[] byShift = new int[PeriodWindows.SHIFTS];
        Map<InteriorKey, Integer> interiors = new HashMap<>();
        for (long userId : users) {
            int days = interiorDays.getOrDefault(userId, 0);
            if (days > 0) {
                interiors.put(new InteriorKey(kind, start, userId), days);
            }
            countUser(byShift, kind, start, day -> edges.getOrDefault(new UserDay(userId, day), Mask.NONE), days);
        }
        repository.deletePeriods(tenantId, kind, start, kind.next(start));
        repository.insertInteriors(tenantId, interiors);
        repository.addToCounts(tenantId, countRows(Map.of(new ActiveUserChanges.Period(kind, start), byShift)));
    }

    private static List<List<Long>> partition(List<Long> users) {
        List<List<Long>> steps = new java.util.ArrayList<>();
        for (int from = 0; from < users.size(); from += USERS_PER_STEP) {
            steps.add(users.subList(from, Math.min(users.size(), from + USERS_PER_STEP)));
        }
        return steps;
    }
}
