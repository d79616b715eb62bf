package org.commsportal.sessiondetails;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.Quality;
import org.commsportal.sessions.Side;
import org.jspecify.annotations.Nullable;

/**
 * The poor-stream rules of docs/session-details.md, and a session's worst verdict from them. Session writers store that
 * verdict with the session ({@link StoredQualityRank}), which the result table's Quality column reads; an
 * integration test checks the stored verdict against these rules over the stored quality records.
 */
public final class StreamClassifier {

    private static final double AUDIO_DEGRADATION_AVG = 1.0;
    private static final double AUDIO_ROUND_TRIP_MS = 500;
    private static final double AUDIO_PACKET_LOSS_RATE = 0.1;
    private static final double AUDIO_JITTER_MS = 30;
    private static final double AUDIO_CONCEALED_RATIO_AVG = 0.07;
    private static final double VIDEO_FRAME_LOSS_PERCENT = 50;
    private static final double VIDEO_FRAME_RATE_FPS = 7;
    private static final double VIDEO_POST_FEC_LOSS = 0.15;
    private static final double SHARING_SPOILED_TILE_PERCENT = 36;
    private static final double SHARING_TILE_LATENCY_MS = 400;
    private static final double SHARING_RELATIVE_ONE_WAY_S = 1.75;

    static final String ICE_FAILED = "ICE connectivity failed";
    static final String NO_METRIC = "No quality metric reported";
    static final String NO_REPORT = "No QoE report";

    private StreamClassifier() {}

    /**
     * The worst verdict of the session's audio, video and application sharing streams, or null without such
     * media. A modality in the session's media without any stream record has no QoE report: Unclassified.
     */
    public static @Nullable Verdict worst(Quality.Report report, int mediaMask) {
        @Nullable Verdict worst = null;
        for (Quality.AudioStream stream : report.audioStreams()) {
            worst = worse(
                    worst,
                    audio(stream, iceFailed(report, stream.side(), Modality.AUDIO))
                            .verdict());
        }
        for (Quality.VideoStream stream : report.videoStreams()) {
            worst = worse(
                    worst,
                    video(stream, iceFailed(report, stream.side(), Modality.VIDEO))
                            .verdict());
        }
        for (Quality.AppSharingStream stream : report.appSharingStreams()) {
            worst = worse(
                    worst,
                    appSharing(stream, iceFailed(report, stream.side(), Modality.APPLICATION_SHARING))
                            .verdict());
        }
        if (withoutStreams(mediaMask, Modality.AUDIO, report.audioStreams())
                || withoutStreams(mediaMask, Modality.VIDEO, report.videoStreams())
                || withoutStreams(mediaMask, Modality.APPLICATION_SHARING, report.appSharingStreams())) {
            worst = worse(worst, Verdict.UNCLASSIFIED);
        }
        return worst;
    }

    /** Whether ICE connectivity failed on the side's media line of the type: its streams are Unclassified. */
    static boolean iceFailed(Quality.Report report, Side side, Modality type) {
        return report.mediaLines().stream()
                .anyMatch(line ->
                        line.side() == side && line.mediaType() == type && "failed".equalsIgnoreCase(line.iceResult()));
    }

    private static boolean withoutStreams(int mediaMask, Modality type, List<?> streams) {
        return (mediaMask & type.bit()) != 0 && streams.isEmpty();
    }

    private static Verdict worse(@Nullable Verdict a, Verdict b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    /** Poor if any of the five audio rules holds. */
    public static StreamVerdict audio(Quality.AudioStream stream, boolean iceFailed) {
        if (iceFailed) {
            return StreamVerdict.unclassified(ICE_FAILED);
        }
        var rules = new Rules();
        rules.above("degradationAvg", "Degradation avg", stream.degradationAvg(), AUDIO_DEGRADATION_AVG, "");
        rules.above("roundTripAvgMs", "Round trip", stream.roundTripAvgMs(), AUDIO_ROUND_TRIP_MS, " ms");
        rules.above("packetLossRateAvg", "Packet loss rate", stream.packetLossRateAvg(), AUDIO_PACKET_LOSS_RATE, "");
        rules.above("jitterAvgMs", "Jitter", stream.jitterAvgMs(), AUDIO_JITTER_MS, " ms");
        rules.above(
                "concealedRatioAvg",
                "Concealed samples ratio avg",
                stream.concealedRatioAvg(),
                AUDIO_CONCEALED_RATIO_AVG,
                "");
        return rules.verdict();
    }

    /** The first available metric decides: frame loss, else frame rate, else post-FEC packet loss. */
    public static StreamVerdict video(Quality.VideoStream stream, boolean iceFailed) {
        if (iceFailed) {
            return StreamVerdict.unclassified(ICE_FAILED);
        }
        var rules = new Rules();
        if (stream.localFrameLossPercent() != null) {
            rules.above(
                    "localFrameLossPercent",
                    "Local frame loss",
                    stream.localFrameLossPercent(),
                    VIDEO_FRAME_LOSS_PERCENT,
                    " %");
        } else if (stream.frameRateInAvg() != null) {
            rules.below("frameRateInAvg", "Average frame rate", stream.frameRateInAvg(), VIDEO_FRAME_RATE_FPS, " fps");
        } else {
            rules.above(
                    "postFecPacketLoss", "Post-FEC packet loss", stream.postFecPacketLoss(), VIDEO_POST_FEC_LOSS, "");
        }
        return rules.verdict();
    }

    /** Poor if any of the three application sharing rules holds. */
    public static StreamVerdict appSharing(Quality.AppSharingStream stream, boolean iceFailed) {
        if (iceFailed) {
            return StreamVerdict.unclassified(ICE_FAILED);
        }
        var rules = new Rules();
        rules.above(
                "spoiledTilePercent", "Spoiled tiles", stream.spoiledTilePercent(), SHARING_SPOILED_TILE_PERCENT, " %");
        rules.above(
                "rdpTileProcessingLatencyAvgMs",
                "RDP tile processing latency avg",
                stream.rdpTileProcessingLatencyAvgMs(),
                SHARING_TILE_LATENCY_MS,
                " ms");
        rules.above(
                "relativeOneWayAvgS",
                "Relative one-way avg",
                stream.relativeOneWayAvgS(),
                SHARING_RELATIVE_ONE_WAY_S,
                " s");
        return rules.verdict();
    }

    /** Collects broken rules; a stream with none of its metrics reported is Unclassified. */
    private static final class Rules {
        private final List<String> reasons = new ArrayList<>();
        private final Set<String> poorMetrics = new LinkedHashSet<>();
        private boolean anyMetric;

        void above(String metric, String name, @Nullable Double value, double threshold, String unit) {
            check(
                    metric,
                    value,
                    value != null && value > threshold,
                    name + " " + number(value) + unit + " > " + number(threshold) + unit);
        }

        void below(String metric, String name, @Nullable Double value, double threshold, String unit) {
            check(
                    metric,
                    value,
                    value != null && value < threshold,
                    name + " " + number(value) + unit + " < " + number(threshold) + unit);
        }

        private void check(String metric, @Nullable Double value, boolean poor, String reason) {
            anyMetric |= value != null;
            if (poor) {
                reasons.add(reason);
                poorMetrics.add(metric);
            }
        }

        StreamVerdict verdict() {
            if (!anyMetric) {
                return StreamVerdict.unclassified(NO_METRIC);
            }
            return new StreamVerdict(
                    reasons.isEmpty() ? Verdict.GOOD : Verdict.POOR, List.copyOf(reasons), Set.copyOf(poorMetrics));
        }

        private static String number(@Nullable Double value) {
            if (value == null) {
                return "";
            }
            return new java.math.BigDecimal(value.toString())
                    .stripTrailingZeros()
                    .toPlainString();
        }
    }
}
