package org.commsportal.skypeactivity;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One user of the Skype for Business activity, organizer and participant tables over a period or day
 * (docs/skype-for-business-activity.md): the name as the viewer may see it, deletion as of the scope's last day,
 * the figures of the scope and the last days with each kind of activity up to the report date.
 */
public record SkypeActivityUserRow(
        long userId,
        String userName,
        boolean deleted,
        @Nullable LocalDate deletedDate,
        @Nullable LocalDate lastActivityDate,
        long peerToPeerSessions,
        @Nullable LocalDate peerToPeerLastDay,
        ConferenceFigures organized,
        ConferenceFigures participated) {}
