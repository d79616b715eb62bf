package org.commsportal.sessions;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What one session adds to the daily rollups of the UTC day it started on. Peer-to-peer sessions count once
 * per media type they used (a session with audio and video counts once in each); conference sessions count in
 * {@code conferenceSessions} only. The same function serves insertion (+1) and replacement (-1), which is
 * what keeps rollups equal to a recomputation from raw rows.
 */
public record RollupContribution(
        LocalDate day,
        int im,
        int audio,
        int video,
        int appSharing,
        int fileTransfer,
        long audioMs,
        long videoMs,
        int conferenceSessions) {

    static RollupContribution of(java.time.Instant start, boolean conference, Map<Modality, Long> durations, int sign) {
        LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
        if (conference) {
            return new RollupContribution(day, 0, 0, 0, 0, 0, 0, 0, sign);
        }
        return new RollupContribution(
                day,
                has(durations, Modality.IM, sign),
                has(durations, Modality.AUDIO, sign),
                has(durations, Modality.VIDEO, sign),
                has(durations, Modality.APPLICATION_SHARING, sign),
                has(durations, Modality.FILE_TRANSFER, sign),
                sign * durations.getOrDefault(Modality.AUDIO, 0L),
                sign * durations.getOrDefault(Modality.VIDEO, 0L),
                0);
    }

    private static int has(Map<Modality, Long> durations, Modality type, int sign) {
        return durations.containsKey(type) ? sign : 0;
    }

    public RollupContribution plus(RollupContribution other) {
        return new RollupContribution(
                day,
                im + other.im,
                audio + other.audio,
                video + other.video,
                appSharing + other.appSharing,
                fileTransfer + other.fileTransfer,
                audioMs + other.audioMs,
                videoMs + other.videoMs,
                conferenceSessions + other.conferenceSessions);
    }
}
