package org.commsportal.activity;

import java.time.LocalDate;

/** Peer-to-peer sessions of one UTC day, counted once per media type used. */
public record DailyActivity(LocalDate day, long im, long audio, long video, long appSharing, long fileTransfer) {

    static DailyActivity none(LocalDate day) {
        return new DailyActivity(day, 0, 0, 0, 0, 0);
    }
}
