package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The X-timezone header: IANA and Windows names, UTC when absent, a 400 naming anything else. */
class RwsTimeZoneTest {

    @Test
    void no_header_means_utc() {
        assertThat(RequestedZone.of(List.of())).isEqualTo(ZoneOffset.UTC);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Europe/Berlin           | Europe/Berlin",
                "europe/berlin           | Europe/Berlin",
                " Asia/Kathmandu         | Asia/Kathmandu",
                "UTC                     | UTC",
                "Pacific Standard Time   | America/Los_Angeles",
                "pacific standard time   | America/Los_Angeles",
                "W. Europe Standard Time | Europe/Berlin",
                "India Standard Time     | Asia/Calcutta",
                "Nepal Standard Time     | Asia/Katmandu",
                "AUS Central Standard Time | Australia/Darwin",
                "Chatham Islands Standard Time | Pacific/Chatham"
            })
    void iana_and_windows_names_give_their_zone(String header, String expected) {
        assertThat(RequestedZone.of(List.of(header)).normalized())
                .isEqualTo(ZoneId.of(expected).normalized());
        assertThat(RequestedZone.of(List.of(header)).getRules())
                .isEqualTo(ZoneId.of(expected).getRules());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus_Mons", "Pacific Standard", "+02:00", "CEST", "Europe/Berlin;DROP"})
    void unknown_zones_are_refused_naming_the_value(String header) {
        assertThatThrownBy(() -> RequestedZone.of(List.of(header)))
                .isInstanceOfSatisfying(ODataException.class, refusal -> {
                    assertThat(refusal.status().value()).isEqualTo(400);
                    assertThat(refusal.getMessage())
                            .contains("Unknown time zone '" + header + "' in the X-timezone header");
                });
    }

    @Test
    void a_blank_or_repeated_header_is_refused() {
        assertThatThrownBy(() -> RequestedZone.of(List.of("  ")))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("X-timezone header is blank");
        assertThatThrownBy(() -> RequestedZone.of(List.of("UTC", "Europe/Berlin")))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("given 2 times ('UTC', 'Europe/Berlin')");
    }
}
