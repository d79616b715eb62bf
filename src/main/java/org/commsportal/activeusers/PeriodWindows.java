package org.commsportal.activeusers;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.TreeSet;

/**
 * A period starting on local date {@code L} and ending on local date {@code E} is, in a zone with offset
 * {@code o} at both ends, the UTC slots {@code [96 L + s, 96 E + s)} with shift {@code s = -o} in quarter-hours.
 * Shifts run from -56 (+14:00) to 48 (-12:00), so every zone's version of the period covers the UTC days
 * {@code L + 1} to {@code E - 2} (its interior) whole, and its edges lie in days {@code L - 1}, {@code L},
 * {@code E - 1} and {@code E}.
 */
final class PeriodWindows {

    static final int MIN_SHIFT = -56;
    static final int MAX_SHIFT = 48;
    static final int SHIFTS = MAX_SHIFT - MIN_SHIFT + 1;

    private PeriodWindows() {
    }

    static boolean hasInterior(ActiveUserPeriod kind) {
        return kind != ActiveUserPeriod.DAILY;
    }

    /** Whether the UTC day lies in the interior of the period starting on the date. */
    static boolean inInterior(ActiveUserPeriod kind, LocalDate start, LocalDate day) {
        return hasInterior(kind) && day.isAfter(start) && day.isBefore(kind.next(start).minusDays(1));
    }

    /** The UTC days holding the edges of every zone's version of the period starting on the date. */
    static TreeSet<LocalDate> edgeDays(ActiveUserPeriod kind, LocalDate start) {
        LocalDate end = kind.next(start);
        return new TreeSet<>(Arrays.asList(start.minusDays(1), start, end.minusDays(1), end));
    }

    /** The starts of the periods some zone's version of which includes part of the UTC day. */
    static TreeSet<LocalDate> periodsAround(ActiveUserPeriod kind, LocalDate day) {
        return new TreeSet<>(Arrays.asList(kind.startOf(day.minusDays(1)), kind.startOf(day),
                kind.startOf(day.plusDays(1))));
    }

    /** A user's active slots on the period's edge days, sorted, given the user's mask of a day. */
    static long[] edgeSlots(ActiveUserPeriod kind, LocalDate start, java.util.function.Function<LocalDate, QuarterHours.Mask> masks) {
        var slots = new java.util.ArrayList<Long>();
        for (LocalDate day : edgeDays(kind, start)) {
            masks.apply(day).addSlots(day.toEpochDay(), slots::add);
        }
        return slots.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /**
     * The shifts (bit {@code s - MIN_SHIFT}) under which a user is active in the period starting on the date, given
     * the user's active slots on the period's edge days (sorted) and whether the user was active in its interior.
     */
    static BitSet activeShifts(ActiveUserPeriod kind, LocalDate start, long[] edgeSlots, boolean interiorActive) {
        BitSet active = new BitSet(SHIFTS);
        if (interiorActive) {
            active.set(0, SHIFTS);
            return active;
        }
        long from = QuarterHours.firstSlotOf(start);
        long to = QuarterHours.firstSlotOf(kind.next(start));
        for (int shift = MIN_SHIFT; shift <= MAX_SHIFT; shift++) {
            if (anyIn(edgeSlots, from + shift, to + shift)) {
                active.set(shift - MIN_SHIFT);
            }
        }
        return active;
    }

    /** Whether a sorted array of slots holds one in {@code [from, to)}. */
    static boolean anyIn(long[] sortedSlots, long from, long to) {
        int at = Arrays.binarySearch(sortedSlots, from);
        int first = at >= 0 ? at : -at - 1;
        return first < sortedSlots.length && sortedSlots[first] < to;
    }
}
