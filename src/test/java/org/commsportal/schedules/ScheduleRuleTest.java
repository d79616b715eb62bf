package org.commsportal.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The next due instant of a schedule, exact across changes to and from daylight saving time. */
class ScheduleRuleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static ScheduleRule daily(int hour, int minute) {
        return new ScheduleRule(Frequency.DAILY, null, null, LocalTime.of(hour, minute));
    }

    @Test
    void a_daily_time_is_due_at_that_wall_clock_time_in_the_recipients_zone() {
        assertThat(daily(7, 30).nextDueAfter(Instant.parse("2026-06-01T04:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-06-01T05:30:00Z"));
        assertThat(daily(7, 30).nextDueAfter(Instant.parse("2026-06-01T05:30:00Z"), BERLIN))
                .as("strictly after: the instant just sent is not due again")
                .isEqualTo(Instant.parse("2026-06-02T05:30:00Z"));
    }

    @Test
    void a_time_skipped_by_the_change_to_summer_time_is_due_as_much_later_as_the_clocks_jumped() {
        // 2026-03-29 in Berlin: 02:00 CET becomes 03:00 CEST, so 02:30 does not exist that night
        Instant due = daily(2, 30).nextDueAfter(Instant.parse("2026-03-28T12:00:00Z"), BERLIN);
        assertThat(due).isEqualTo(Instant.parse("2026-03-29T01:30:00Z")); // 03:30 CEST
        assertThat(daily(2, 30).nextDueAfter(due, BERLIN))
                .as("the next day is back at 02:30, now CEST")
                .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void a_time_repeated_by_the_change_to_winter_time_is_due_once_at_its_first_occurrence() {
        // 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice
        Instant first = daily(2, 30).nextDueAfter(Instant.parse("2026-10-24T12:00:00Z"), BERLIN);
        assertThat(first).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 CEST
        assertThat(daily(2, 30).nextDueAfter(first, BERLIN))
                .as("not the second 02:30 (01:30Z) of the same night, but the next day's")
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(daily(2, 30).nextDueAfter(Instant.parse("2026-10-25T01:00:00Z"), BERLIN))
                .as("asked during the repeated hour, after the first 02:30: the next day")
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void a_half_hour_daylight_saving_shift_moves_a_skipped_time_by_half_an_hour() {
        // Lord Howe Island, 2026-10-04: 02:00 (+10:30) becomes 02:30 (+11:00)
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        assertThat(daily(2, 15).nextDueAfter(Instant.parse("2026-10-03T00:00:00Z"), lordHowe))
                .isEqualTo(Instant.parse("2026-10-03T15:45:00Z")); // 02:45 +11:00
    }

    @Test
    void a_midnight_that_does_not_exist_is_due_at_the_first_moment_of_that_day() {
        // Santiago, 2026-09-06: 00:00 (-04:00) becomes 01:00 (-03:00)
        ZoneId santiago = ZoneId.of("America/Santiago");
        assertThat(daily(0, 0).nextDueAfter(Instant.parse("2026-09-05T12:00:00Z"), santiago))
                .isEqualTo(Instant.parse("2026-09-06T04:00:00Z")); // 01:00 -03:00
    }

    @Test
    void weekly_is_due_on_its_day_of_the_week_and_the_summer_time_change_keeps_the_wall_clock_time() {
        var mondays = new ScheduleRule(Frequency.WEEKLY, DayOfWeek.MONDAY, null, LocalTime.of(8, 0));
        Instant before = mondays.nextDueAfter(Instant.parse("2026-03-25T00:00:00Z"), BERLIN); // a Wednesday
        assertThat(before).isEqualTo(Instant.parse("2026-03-30T06:00:00Z")); // Monday 08:00 CEST
        assertThat(mondays.nextDueAfter(Instant.parse("2026-03-20T00:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-03-23T07:00:00Z")); // Monday 08:00 CET
    }

    @Test
    void monthly_on_the_31st_is_due_on_the_last_day_of_shorter_months() {
        var endOfMonth = new ScheduleRule(Frequency.MONTHLY, null, 31, LocalTime.of(6, 0));
        ZoneId utc = ZoneId.of("UTC");
        Instant january = endOfMonth.nextDueAfter(Instant.parse("2027-01-15T00:00:00Z"), utc);
        assertThat(january).isEqualTo(Instant.parse("2027-01-31T06:00:00Z"));
        Instant february = endOfMonth.nextDueAfter(january, utc);
        assertThat(february).isEqualTo(Instant.parse("2027-02-28T06:00:00Z"));
        assertThat(endOfMonth.nextDueAfter(february, utc)).isEqualTo(Instant.parse("2027-03-31T06:00:00Z"));
        assertThat(endOfMonth.nextDueAfter(Instant.parse("2028-02-01T00:00:00Z"), utc))
                .as("a leap year's February")
                .isEqualTo(Instant.parse("2028-02-29T06:00:00Z"));
    }

    @Test
    void a_rule_without_its_day_or_with_a_day_out_of_range_is_refused_with_a_reason() {
        assertThatThrownBy(() -> new ScheduleRule(Frequency.WEEKLY, null, null, LocalTime.NOON))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("day of the week");
        assertThatThrownBy(() -> new ScheduleRule(Frequency.MONTHLY, null, 32, LocalTime.NOON))
                .isInstanceOf(ScheduleProblem.class)
                .hasMessageContaining("from 1 to 31");
    }
}
