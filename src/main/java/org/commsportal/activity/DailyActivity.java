package org.commsportal.activity;

import java.time.LocalDate;
import org.commsportal.common.Minutes;

/**
 * One UTC day of peer-to-peer activity: sessions per type (a session with audio and video counts in both),
 * distinct licensed users per type, and audio/video duration.
 */
public record DailyActivity(
        LocalDate day,
        long im,
        long audio,
        long video,
        long appSharing,
        long fileTransfer,
        long usersIm,
        long usersAudio,
        long usersVideo,
        long usersAppSharing,
        long usersFileTransfer,
        long audioMs,
        long videoMs) {

    static DailyActivity none(LocalDate day) {
        return new DailyActivity(day, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public long audioMinutes() {
        return Minutes.of(audioMs);
    }

    public long videoMinutes() {
        return Minutes.of(videoMs);
    }
}
