package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.commsportal.common.Minutes;
import org.jspecify.annotations.Nullable;

/**
 * A user's distinct conferences organized or taken part in over a period; those with IM, audio/video, application
 * sharing, web conferencing, dial-in/out through a third party's and through the vendor's audio conferencing; the
 * audio/video milliseconds of the user's sessions in them, all of them and those dialled in and out through the
 * vendor's provider; and the last day with one (up to the end of the period, whatever its start). A web or
 * dial-in/out figure is null when none of the sessions behind it said it (docs/skype-for-business-activity.md).
 */
public record ConferenceFigures(
        long conferences,
        long im,
        long audioVideo,
        long appSharing,
        @Nullable Long web,
        @Nullable Long dialInOutThirdParty,
        @Nullable Long dialInOutMicrosoft,
        long audioVideoMs,
        @Nullable Long dialInMicrosoftMs,
        @Nullable Long dialOutMicrosoftMs,
        @Nullable LocalDate lastDay) {

    public static final ConferenceFigures NONE = new ConferenceFigures(0, 0, 0, 0, 0L, 0L, 0L, 0, 0L, 0L, null);

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
