package org.commsportal.skypeactivity;

import java.time.LocalDate;

/**
 * One UTC day of the tenant's Skype for Business activity: peer-to-peer sessions (each once, as on the peer-to-peer
 * page),
 * distinct conferences organized and taken part in by licensed users, and the distinct users of each.
 */
public record ActivityDay(
        LocalDate day,
        long peerToPeerSessions,
        long conferencesOrganized,
        long conferencesParticipated,
        long peerToPeerUsers,
        long organizers,
        long participants) {

    public static ActivityDay none(LocalDate day) {
        return new ActivityDay(day, 0, 0, 0, 0, 0, 0);
    }
}
