package org.commsportal.sessiondetails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SearchFormTest {

    private static final LocalDateTime FROM = LocalDateTime.parse("2026-03-01T08:00");

    @Test
    void a_missing_user_and_from_are_named_field_by_field() {
        assertThat(new SearchForm(null, null, null).errors())
                .containsOnlyKeys(SearchForm.Field.USER, SearchForm.Field.FROM);
        assertThat(new SearchForm(null, FROM, null).errors().get(SearchForm.Field.USER))
                .startsWith("Choose a user");
        assertThat(new SearchForm(7L, null, null).errors().get(SearchForm.Field.FROM))
                .isEqualTo("Enter the From date and time.");
    }

    @Test
    void to_before_or_at_from_is_refused() {
        assertThat(new SearchForm(7L, FROM, FROM.minusMinutes(1)).errors())
                .containsExactly(java.util.Map.entry(SearchForm.Field.TO, "To must be later than From."));
        assertThat(new SearchForm(7L, FROM, FROM).errors()).containsOnlyKeys(SearchForm.Field.TO);
        assertThat(new SearchForm(7L, FROM, FROM.plusMinutes(1)).errors()).isEmpty();
    }

    @Test
    void a_wall_clock_time_that_daylight_saving_skips_is_refused_naming_the_gap() {
        ZoneId newYork = ZoneId.of("America/New_York");
        var form = new SearchForm(7L, LocalDateTime.parse("2026-03-08T02:30"), LocalDateTime.parse("2026-03-09T00:00"));

        assertThat(form.errors()).isEmpty();
        assertThat(form.errors(newYork))
                .containsExactly(java.util.Map.entry(
                        SearchForm.Field.FROM,
                        "2026-03-08 02:30 does not exist in America/New_York: clocks go from 02:00 to 03:00 that night. "
                                + "Enter a time before 02:00 or from 03:00."));
        assertThat(new SearchForm(7L, FROM, LocalDateTime.parse("2026-03-08T02:00")).errors(newYork))
                .containsOnlyKeys(SearchForm.Field.TO);
        assertThat(new SearchForm(7L, LocalDateTime.parse("2026-03-08T03:00"), null).errors(newYork))
                .isEmpty();
    }

    @Test
    void a_wall_clock_time_that_occurs_twice_uses_the_first_instant_and_says_so() {
        ZoneId newYork = ZoneId.of("America/New_York");
        var form = new SearchForm(7L, LocalDateTime.parse("2026-11-01T01:30"), null);

        assertThat(form.errors(newYork)).isEmpty();
        assertThat(form.fromInstant(newYork)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(form.notes(newYork))
                .containsExactly(java.util.Map.entry(
                        SearchForm.Field.FROM,
                        "2026-11-01 01:30 occurs twice in America/New_York; the first one, at UTC-04:00, is used "
                                + "(2026-11-01 05:30 UTC)."));
        assertThat(new SearchForm(7L, FROM, null).notes(newYork)).isEmpty();
    }

    @Test
    void to_defaults_to_from_plus_30_days() {
        var form = new SearchForm(7L, FROM, null);

        assertThat(form.effectiveTo()).isEqualTo(LocalDateTime.parse("2026-03-31T08:00"));
        assertThat(form.toInstant(ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-03-31T08:00:00Z"));
    }

    @Test
    void wall_clock_times_become_instants_in_the_viewer_zone_across_a_dst_change() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-03-29: Berlin moves from +01:00 to +02:00 at 02:00
        var form = new SearchForm(7L, LocalDateTime.parse("2026-03-29T00:00"), LocalDateTime.parse("2026-03-30T00:00"));

        assertThat(form.fromInstant(berlin)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(form.toInstant(berlin)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        // a time the change skips means the instant just after the gap
        assertThat(new SearchForm(7L, LocalDateTime.parse("2026-03-29T02:30"), null).fromInstant(berlin))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }
}
