package org.commsportal.activeusers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.BitSet;
import org.commsportal.activeusers.QuarterHours.DayCounts;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.junit.jupiter.api.Test;

class QuarterHoursTest {

    @Test
    void a_session_ending_on_a_quarter_hour_does_not_reach_into_the_next_one() {
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        assertThat(QuarterHours.lastSlot(start, Instant.parse("2026-11-02T10:15:00Z")))
                .isEqualTo(QuarterHours.firstSlot(start));
        assertThat(QuarterHours.lastSlot(start, Instant.parse("2026-11-02T10:15:00.001Z")))
                .isEqualTo(QuarterHours.firstSlot(start) + 1);
    }

    @Test
    void a_session_without_duration_is_in_the_slot_of_its_start() {
        Instant at = Instant.parse("2026-11-02T00:00:00Z");
        assertThat(QuarterHours.lastSlot(at, at)).isEqualTo(QuarterHours.firstSlot(at));
        assertThat(QuarterHours.firstSlot(at))
                .isEqualTo(LocalDate.parse("2026-11-02").toEpochDay() * 96);
    }

    @Test
    void day_counts_survive_their_stored_form_and_give_the_mask_of_active_slots() {
        var counts = new DayCounts();
        counts.add(0, 1, 1);
        counts.add(63, 64, 2);
        counts.add(95, 95, 0xFFFF);
        DayCounts read = DayCounts.decode(counts.encode());
        assertThat(read.mask()).isEqualTo(new Mask(0b11L | 1L << 63, 1L | 1L << 31));
        counts.addToDifference(0, 1, -1);
        assertThat(counts.mask().lo() & 0b11).isZero();
    }

    @Test
    void more_sessions_in_one_quarter_hour_than_the_stored_form_holds_are_refused() {
        var counts = new DayCounts();
        counts.add(0, 0, 0x10000);
        assertThatThrownBy(counts::encode).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void counts_that_would_go_below_zero_are_refused() {
        var stored = new DayCounts();
        var difference = new DayCounts();
        difference.addToDifference(5, 5, -1);
        assertThatThrownBy(() -> stored.addAll(difference)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_instant_off_the_quarter_hours_is_refused() {
        assertThatThrownBy(() -> QuarterHours.slotAt(Instant.parse("2026-11-02T10:20:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kathmandu_days_start_at_18_15_utc_the_day_before() {
        LocalDate day = LocalDate.parse("2026-11-02");
        long start = QuarterHours.slotAt(
                day.atStartOfDay(ZoneId.of("Asia/Kathmandu")).toInstant());
        assertThat(start - QuarterHours.firstSlotOf(day)).isEqualTo(-23); // +05:45 is 23 quarter-hours

        // active at 18:00-18:15 UTC on the day before: in Kathmandu's day before, not in its day
        long slot = QuarterHours.firstSlotOf(day) - 24;
        BitSet shifts = PeriodWindows.activeShifts(ActiveUserPeriod.DAILY, day, new long[] {slot}, false);
        assertThat(shifts.get(-23 - PeriodWindows.MIN_SHIFT)).isFalse();
        assertThat(shifts.get(-24 - PeriodWindows.MIN_SHIFT)).isTrue();
        assertThat(shifts.get(0 - PeriodWindows.MIN_SHIFT)).as("UTC").isFalse();
    }

    @Test
    void interior_activity_makes_a_user_active_under_every_shift() {
        LocalDate sunday = LocalDate.parse("2026-11-01");
        assertThat(PeriodWindows.inInterior(ActiveUserPeriod.WEEKLY, sunday, sunday.plusDays(1)))
                .isTrue();
        assertThat(PeriodWindows.inInterior(ActiveUserPeriod.WEEKLY, sunday, sunday))
                .isFalse();
        assertThat(PeriodWindows.inInterior(ActiveUserPeriod.WEEKLY, sunday, sunday.plusDays(6)))
                .isFalse();
        assertThat(PeriodWindows.activeShifts(ActiveUserPeriod.WEEKLY, sunday, new long[0], true)
                        .cardinality())
                .isEqualTo(PeriodWindows.SHIFTS);
        assertThat(PeriodWindows.edgeDays(ActiveUserPeriod.MONTHLY, LocalDate.parse("2026-11-01")))
                .containsExactly(
                        LocalDate.parse("2026-10-31"),
                        LocalDate.parse("2026-11-01"),
                        LocalDate.parse("2026-11-30"),
                        LocalDate.parse("2026-12-01"));
    }

    @Test
    void periods_have_stable_ids_and_sunday_weeks() {
        assertThat(ActiveUserPeriod.WEEKLY.startOf(LocalDate.parse("2026-11-21")))
                .isEqualTo(LocalDate.parse("2026-11-15"));
        assertThat(ActiveUserPeriod.WEEKLY.startOf(LocalDate.parse("2026-11-22")))
                .isEqualTo(LocalDate.parse("2026-11-22"));
        assertThat(ActiveUserPeriod.MONTHLY.id(LocalDate.parse("2026-11-01"))).isEqualTo(2026 * 12 + 10);
        assertThat(ActiveUserPeriod.WEEKLY.id(LocalDate.parse("2026-11-29")))
                .isEqualTo(ActiveUserPeriod.WEEKLY.id(LocalDate.parse("2026-11-22")) + 1);
        assertThat(ActiveUserPeriod.YEARLY.next(LocalDate.parse("2026-01-01")))
                .isEqualTo(LocalDate.parse("2027-01-01"));
    }

    @Test
    void active_shifts_are_exactly_the_shifts_whose_period_version_holds_an_edge_slot() {
        var random = new java.util.Random(42);
        for (int round = 0; round < 2_000; round++) {
            ActiveUserPeriod kind = ActiveUserPeriod.values()[random.nextInt(ActiveUserPeriod.values().length)];
            LocalDate start = kind.startOf(LocalDate.parse("2026-01-01").plusDays(random.nextInt(700)));
            var masks = new java.util.HashMap<LocalDate, Mask>();
            for (LocalDate day : PeriodWindows.edgeDays(kind, start)) {
                var counts = new DayCounts();
                for (int sessions = random.nextInt(4); sessions > 0; sessions--) {
                    int from = random.nextInt(QuarterHours.PER_DAY);
                    counts.addToDifference(from, Math.min(QuarterHours.PER_DAY - 1, from + random.nextInt(8)), 1);
                }
                masks.put(day, counts.mask());
            }
            long[] slots = PeriodWindows.edgeSlots(kind, start, masks::get);
            assertThat(slots).isSorted();

            // the definition: some slot lies in [first slot of the start + s, first slot of the next start + s)
            BitSet expected = new BitSet();
            long from = QuarterHours.firstSlotOf(start);
            long to = QuarterHours.firstSlotOf(kind.next(start));
            for (int shift = PeriodWindows.MIN_SHIFT; shift <= PeriodWindows.MAX_SHIFT; shift++) {
                for (long slot : slots) {
                    if (slot >= from + shift && slot < to + shift) {
                        expected.set(shift - PeriodWindows.MIN_SHIFT);
                    }
                }
            }
            assertThat(PeriodWindows.activeShifts(kind, start, slots, false))
                    .as("%s %s %s", kind, start, java.util.Arrays.toString(slots))
                    .isEqualTo(expected);
        }
    }
}
