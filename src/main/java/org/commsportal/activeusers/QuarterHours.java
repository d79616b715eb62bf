package org.commsportal.activeusers;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Quarter-hour slots of UTC days. Slot {@code n} is the quarter-hour starting {@code n * 15} minutes after the
 * epoch; day {@code d} holds slots {@code 96 d} to {@code 96 d + 95}. A session is in progress in every slot from
 * the one holding its start to the one holding the last millisecond before its end (a session without duration
 * in the slot of its start), so it counts in every period it overlaps and in no other.
 */
final class QuarterHours {

    static final int PER_DAY = 96;
    static final long MILLIS = 15 * 60 * 1000L;

    private QuarterHours() {}

    static long firstSlot(Instant start) {
        return Math.floorDiv(start.toEpochMilli(), MILLIS);
    }

    static long lastSlot(Instant start, Instant end) {
        return end.isAfter(start) ? Math.floorDiv(end.toEpochMilli() - 1, MILLIS) : firstSlot(start);
    }

    static long day(long slot) {
        return Math.floorDiv(slot, PER_DAY);
    }

    static long firstSlotOf(LocalDate day) {
        return day.toEpochDay() * PER_DAY;
    }

    /** Receives one UTC day's part of a span: the day and its first and last slot (0-based, inclusive). */
    interface DayPart {
        void accept(LocalDate day, int from, int to);
    }

    /** Splits the slots a session is in progress in into its UTC days. */
    static void forEachDay(Instant start, Instant end, DayPart parts) {
        long first = firstSlot(start);
        long last = lastSlot(start, end);
        for (long day = day(first); day <= day(last); day++) {
            long dayStart = day * PER_DAY;
            parts.accept(LocalDate.ofEpochDay(day), (int) (Math.max(first, dayStart) - dayStart), (int)
                    (Math.min(last, dayStart + PER_DAY - 1) - dayStart));
        }
    }

    /** The slot that starts at the instant, which must fall on a quarter-hour. */
    static long slotAt(Instant instant) {
        if (Math.floorMod(instant.toEpochMilli(), MILLIS) != 0) {
            throw new IllegalArgumentException(instant + " is not on a quarter-hour");
        }
        return instant.toEpochMilli() / MILLIS;
    }

    /** One user's activity on one UTC day: per slot, the number of sessions in progress. */
    static final class DayCounts {
        private final int[] counts;

        DayCounts() {
            this(new int[PER_DAY]);
        }

        private DayCounts(int[] counts) {
            this.counts = counts;
        }

        static DayCounts decode(byte[] stored) {
            ByteBuffer buffer = ByteBuffer.wrap(stored);
            int[] counts = new int[PER_DAY];
            for (int i = 0; i < PER_DAY; i++) {
                counts[i] = Short.toUnsignedInt(buffer.getShort());
            }
            return new DayCounts(counts);
        }

        byte[] encode() {
            ByteBuffer buffer = ByteBuffer.allocate(2 * PER_DAY);
            for (int count : counts) {
                if (count > 0xFFFF) {
                    throw new IllegalStateException("More than 65535 sessions in progress in one quarter-hour");
                }
                buffer.putShort((short) count);
            }
            return buffer.array();
        }

        DayCounts copy() {
            return new DayCounts(counts.clone());
        }

        /** Adds the sign to slots {@code from} to {@code to} (both within this day, 0-based). */
        void add(int from, int to, int sign) {
            for (int i = from; i <= to; i++) {
                counts[i] += sign;
                if (counts[i] < 0) {
                    throw new IllegalStateException("Quarter-hour activity would become negative");
                }
            }
        }

        /** Adds the sign without the non-negative check: to a difference, added to stored counts later. */
        void addToDifference(int from, int to, int sign) {
            for (int i = from; i <= to; i++) {
                counts[i] += sign;
            }
        }

        void addAll(DayCounts other) {
            for (int i = 0; i < PER_DAY; i++) {
                counts[i] += other.counts[i];
                if (counts[i] < 0) {
                    throw new IllegalStateException("Quarter-hour activity would become negative");
                }
            }
        }

        Mask mask() {
            long lo = 0;
            long hi = 0;
            for (int i = 0; i < PER_DAY; i++) {
                if (counts[i] != 0) {
                    if (i < 64) {
                        lo |= 1L << i;
                    } else {
                        hi |= 1L << (i - 64);
                    }
                }
            }
            return new Mask(lo, hi);
        }
    }

    /** The slots of one day with activity: bit i of lo for slots 0-63, bit i - 64 of hi for 64-95. */
    record Mask(long lo, long hi) {
        static final Mask NONE = new Mask(0, 0);

        /** Slots {@code from} to {@code toExclusive - 1} of a day (0-based). */
        static Mask ofRange(int from, int toExclusive) {
            long lo = 0;
            long hi = 0;
            for (int i = from; i < toExclusive; i++) {
                if (i < 64) {
                    lo |= 1L << i;
                } else {
                    hi |= 1L << (i - 64);
                }
            }
            return new Mask(lo, hi);
        }

        boolean any() {
            return lo != 0 || hi != 0;
        }

        /** Adds the absolute numbers of the active slots of the given day to the list. */
        void addSlots(long day, java.util.function.LongConsumer slots) {
            long base = day * PER_DAY;
            for (long bits = lo; bits != 0; bits &= bits - 1) {
                slots.accept(base + Long.numberOfTrailingZeros(bits));
            }
            for (long bits = hi; bits != 0; bits &= bits - 1) {
                slots.accept(base + 64 + Long.numberOfTrailingZeros(bits));
            }
        }
    }
}
