package org.commsportal.sessions;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A session as much as read models count it: its time span, media, kind and the licensed users its parties count
 * for (docs/ingest.md, "How parties are matched to users").
 */
public record CountedSession(
        long id,
        Instant start,
        Instant end,
        int mediaMask,
        boolean conference,
        @Nullable Long fromUserId,
        @Nullable Long toUserId,
        Map<Modality, Long> durations) {}
