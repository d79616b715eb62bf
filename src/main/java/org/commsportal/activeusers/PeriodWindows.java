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

    private PeriodWindows() {}

    static boolean hasInterior(ActiveUserPeriod kind) {
        return kind != ActiveUserPeriod.DAILY;
    }

    /** Whether the UTC day lies in the interior of the period starting on the date. */
    static boolean inInterior(ActiveUserPeriod kind, LocalDate start, LocalDate day) {
        return hasInterior(kind)
                && day.isAfter(start)
                && day.isBefore(kind.next(start).minusDays(1));
    }

    /** The UTC days holding the edges of every zone's version of the period starting on the date. */
    static TreeSet<LocalDate> edgeDays(ActiveUserPeriod kind, LocalDate start) {
        LocalDate end = kind.next(start);
        return new TreeSet<>(Arrays.asList(start.minusDays(1), start, end.minusDays(1), end));
    }

    /** The starts of the periods some zone's version of which includes part of the UTC day. */
    static TreeSet<LocalDate> periodsAround(ActiveUserPeriod kind, LocalDate day) {
        return new TreeSet<>(
                Arrays.asList(kind.startOf(day.minusDays(1)), kind.startOf(day), kind.startOf(day.plusDays(1))));
    }

    /** A user's active slots on the period's edge days, sorted, given the user's mask of a day. */
    static long[] edgeSlots(
            ActiveUserPeriod kind, LocalDate start, java.util.function.Function<LocalDate, QuarterHours.Mask> masks) {
        var slots = java.util.stream.LongStream.builder();
        for (LocalDate day : edgeDays(kind, start)) { // ascending days, each day's slots ascending
            masks.apply(day).addSlots(day.toEpochDay(), slots);
        }
        return slots.build().toArray();
    }

    /**
     * The shifts (bit {@code s - MIN_SHIFT}) under which a user is active in the period starting on the date, given
     * the user's active slots on the period's edge days and whether the user was active in its interior. A slot
     * {@code x} lies in the period's version under shift {@code s} when {@code from + s <= x < to + s}, that is for
     * the shifts {@code x - to < s <= x - from}: one range of bits per slot instead of a search per shift.
     */
    static BitSet activeShifts(ActiveUserPeriod kind, LocalDate start, long[] edgeSlots, boolean interiorActive) {
        BitSet active = new BitSet(SHIFTS);
        if (interiorActive) {
            active.set(0, SHIFTS);
            return active;
        }
        long from = QuarterHours.firstSlotOf(start);
        long to = QuarterHours.firstSlotOf(kind.next(start));
        for (long slot : edgeSlots) {
            long lowest = Math.max(MIN_SHIFT, slot - to + 1);
            long highest = Math.min(MAX_SHIFT, slot - from);
            if (lowest <= highest) {
                active.set((int) (lowest - MIN_SHIFT), (int) (highest - MIN_SHIFT) + 1);
            }
        }
        return active;
    }
}
