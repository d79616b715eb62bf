package org.commsportal.sessions;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Test sessions with just the fields a test cares about. */
final class Sessions {

    private Sessions() {}

    static SessionRecord p2p(
            String dialogId, String start, long durationMs, String fromUri, String toUri, Modality... media) {
        Instant begin = Instant.parse(start);
        List<MediaUsage> usages = Arrays.stream(media)
                .map(type -> new MediaUsage(type, durationMs))
                .toList();
        return new SessionRecord(
                dialogId,
                begin,
                begin.plusMillis(durationMs),
                fromUri,
                toUri,
                "UCCAPI/16.0",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                usages,
                0,
                Quality.Report.none());
    }

    static SessionRecord conference(String dialogId, String start, String fromUri, Modality... media) {
        SessionRecord p2p = p2p(dialogId, start, 60_000, fromUri, "sip:focus@conf.test", media);
        return new SessionRecord(
                p2p.dialogId(),
                p2p.startTime(),
                p2p.endTime(),
                p2p.fromUri(),
                p2p.toUri(),
                p2p.fromClientVersion(),
                null,
                "sip:focus@conf.test;gruu;opaque=app:conf:focus:id:1",
                "instance-1",
                null,
                null,
                null,
                null,
                null,
                null,
                200,
                null,
                p2p.media(),
                0,
                Quality.Report.none());
    }

    static SessionRecord withQuality(SessionRecord s, Quality.Report quality) {
        return new SessionRecord(
                s.dialogId(),
                s.startTime(),
                s.endTime(),
                s.fromUri(),
                s.toUri(),
                s.fromClientVersion(),
                s.toClientVersion(),
                s.conferenceUrl(),
                s.confInstance(),
                s.fromTel(),
                s.toTel(),
                s.fromEndpointId(),
                s.toEndpointId(),
                s.onBehalfOfUri(),
                s.referredByUri(),
                s.responseCode(),
                s.diagnosticId(),
                s.media(),
                s.imMessageCount(),
                quality);
    }

    /** One record for every quality table, on both sides where the table allows. */
    static Quality.Report everyQualityTable() {
        return new Quality.Report(
                List.of(
                        new Quality.SessionInfo(Side.FROM, "PC-1", "Windows 11", "i7", 8, "UCCAPI", null),
                        new Quality.SessionInfo(Side.TO, "PC-2", "macOS", "M2", 8, "SfBMac", null)),
                List.of(new Quality.MediaLine(
                        Side.FROM,
                        Modality.AUDIO,
                        "10.0.0.1",
                        50000,
                        "10.0.0.0",
                        true,
                        false,
                        "wired",
                        "mic",
                        "speaker",
                        "succeeded",
                        null)),
                List.of(new Quality.AudioStream(
                        Side.FROM, "SILKWide", 5.0, 9.0, 0.01, 0.02, 50.0, 80.0, 4.1, 3.9, 0.2, 0.4, 0.01, 0.0, 80.0)),
                List.of(new Quality.AudioClientEvents(
                        Side.FROM, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)),
                List.of(new Quality.AudioSignal(Side.FROM, -20.0, -21.0, -65.0, -64.0, -45.0, 1.0, 1.0)),
                List.of(new Quality.AppSharingStream(Side.TO, 5.0, 40.0, 0.0, 100.0, 5.0, 0.3)),
                List.of(new Quality.VideoClientEvents(Side.TO, 0.01, 0.02)),
                List.of(new Quality.VideoStream(Side.TO, "H264", "1280x720", 25.0, 25.0, 1.0, 0.01, 1200.0)),
                List.of(
                        new Quality.TracerouteHop(Side.FROM, 1, "10.0.0.254", 1.5),
                        new Quality.TracerouteHop(Side.FROM, 2, "10.1.0.1", 4.0)),
                List.of(new Quality.Feedback(Side.TO, 2, "Echo,NoiseLevel", "Echo all the time")));
    }
}
