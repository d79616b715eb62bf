package org.commsportal.sessions;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Quality-of-experience records of one session, one type per sub-tab of the session details report. Component
 * names are the column names of the {@code qoe_*} tables in camel case (see {@link QualityTables}).
 */
public final class Quality {

    private Quality() {}

    public record SessionInfo(
            Side side,
            @Nullable String machineName,
            @Nullable String osVersion,
            @Nullable String cpuName,
            @Nullable Integer cpuCores,
            @Nullable String userAgent,
            @Nullable String virtualization) {}

    public record MediaLine(
            Side side,
            Modality mediaType,
            @Nullable String ipAddress,
            @Nullable Integer port,
            @Nullable String subnet,
            @Nullable Boolean insideCorp,
            @Nullable Boolean vpn,
            @Nullable String connectionType,
            @Nullable String captureDevice,
            @Nullable String renderDevice,
            @Nullable String iceResult,
            @Nullable String relayIpAddress) {}

    public record AudioStream(
            Side side,
            @Nullable String codec,
            @Nullable Double jitterAvgMs,
            @Nullable Double jitterMaxMs,
            @Nullable Double packetLossRateAvg,
            @Nullable Double packetLossRateMax,
            @Nullable Double roundTripAvgMs,
            @Nullable Double roundTripMaxMs,
            @Nullable Double networkMosAvg,
            @Nullable Double networkMosMin,
            @Nullable Double degradationAvg,
            @Nullable Double degradationMax,
            @Nullable Double concealedRatioAvg,
            @Nullable Double burstDensity,
            @Nullable Double bandwidthEstimateKbps) {}

    public record AudioClientEvents(
            Side side,
            @Nullable Double networkSendQualityBadRatio,
            @Nullable Double networkReceiveQualityBadRatio,
            @Nullable Double networkDelayEventRatio,
            @Nullable Double networkLowBandwidthRatio,
            @Nullable Double cpuInsufficientEventRatio,
            @Nullable Double deviceCaptureNotFunctioningRatio,
            @Nullable Double deviceRenderNotFunctioningRatio,
            @Nullable Double deviceGlitchesEventRatio,
            @Nullable Double deviceLowSnrEventRatio,
            @Nullable Double deviceLowSpeechLevelRatio,
            @Nullable Double deviceClippingEventRatio,
            @Nullable Double deviceEchoEventRatio,
            @Nullable Double deviceHowlingEventRatio) {}

    public record AudioSignal(
            Side side,
            @Nullable Double sendSignalLevelDbmo,
            @Nullable Double recvSignalLevelDbmo,
            @Nullable Double sendNoiseLevelDbmo,
            @Nullable Double recvNoiseLevelDbmo,
            @Nullable Double echoReturnDb,
            @Nullable Double micGlitchRate,
            @Nullable Double speakerGlitchRate) {}

    public record AppSharingStream(
            Side side,
            @Nullable Double jitterAvgMs,
            @Nullable Double roundTripAvgMs,
            @Nullable Double packetLossRateAvg,
            @Nullable Double rdpTileProcessingLatencyAvgMs,
            @Nullable Double spoiledTilePercent,
            @Nullable Double relativeOneWayAvgS) {}

    public record VideoClientEvents(
            Side side,
            @Nullable Double lowBandwidthRatio,
            @Nullable Double receiveQualityBadRatio) {}

    public record VideoStream(
            Side side,
            @Nullable String codec,
            @Nullable String resolution,
            @Nullable Double frameRateInAvg,
            @Nullable Double frameRateOutAvg,
            @Nullable Double localFrameLossPercent,
            @Nullable Double postFecPacketLoss,
            @Nullable Double bitRateKbps) {}

    public record TracerouteHop(
            Side side,
            int hop,
            @Nullable String ipAddress,
            @Nullable Double rttMs) {}

    public record Feedback(
            Side side,
            int rating,
            @Nullable String tokens,
            @Nullable String feedbackText) {}

    /** All quality records of a session; any list may be empty. */
    public record Report(
            List<SessionInfo> sessions,
            List<MediaLine> mediaLines,
            List<AudioStream> audioStreams,
            List<AudioClientEvents> audioClientEvents,
            List<AudioSignal> audioSignals,
            List<AppSharingStream> appSharingStreams,
            List<VideoClientEvents> videoClientEvents,
            List<VideoStream> videoStreams,
            List<TracerouteHop> traceroutes,
            List<Feedback> feedback) {

        public static Report none() {
            return new Report(
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                    List.of());
        }

        /** Every record with the table it is stored in, in the order of the report's sub-tabs. */
        List<? extends List<? extends Record>> byTable() {
            return List.of(
                    sessions,
                    mediaLines,
                    audioStreams,
                    audioClientEvents,
                    audioSignals,
                    appSharingStreams,
                    videoClientEvents,
                    videoStreams,
                    traceroutes,
                    feedback);
        }
    }
}
