package org.commsportal.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.commsportal.common.Place;
import org.commsportal.sessions.Modality;
import org.junit.jupiter.api.Test;

class SessionDetailsLinkTest {

    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 30);

    @Test
    void a_failure_links_to_its_sessions_with_inclusive_utc_days_code_and_id() {
        assertThat(SessionDetailsLink.of(FROM, TO, 500, 52094, null))
                .isEqualTo("/usage/session-details?from=2026-11-01&to=2026-11-30&zone=UTC&responseCode=500"
                        + "&diagnosticId=52094");
    }

    @Test
    void a_chosen_modality_is_named_as_the_session_details_page_reads_it() {
        assertThat(SessionDetailsLink.of(FROM, TO, 503, 1, Modality.AUDIO)).endsWith("&modality=audio");
        assertThat(SessionDetailsLink.of(FROM, TO, 503, 1, Modality.VIDEO)).endsWith("&modality=video");
        assertThat(SessionDetailsLink.of(FROM, TO, 503, 1, Modality.APPLICATION_SHARING))
                .endsWith("&modality=application-sharing");
    }

    @Test
    void a_missing_response_code_or_diagnostic_id_is_left_out() {
        assertThat(SessionDetailsLink.of(FROM, FROM, null, 23, null))
                .isEqualTo("/usage/session-details?from=2026-11-01&to=2026-11-01&zone=UTC&diagnosticId=23");
        assertThat(SessionDetailsLink.of(FROM, FROM, 408, null, null))
                .isEqualTo("/usage/session-details?from=2026-11-01&to=2026-11-01&zone=UTC&responseCode=408");
    }

    @Test
    void a_place_is_carried_as_the_callers_place_the_reliability_page_counts() {
        assertThat(SessionDetailsLink.of(
                        FROM, TO, 500, null, Modality.AUDIO, new Place("North America", "Seattle", "Building 1")))
                .isEqualTo("/usage/session-details?from=2026-11-01&to=2026-11-30&zone=UTC&responseCode=500"
                        + "&modality=audio&region=North%20America&city=Seattle&building=Building%201&placeBy=caller");
        assertThat(SessionDetailsLink.of(FROM, TO, 500, null, null, new Place("Europe", "", null)))
                .endsWith("&region=Europe&city=&placeBy=caller");
        assertThat(SessionDetailsLink.of(FROM, TO, 500, null, null, Place.everywhere()))
                .isEqualTo(SessionDetailsLink.of(FROM, TO, 500, null, null));
    }

    @Test
    void a_modality_without_reliability_figures_has_no_link() {
        assertThatThrownBy(() -> SessionDetailsLink.of(FROM, TO, 500, null, Modality.IM))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
