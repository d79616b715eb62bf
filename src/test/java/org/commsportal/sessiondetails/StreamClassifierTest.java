package org.commsportal.sessiondetails;

import static org.assertj.core.api.Assertions.assertThat;

import org.commsportal.sessions.Quality;
import org.commsportal.sessions.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The poor-stream rules of docs/session-details.md, just below, at and just above every threshold. */
class StreamClassifierTest {

    private static final double GOOD_JITTER = 5;
    private static final double GOOD_LOSS = 0.01;
    private static final double GOOD_RTT = 50;
    private static final double GOOD_DEGRADATION = 0.2;
    private static final double GOOD_CONCEALED = 0.01;

    @ParameterizedTest(name = "audio {0} = {1} is {2}")
    @CsvSource({
        "degradationAvg, 0.9999, GOOD", "degradationAvg, 1.0, GOOD", "degradationAvg, 1.0001, POOR",
        "roundTripAvgMs, 499.99, GOOD", "roundTripAvgMs, 500, GOOD", "roundTripAvgMs, 500.01, POOR",
        "packetLossRateAvg, 0.0999, GOOD", "packetLossRateAvg, 0.1, GOOD", "packetLossRateAvg, 0.1001, POOR",
        "jitterAvgMs, 29.99, GOOD", "jitterAvgMs, 30, GOOD", "jitterAvgMs, 30.01, POOR",
        "concealedRatioAvg, 0.0699, GOOD", "concealedRatioAvg, 0.07, GOOD", "concealedRatioAvg, 0.0701, POOR"
    })
    void audio_is_poor_only_above_each_threshold(String metric, double value, Verdict expected) {
        StreamVerdict verdict = StreamClassifier.audio(audio(metric, value), false);

        assertThat(verdict.verdict()).isEqualTo(expected);
        if (expected == Verdict.POOR) {
            assertThat(verdict.poorMetrics()).containsExactly(metric);
            assertThat(verdict.reasons()).hasSize(1);
        } else {
            assertThat(verdict.poorMetrics()).isEmpty();
        }
    }

    @Test
    void audio_names_every_broken_rule() {
        var stream = new Quality.AudioStream(
                Side.FROM, "SILK", 45.0, 90.0, 0.2, 0.3, 650.0, 900.0, 2.0, 1.5, 1.5, 2.0, 0.1, 0.0, 50.0);

        StreamVerdict verdict = StreamClassifier.audio(stream, false);

        assertThat(verdict.verdict()).isEqualTo(Verdict.POOR);
        assertThat(verdict.poorMetrics())
                .containsExactlyInAnyOrder(
                        "degradationAvg", "roundTripAvgMs", "packetLossRateAvg", "jitterAvgMs", "concealedRatioAvg");
        assertThat(verdict.reasons()).contains("Jitter 45 ms > 30 ms", "Round trip 650 ms > 500 ms");
    }

    @Test
    void failed_ice_leaves_a_poor_stream_unclassified() {
        var poor = audio("jitterAvgMs", 80);

        assertThat(StreamClassifier.audio(poor, true))
                .isEqualTo(new StreamVerdict(
                        Verdict.UNCLASSIFIED, java.util.List.of("ICE connectivity failed"), java.util.Set.of()));
        assertThat(StreamClassifier.video(video(60.0, 2.0, 0.5), true).verdict())
                .isEqualTo(Verdict.UNCLASSIFIED);
        assertThat(StreamClassifier.appSharing(sharing(50.0, null, null), true).verdict())
                .isEqualTo(Verdict.UNCLASSIFIED);
    }

    @Test
    void a_stream_without_any_metric_is_unclassified() {
        var empty = new Quality.AudioStream(
                Side.TO, "SILK", null, null, null, null, null, null, null, null, null, null, null, null, null);

        assertThat(StreamClassifier.audio(empty, false).verdict()).isEqualTo(Verdict.UNCLASSIFIED);
        assertThat(StreamClassifier.video(video(null, null, null), false).verdict())
                .isEqualTo(Verdict.UNCLASSIFIED);
        assertThat(StreamClassifier.appSharing(sharing(null, null, null), false).verdict())
                .isEqualTo(Verdict.UNCLASSIFIED);
    }

    @ParameterizedTest(name = "video frame loss {0} % is {1}")
    @CsvSource({"49.99, GOOD", "50, GOOD", "50.01, POOR"})
    void video_frame_loss_decides_when_reported(double frameLoss, Verdict expected) {
        // the later metrics are poor, but the first available one decides
        assertThat(StreamClassifier.video(video(frameLoss, 2.0, 0.5), false).verdict())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "video frame rate {0} fps is {1}")
    @CsvSource({"6.99, POOR", "7, GOOD", "7.01, GOOD"})
    void video_frame_rate_decides_without_frame_loss(double frameRate, Verdict expected) {
        assertThat(StreamClassifier.video(video(null, frameRate, 0.5), false).verdict())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "video post-FEC loss {0} is {1}")
    @CsvSource({"0.1499, GOOD", "0.15, GOOD", "0.1501, POOR"})
    void video_post_fec_loss_decides_without_frame_loss_and_rate(double postFec, Verdict expected) {
        StreamVerdict verdict = StreamClassifier.video(video(null, null, postFec), false);

        assertThat(verdict.verdict()).isEqualTo(expected);
        assertThat(verdict.poorMetrics())
                .isEqualTo(expected == Verdict.POOR ? java.util.Set.of("postFecPacketLoss") : java.util.Set.of());
    }

    @ParameterizedTest(name = "app sharing {0} = {1} is {2}")
    @CsvSource({
        "spoiledTilePercent, 35.99, GOOD",
        "spoiledTilePercent, 36, GOOD",
        "spoiledTilePercent, 36.01, POOR",
        "rdpTileProcessingLatencyAvgMs, 399.9, GOOD",
        "rdpTileProcessingLatencyAvgMs, 400, GOOD",
        "rdpTileProcessingLatencyAvgMs, 400.1, POOR",
        "relativeOneWayAvgS, 1.7499, GOOD",
        "relativeOneWayAvgS, 1.75, GOOD",
        "relativeOneWayAvgS, 1.7501, POOR"
    })
    void app_sharing_is_poor_only_above_each_threshold(String metric, double value, Verdict expected) {
        var stream = sharing(
                metric.equals("spoiledTilePercent") ? value : 5.0,
                metric.equals("rdpTileProcessingLatencyAvgMs") ? value : 100.0,
                metric.equals("relativeOneWayAvgS") ? value : 0.3);

        StreamVerdict verdict = StreamClassifier.appSharing(stream, false);

        assertThat(verdict.verdict()).isEqualTo(expected);
        assertThat(verdict.poorMetrics())
                .isEqualTo(expected == Verdict.POOR ? java.util.Set.of(metric) : java.util.Set.of());
    }

    private static Quality.AudioStream audio(String metric, double value) {
        return new Quality.AudioStream(
                Side.FROM,
                "SILKWide",
                metric.equals("jitterAvgMs") ? value : GOOD_JITTER,
                40.0,
                metric.equals("packetLossRateAvg") ? value : GOOD_LOSS,
                0.5,
                metric.equals("roundTripAvgMs") ? value : GOOD_RTT,
                900.0,
                4.0,
                3.0,
                metric.equals("degradationAvg") ? value : GOOD_DEGRADATION,
                3.0,
                metric.equals("concealedRatioAvg") ? value : GOOD_CONCEALED,
                0.0,
                80.0);
    }

    private static Quality.VideoStream video(Double frameLoss, Double frameRate, Double postFec) {
        return new Quality.VideoStream(Side.TO, "H264", "1280x720", frameRate, frameRate, frameLoss, postFec, 1200.0);
    }

    private static Quality.AppSharingStream sharing(Double spoiled, Double latency, Double oneWay) {
        return new Quality.AppSharingStream(Side.FROM, 5.0, 40.0, 0.0, latency, spoiled, oneWay);
    }
}
