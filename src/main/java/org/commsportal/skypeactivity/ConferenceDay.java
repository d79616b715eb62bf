package org.commsportal.skypeactivity;

import java.time.LocalDate;

/**
 * One UTC day of the conferences the tenant's licensed users organized (or took part in): distinct conferences with
 * IM, with audio/video and with application sharing, the distinct users of each, and the audio/video milliseconds
 * of their sessions. Web conferencing and dial-in/out are not in the records this portal receives, so they have no
 * figure here (docs/skype-for-business-activity.md).
 */
public record ConferenceDay(
        LocalDate day,
        long im,
        long audioVideo,
        long appSharing,
        long imUsers,
        long audioVideoUsers,
        long appSharingUsers,
        long audioVideoMs) {

    public static ConferenceDay none(LocalDate day) {
        return new ConferenceDay(day, 0, 0, 0, 0, 0, 0, 0);
    }

    public long audioVideoMinutes() {
        return org.commsportal.common.Minutes.of(audioVideoMs);
    }
}
