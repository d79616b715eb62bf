package org.commsportal.sessiondetails;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.commsportal.base.ui.ModalitySelect;
import org.commsportal.common.Place;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityMetric;
import org.junit.jupiter.api.Test;

/** The region, city and building of a drill-through link (docs/session-details.md, "Drill-through"). */
class DrillThroughPlaceTest {

    private static DrillThrough.Parsed parse(Map<String, String> query) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        parameters.put("from", List.of("2026-03-01"));
        query.forEach((name, value) -> parameters.put(name, List.of(value)));
        return DrillThrough.parse(parameters, ZoneOffset.UTC);
    }

    @Test
    void a_region_city_and_building_become_the_stream_criteria_place() {
        var parsed = parse(Map.of("region", "North America", "city", "Seattle", "building", ""));
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.search().filters().streams().place()).isEqualTo(new Place("North America", "Seattle", ""));
        assertThat(parsed.search().filters().aboutStreams()).isTrue();
        assertThat(parsed.search().filters().describe())
                .contains("region North America › city Seattle › building (not given)");
    }

    @Test
    void a_place_of_the_caller_selects_sessions_as_the_reliability_page_counts_them_not_by_their_streams() {
        var parsed = parse(Map.of("region", "Europe", "city", "London", "placeBy", "caller", "modality", "audio"));
        assertThat(parsed.errors()).isEmpty();
        var filters = parsed.search().filters();
        assertThat(filters.callerPlace()).isEqualTo(new Place("Europe", "London", null));
        assertThat(filters.streams().place()).isEqualTo(Place.everywhere());
        assertThat(filters.callerModality()).isEqualTo(org.commsportal.sessions.Modality.AUDIO.id());
        assertThat(filters.any()).isTrue();
        assertThat(filters.describe())
                .contains("region Europe › city London by the caller's subnet, as Call" + " reliability counts");
        assertThat(parse(Map.of("region", "Europe", "placeBy", "streams"))
                        .search()
                        .filters()
                        .streams()
                        .place())
                .isEqualTo(new Place("Europe", null, null));
        assertThat(parse(Map.of("region", "Europe", "placeBy", "callee")).errors())
                .containsExactly("placeBy must be streams or caller, not 'callee'.");
    }

    @Test
    void a_city_without_its_region_or_a_building_without_its_city_is_named_and_nothing_runs() {
        assertThat(parse(Map.of("city", "Seattle")).errors()).containsExactly("city needs its region.");
        assertThat(parse(Map.of("region", "Europe", "building", "Branch")).errors())
                .containsExactly("building needs its city and region.");
        assertThat(parse(Map.of("region", "x".repeat(256))).errors())
                .singleElement()
                .asString()
                .contains("at most 255 characters");
        assertThat(parse(Map.of("region", "Europe", "building", "Branch")).search())
                .isNull();
    }

    @Test
    void the_pages_read_and_write_the_modality_as_the_drill_through_does() {
        for (var modality : QualityMetric.MODALITIES) {
            assertThat(ModalitySelect.parameter(modality)).isEqualTo(DrillThroughLink.modalityParameter(modality));
        }
        assertThat(ModalitySelect.PARAMETER).isEqualTo(DrillThroughLink.MODALITY);
    }
}
