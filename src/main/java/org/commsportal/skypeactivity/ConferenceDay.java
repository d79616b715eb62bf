package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.commsportal.common.Minutes;
import org.jspecify.annotations.Nullable;

/**
 * One UTC day of the conferences the tenant's licensed users organized (or took part in): distinct conferences with
 * IM, audio/video, application sharing, web conferencing, dial-in/out through a third party's and through the
 * vendor's audio conferencing, the distinct users of each, and the audio/video milliseconds of their sessions, all
 * of them and those dialled in and out through the vendor's provider. A web or dial-in/out figure is null on a day
 * whose records do not say it (docs/skype-for-business-activity.md, "Figures the records may not say").
 */
public record ConferenceDay(
        LocalDate day,
        long im,
        long audioVideo,
        long appSharing,
        @Nullable Long web,
        @Nullable Long dialInOutThirdParty,
        @Nullable Long dialInOutMicrosoft,
        long imUsers,
        long audioVideoUsers,
        long appSharingUsers,
        @Nullable Long webUsers,
        @Nullable Long dialInOutThirdPartyUsers,
        @Nullable Long dialInOutMicrosoftUsers,
        long audioVideoMs,
        @Nullable Long dialInMicrosoftMs,
        @Nullable Long dialOutMicrosoftMs) {

    /** A day without conferences: nothing unknown, every figure zero. */
    public static ConferenceDay none(LocalDate day) {
        return new ConferenceDay(day, 0, 0, 0, 0L, 0L, 0L, 0, 0, 0, 0L, 0L, 0L, 0, 0L, 0L);
    }

    public long audioVideoMinutes() {
        return Minutes.of(audioVideoMs);
    }

    public @Nullable Long dialInMicrosoftMinutes() {
        return dialInMicrosoftMs == null ? null : Minutes.of(dialInMicrosoftMs);
    }

    public @Nullable Long dialOutMicrosoftMinutes() {
        return dialOutMicrosoftMs == null ? null : Minutes.of(dialOutMicrosoftMs);
    }
}
