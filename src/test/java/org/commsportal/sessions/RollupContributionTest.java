package org.commsportal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupContributionTest {

    @Test
    void a_session_with_audio_and_video_counts_once_in_each_with_its_minutes() {
        var c = RollupContribution.of(
                Instant.parse("2026-11-02T10:00:00Z"),
                false,
                Map.of(Modality.AUDIO, 600_000L, Modality.VIDEO, 300_000L),
                +1);
        assertThat(c)
                .isEqualTo(new RollupContribution(LocalDate.parse("2026-11-02"), 0, 1, 1, 0, 0, 600_000, 300_000, 0));
    }

    @Test
    void a_session_counts_on_the_utc_day_it_started_even_when_it_ends_after_midnight() {
        var c = RollupContribution.of(
                Instant.parse("2026-11-02T23:50:00Z"), false, Map.of(Modality.IM, 1_200_000L), +1);
        assertThat(c.day()).isEqualTo(LocalDate.parse("2026-11-02"));
        assertThat(c.im()).isEqualTo(1);
    }

    @Test
    void a_conference_session_counts_only_as_a_conference() {
        var c = RollupContribution.of(
                Instant.parse("2026-11-02T10:00:00Z"), true, Map.of(Modality.AUDIO, 600_000L, Modality.IM, 1000L), +1);
        assertThat(c).isEqualTo(new RollupContribution(LocalDate.parse("2026-11-02"), 0, 0, 0, 0, 0, 0, 0, 1));
    }

    @Test
    void removing_a_session_subtracts_exactly_what_adding_it_added() {
        Map<Modality, Long> media =
                Map.of(Modality.APPLICATION_SHARING, 5L, Modality.FILE_TRANSFER, 7L, Modality.AUDIO, 11L);
        Instant start = Instant.parse("2026-11-02T10:00:00Z");
        var sum = RollupContribution.of(start, false, media, +1).plus(RollupContribution.of(start, false, media, -1));
        assertThat(sum).isEqualTo(new RollupContribution(LocalDate.parse("2026-11-02"), 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
