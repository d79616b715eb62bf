package org.commsportal.sessions;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a tenant's daily rollups and distinct users per day from its raw sessions (those the tenant still
 * keeps) and lists every row where the stored ones differ, for the {@code verify-rollups} command. An empty list means the reports equal a recomputation from raw rows.
 */
@Repository
class RollupCheckRepository {

    /**
     * Per session: its UTC day, whether peer-to-peer, its media flags and audio/video durations, kept in a temporary
     * table that the comparisons read several times (as a common table expression each reference recomputed it). A
     * session's media rows are found in its own partition (by its start, docs/architecture.md, "Partitioned raw rows").
     */
    private static final String SESSIONS = """
            CREATE TEMPORARY TABLE rollup_check_session (PRIMARY KEY (id)) AS
            SELECT s.id, s.from_user_id, s.to_user_id, DATE(s.start_time) AS day, s.conference_url IS NULL AS p2p,
                   s.media_mask & 1 > 0 AS im, s.media_mask & 16 > 0 AS audio, s.media_mask & 32 > 0 AS video,
                   s.media_mask & 8 > 0 AS app_sharing, s.media_mask & 2 > 0 AS file_transfer,
                   COALESCE(SUM(IF(m.media_type_id = 5, m.duration_ms, 0)), 0) AS audio_ms,
                   COALESCE(SUM(IF(m.media_type_id = 6, m.duration_ms, 0)), 0) AS video_ms
            FROM comm_session s FORCE INDEX (ix_comm_session_tenant_start)
            LEFT JOIN session_media m ON m.session_id = s.id AND m.session_start = s.start_time
            WHERE s.tenant_id = :tenantId AND s.start_time >= COALESCE(
                (SELECT kept_from FROM user_period_state WHERE tenant_id = :tenantId), '1000-01-01')
            GROUP BY s.id""";

    /** Per licensed user and day, the user's sessions' counts: each session once per party, once for oneself. */
    private static final String PER_USER = """
            CREATE TEMPORARY TABLE rollup_check_user_day (PRIMARY KEY (user_id, day)) AS
            WITH parties AS (
                SELECT id, from_user_id AS user_id FROM rollup_check_session WHERE from_user_id IS NOT NULL
                UNION
                SELECT id, to_user_id FROM rollup_check_session WHERE to_user_id IS NOT NULL)
            SELECT p.user_id, x.day,
                   SUM(p2p AND im) AS im, SUM(p2p AND audio) AS audio, SUM(p2p AND video) AS video,
                   SUM(p2p AND app_sharing) AS app_sharing, SUM(p2p AND file_transfer) AS file_transfer,
                   SUM(IF(p2p, audio_ms, 0)) AS audio_ms, SUM(IF(p2p, video_ms, 0)) AS video_ms,
                   SUM(NOT p2p) AS conferences
            FROM parties p JOIN rollup_check_session x ON x.id = p.id GROUP BY p.user_id, x.day""";

    private static final String DROP = "DROP TEMPORARY TABLE IF EXISTS rollup_check_session, rollup_check_user_day";

    private static final String COUNTS = """
            SUM(p2p AND im) AS im, SUM(p2p AND audio) AS audio, SUM(p2p AND video) AS video,
            SUM(p2p AND app_sharing) AS app_sharing, SUM(p2p AND file_transfer) AS file_transfer,
            SUM(IF(p2p, audio_ms, 0)) AS audio_ms, SUM(IF(p2p, video_ms, 0)) AS video_ms, SUM(NOT p2p) AS conferences""";

    private static final String SAME_COUNTS = """
            r.im = s.p2p_im AND r.audio = s.p2p_audio AND r.video = s.p2p_video AND r.app_sharing = s.p2p_app_sharing
            AND r.file_transfer = s.p2p_file_transfer AND r.audio_ms = s.p2p_audio_ms AND r.video_ms = s.p2p_video_ms
            AND r.conferences = s.conference_sessions""";

    private static final String STORED_ZERO = """
            s.p2p_im = 0 AND s.p2p_audio = 0 AND s.p2p_video = 0 AND s.p2p_app_sharing = 0 AND s.p2p_file_transfer = 0
            AND s.p2p_audio_ms = 0 AND s.p2p_video_ms = 0 AND s.conference_sessions = 0""";

    private final JdbcClient jdbc;

    RollupCheckRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Human-readable differences of the daily rollups and the distinct users per day, at most {@code limit}; each
     * names the table, the key and both values.
     */
    @Transactional // one connection: the temporary tables are the connection's
    List<String> differences(long tenantId, int limit) {
        jdbc.sql(DROP).update();
        jdbc.sql(SESSIONS).param("tenantId", tenantId).update();
        jdbc.sql(PER_USER).update();
        try {
            return compare(tenantId, limit);
        } finally {
            jdbc.sql(DROP).update();
        }
    }

    private List<String> compare(long tenantId, int limit) {
        return jdbc.sql("""
                WITH sessions AS (SELECT * FROM rollup_check_session)
                , per_user AS (SELECT * FROM rollup_check_user_day)
                , per_day AS (
                    SELECT day,
                """ + COUNTS + """
                    FROM sessions GROUP BY day)
                , users_per_day AS (
                    SELECT day, SUM(im > 0) AS im, SUM(audio > 0) AS audio, SUM(video > 0) AS video,
                           SUM(app_sharing > 0) AS app_sharing, SUM(file_transfer > 0) AS file_transfer
                    FROM per_user GROUP BY day)
                SELECT CONCAT('user_daily_rollup user ', r.user_id, ' day ', r.day, ': stored ',
                              COALESCE(CONCAT_WS('/', s.p2p_im, s.p2p_audio, s.p2p_video, s.p2p_app_sharing,
                                  s.p2p_file_transfer, s.p2p_audio_ms, s.p2p_video_ms, s.conference_sessions), 'nothing'),
                              ', recomputed ', CONCAT_WS('/', r.im, r.audio, r.video, r.app_sharing, r.file_transfer,
                                  r.audio_ms, r.video_ms, r.conferences))
                FROM per_user r LEFT JOIN user_daily_rollup s
                  ON s.tenant_id = :tenantId AND s.user_id = r.user_id AND s.day = r.day
                WHERE s.user_id IS NULL OR NOT (""" + SAME_COUNTS + """
                )
                UNION ALL
                SELECT CONCAT('user_daily_rollup user ', s.user_id, ' day ', s.day, ': stored counts without sessions')
                FROM user_daily_rollup s LEFT JOIN per_user r ON r.user_id = s.user_id AND r.day = s.day
                WHERE s.tenant_id = :tenantId AND r.user_id IS NULL AND NOT (""" + STORED_ZERO + """
                )
                UNION ALL
                SELECT CONCAT('tenant_daily_rollup day ', r.day, ': stored ',
                              COALESCE(CONCAT_WS('/', s.p2p_im, s.p2p_audio, s.p2p_video, s.p2p_app_sharing,
                                  s.p2p_file_transfer, s.p2p_audio_ms, s.p2p_video_ms, s.conference_sessions), 'nothing'),
                              ', recomputed ', CONCAT_WS('/', r.im, r.audio, r.video, r.app_sharing, r.file_transfer,
                                  r.audio_ms, r.video_ms, r.conferences))
                FROM per_day r LEFT JOIN tenant_daily_rollup s ON s.tenant_id = :tenantId AND s.day = r.day
                WHERE s.day IS NULL OR NOT (""" + SAME_COUNTS
                        + """
                )
                UNION ALL
                SELECT CONCAT('tenant_daily_rollup day ', s.day, ': stored counts without sessions')
                FROM tenant_daily_rollup s LEFT JOIN per_day r ON r.day = s.day
                WHERE s.tenant_id = :tenantId AND r.day IS NULL AND NOT (""" + STORED_ZERO + """
                )
                UNION ALL
                SELECT CONCAT('tenant_daily_rollup day ', u.day, ': distinct users stored ',
                              CONCAT_WS('/', s.users_im, s.users_audio, s.users_video, s.users_app_sharing,
                                  s.users_file_transfer),
                              ', recomputed ', CONCAT_WS('/', u.im, u.audio, u.video, u.app_sharing, u.file_transfer))
                FROM users_per_day u JOIN tenant_daily_rollup s ON s.tenant_id = :tenantId AND s.day = u.day
                WHERE NOT (u.im = s.users_im AND u.audio = s.users_audio AND u.video = s.users_video
                           AND u.app_sharing = s.users_app_sharing AND u.file_transfer = s.users_file_transfer)
                LIMIT :limit
                """)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query(String.class)
                .list();
    }
}
