package org.commsportal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AwayFromMidnightTest {

    @Test
    void a_test_starting_in_the_last_minutes_of_a_utc_day_waits_until_just_after_midnight() {
        assertThat(AwayFromMidnight.waitAt(LocalTime.of(23, 58)))
                .isBetween(Duration.ofSeconds(149), Duration.ofSeconds(150));
        assertThat(AwayFromMidnight.waitAt(LocalTime.of(23, 59, 59)))
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
    }

    @Test
    void a_test_starting_earlier_in_the_day_or_just_after_midnight_does_not_wait() {
        assertThat(AwayFromMidnight.waitAt(LocalTime.of(23, 54))).isZero();
        assertThat(AwayFromMidnight.waitAt(LocalTime.of(12, 0))).isZero();
        assertThat(AwayFromMidnight.waitAt(LocalTime.MIDNIGHT)).isZero();
    }
}
