package org.commsportal.graphapi;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per-user figures the daily rollups do not hold, read from the raw sessions of a page of users: distinct
 * peer-to-peer sessions, and conferences organized (the user is the To party of a conference's sessions) and
 * taken part in (the From party). A conference is a distinct conference URL; media bits as in {@code media_mask}.
 */
@Repository
class ConferenceRepository {

    /** IM (media 1), Application sharing (4), Audio (5) and Video (6) bits of comm_session.media_mask. */
    private static final int IM = 1;

    private static final int APP_SHARING = 1 << 3;
    private static final int AUDIO_VIDEO = (1 << 4) | (1 << 5);

    private static final String CONFERENCE_FIGURES = """
            SELECT s.%1$s AS user_id,
                   COUNT(DISTINCT CASE WHEN s.start_time >= :from THEN s.conference_url END) AS conferences,
                   COUNT(DISTINCT CASE WHEN s.start_time >= :from AND s.media_mask & %2$d THEN s.conference_url END) AS im,
                   COUNT(DISTINCT CASE WHEN s.start_time >= :from AND s.media_mask & %3$d THEN s.conference_url END) AS av,
                   COUNT(DISTINCT CASE WHEN s.start_time >= :from AND s.media_mask & %4$d THEN s.conference_url END) AS app_sharing,
                   COALESCE(SUM(CASE WHEN s.start_time >= :from THEN
                       (SELECT MAX(m.duration_ms) FROM session_media m
                        WHERE m.session_id = s.id AND m.media_type_id IN (5, 6)) END), 0) AS av_ms,
                   MAX(DATE(s.start_time)) AS last_day
            FROM comm_session s
            WHERE s.tenant_id = :tenantId AND s.%1$s IN (:users) AND s.conference_url IS NOT NULL
              AND s.start_time < :until
            GROUP BY s.%1$s
            """;

    private final JdbcClient jdbc;

    ConferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Conference figures per user id for sessions starting in [from, until); last days look at all days before until. */
    Map<Long, ConferenceFigures> conferences(
            long tenantId, Collection<Long> userIds, boolean organized, LocalDate from, LocalDate until) {
        Map<Long, ConferenceFigures> figures = new HashMap<>();
        if (userIds.isEmpty()) {
            return figures;
        }
        String column = organized ? "to_user_id" : "from_user_id";
        jdbc.sql(String.format(CONFERENCE_FIGURES, column, IM, AUDIO_VIDEO, APP_SHARING))
                .param("tenantId", tenantId)
                .param("users", userIds)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .query((rs, row) -> figures.put(
                        rs.getLong("user_id"),
                        new ConferenceFigures(
                                rs.getLong("conferences"),
                                rs.getLong("im"),
                                rs.getLong("av"),
                                rs.getLong("app_sharing"),
                                rs.getLong("av_ms"),
                                rs.getObject("last_day", LocalDate.class))))
                .list();
        return figures;
    }

    /** Distinct peer-to-peer sessions per user id starting in [from, until); a session with oneself counts once. */
    Map<Long, Long> peerToPeerSessions(long tenantId, Collection<Long> userIds, LocalDate from, LocalDate until) {
        Map<Long, Long> counts = new HashMap<>();
        if (userIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                SELECT party.user_id, COUNT(*) AS sessions FROM (
                    SELECT s.id, s.from_user_id AS user_id FROM comm_session s
                    WHERE s.tenant_id = :tenantId AND s.from_user_id IN (:users) AND s.conference_url IS NULL
                      AND s.start_time >= :from AND s.start_time < :until
                    UNION
                    SELECT s.id, s.to_user_id FROM comm_session s
                    WHERE s.tenant_id = :tenantId AND s.to_user_id IN (:users) AND s.conference_url IS NULL
                      AND s.start_time >= :from AND s.start_time < :until
                ) party GROUP BY party.user_id
                """)
                .param("tenantId", tenantId)
                .param("users", userIds)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .query((rs, row) -> counts.put(rs.getLong("user_id"), rs.getLong("sessions")))
                .list();
        return counts;
    }

    /** A user's organized or attended conferences in the window, and the last day with one up to its end. */
    record ConferenceFigures(
            long conferences,
            long im,
            long audioVideo,
            long appSharing,
            long audioVideoMs,
            @Nullable LocalDate lastDay) {
        static final ConferenceFigures NONE = new ConferenceFigures(0, 0, 0, 0, 0, null);
    }
}
