package org.commsportal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.commsportal.reliability.FailureClassification.Outcome;
import org.junit.jupiter.api.Test;

/** The table of docs/reliability.md, row by row; ReliabilityIT checks that its SQL twin classifies the same. */
class FailureClassificationTest {

    @Test
    void a_success_or_no_response_code_without_a_drop_id_is_no_failure() {
        assertThat(FailureClassification.of(200, null, false)).isEqualTo(Outcome.NO_FAILURE);
        assertThat(FailureClassification.of(null, null, false)).isEqualTo(Outcome.NO_FAILURE);
        assertThat(FailureClassification.of(200, 51004, false)).isEqualTo(Outcome.NO_FAILURE);
    }

    @Test
    void declined_busy_unanswered_and_cancelled_calls_are_expected_failures() {
        for (var entry : FailureClassification.EXPECTED_RESPONSES) {
            assertThat(FailureClassification.of(entry.code(), null, false)).isEqualTo(Outcome.EXPECTED_FAILURE);
            // failed ICE after a decline is still the decline
            assertThat(FailureClassification.of(entry.code(), null, true)).isEqualTo(Outcome.EXPECTED_FAILURE);
        }
    }

    @Test
    void an_expected_diagnostic_id_makes_any_final_failure_expected() {
        for (var entry : FailureClassification.EXPECTED_DIAGNOSTICS) {
            assertThat(FailureClassification.of(404, entry.code(), false)).isEqualTo(Outcome.EXPECTED_FAILURE);
        }
    }

    @Test
    void other_final_failures_and_failed_ice_are_setup_failures() {
        assertThat(FailureClassification.of(404, null, false)).isEqualTo(Outcome.SETUP_FAILURE);
        assertThat(FailureClassification.of(408, null, false)).isEqualTo(Outcome.SETUP_FAILURE);
        assertThat(FailureClassification.of(500, 52094, false)).isEqualTo(Outcome.SETUP_FAILURE);
        assertThat(FailureClassification.of(503, 23, false)).isEqualTo(Outcome.SETUP_FAILURE);
        assertThat(FailureClassification.of(200, null, true)).isEqualTo(Outcome.SETUP_FAILURE);
        assertThat(FailureClassification.of(null, 52094, true)).isEqualTo(Outcome.SETUP_FAILURE);
    }

    @Test
    void an_established_session_with_a_drop_id_is_a_drop_failure() {
        for (var entry : FailureClassification.DROP_DIAGNOSTICS) {
            assertThat(FailureClassification.of(200, entry.code(), false)).isEqualTo(Outcome.DROP_FAILURE);
            assertThat(FailureClassification.of(null, entry.code(), false)).isEqualTo(Outcome.DROP_FAILURE);
        }
    }

    @Test
    void the_table_names_what_a_code_or_id_means() {
        assertThat(FailureClassification.meaning(603, null)).startsWith("Decline");
        assertThat(FailureClassification.meaning(500, 52094)).contains("mid-call media failure");
        assertThat(FailureClassification.meaning(500, null)).isNull();
    }

    @Test
    void the_problem_tokens_are_grouped_into_audio_video_and_other() {
        assertThat(ProblemTokens.group("DistortedSpeech")).isEqualTo(ProblemTokens.Group.AUDIO);
        assertThat(ProblemTokens.group("echo")).isEqualTo(ProblemTokens.Group.AUDIO);
        assertThat(ProblemTokens.group("FrozenVideo")).isEqualTo(ProblemTokens.Group.VIDEO);
        assertThat(ProblemTokens.group("DroppedCall")).isEqualTo(ProblemTokens.Group.OTHER);
    }
}
