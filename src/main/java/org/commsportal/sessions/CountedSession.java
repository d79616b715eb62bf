package org.commsportal.sessions;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session as much as read models count it: its time span, media, the conference it belongs to (null for a
 * peer-to-peer session), the parties' client versions (user agents), how its From party joined its conference, and the licensed users its parties count for (docs/ingest.md, "How parties are matched to
 * users").
 */
public record CountedSession(
        long id,
        Instant start,
        Instant end,
        int mediaMask,
        @Nullable String conferenceId,
        @Nullable Long fromUserId,
        @Nullable Long toUserId,
        Map<Modality, Long> durations,
        @Nullable String fromClientVersion,
        @Nullable String toClientVersion,
        ConferenceJoin conferenceJoin) {

    public boolean conference() {
        return conferenceId != null;
    }

    /**
     * A conference's identity: its URL and its instance (docs/ingest.md), or null for a peer-to-peer session. The
     * same conference URL with another instance is another meeting.
     */
    public static @Nullable String conferenceId(@Nullable String conferenceUrl, @Nullable String confInstance) {
        if (conferenceUrl == null || conferenceUrl.isBlank()) {
            return null;
        }
        return conferenceUrl + "\n" + (confInstance == null ? "" : confInstance);
    }
}
