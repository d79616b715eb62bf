package org.commsportal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Recomputes the daily rollups from raw session rows with plain SQL written independently of the code under
 * test, and reads the stored rollups in the same shape, so tests can compare the two.
 */
public final class RollupRecomputation {

    private static final String COUNTS = """
            SUM(s.conference_url IS NULL AND EXISTS (SELECT 1 FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 1)) AS im,
            SUM(s.conference_url IS NULL AND EXISTS (SELECT 1 FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 5)) AS audio,
            SUM(s.conference_url IS NULL AND EXISTS (SELECT 1 FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 6)) AS video,
            SUM(s.conference_url IS NULL AND EXISTS (SELECT 1 FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 4)) AS app_sharing,
            SUM(s.conference_url IS NULL AND EXISTS (SELECT 1 FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 2)) AS file_transfer,
            SUM(IF(s.conference_url IS NULL, COALESCE((SELECT m.duration_ms FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 5), 0), 0)) AS audio_ms,
            SUM(IF(s.conference_url IS NULL, COALESCE((SELECT m.duration_ms FROM session_media m WHERE m.session_id = s.id AND m.media_type_id = 6), 0), 0)) AS video_ms,
            SUM(s.conference_url IS NOT NULL) AS conference_sessions
            """;

    /**
     * A WITH clause: {@code used} holds, per licensed party (user_id) of each peer-to-peer session of tenant :t, its
     * UTC start day, whether it used each type (im, audio, video, app_sharing, file_transfer) and its minutes.
     */
    public static final String PEER_TO_PEER_SESSIONS_OF_USERS = """
                WITH party AS (
                    SELECT id, from_user_id AS user_id FROM comm_session
                    WHERE tenant_id = :t AND from_user_id IS NOT NULL AND conference_url IS NULL
                    UNION
                    SELECT id, to_user_id FROM comm_session
                    WHERE tenant_id = :t AND to_user_id IS NOT NULL AND conference_url IS NULL),
                used AS (
                    SELECT p.user_id, DATE(s.start_time) AS day,
                           MAX(m.media_type_id = 1) AS im, MAX(m.media_type_id = 5) AS audio,
                           MAX(m.media_type_id = 6) AS video, MAX(m.media_type_id = 4) AS app_sharing,
                           MAX(m.media_type_id = 2) AS file_transfer,
                           SUM(IF(m.media_type_id = 5, m.duration_ms, 0)) AS audio_ms,
                           SUM(IF(m.media_type_id = 6, m.duration_ms, 0)) AS video_ms
                    FROM party p JOIN comm_session s ON s.id = p.id JOIN session_media m ON m.session_id = s.id
                    GROUP BY p.user_id, s.id, DATE(s.start_time))
            """;

    private RollupRecomputation() {}

    /** The tenant's user and tenant daily rollups and its distinct users per day equal a recomputation from raw rows. */
    public static void assertDailyRollupsEqualRecomputation(JdbcClient jdbc, long tenantId) {
        org.assertj.core.api.Assertions.assertThat(normalized(storedUserRollups(jdbc, tenantId)))
                .isEqualTo(normalized(recomputedUserRollups(jdbc, tenantId)));
        org.assertj.core.api.Assertions.assertThat(normalized(storedTenantRollups(jdbc, tenantId)))
                .isEqualTo(normalized(recomputedTenantRollups(jdbc, tenantId)));
        org.assertj.core.api.Assertions.assertThat(normalized(storedDistinctUsers(jdbc, tenantId)))
                .isEqualTo(normalized(recomputedDistinctUsers(jdbc, tenantId)));
    }

    /** Per user and UTC start day, from raw rows: a session counts once for each distinct licensed party. */
    public static List<Map<String, Object>> recomputedUserRollups(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("""
                SELECT p.user_id, DATE(s.start_time) AS day,
                """ + COUNTS + """
                FROM (SELECT id, from_user_id AS user_id FROM comm_session WHERE tenant_id = :t AND from_user_id IS NOT NULL
                      UNION
                      SELECT id, to_user_id FROM comm_session WHERE tenant_id = :t AND to_user_id IS NOT NULL) p
                JOIN comm_session s ON s.id = p.id
                GROUP BY p.user_id, DATE(s.start_time)
                ORDER BY p.user_id, day
                """).param("t", tenantId).query().listOfRows();
    }

    public static List<Map<String, Object>> storedUserRollups(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("""
                SELECT user_id, day, p2p_im AS im, p2p_audio AS audio, p2p_video AS video, p2p_app_sharing AS app_sharing,
                       p2p_file_transfer AS file_transfer, p2p_audio_ms AS audio_ms, p2p_video_ms AS video_ms,
                       conference_sessions
                FROM user_daily_rollup WHERE tenant_id = :t ORDER BY user_id, day
                """).param("t", tenantId).query().listOfRows();
    }

    /** Per UTC start day, every session of the tenant counted once. */
    public static List<Map<String, Object>> recomputedTenantRollups(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("SELECT DATE(s.start_time) AS day, " + COUNTS + """
                FROM comm_session s WHERE s.tenant_id = :t
                GROUP BY DATE(s.start_time) ORDER BY day
                """)
                .param("t", tenantId)
                .query()
                .listOfRows();
    }

    public static List<Map<String, Object>> storedTenantRollups(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("""
                SELECT day, p2p_im AS im, p2p_audio AS audio, p2p_video AS video, p2p_app_sharing AS app_sharing,
                       p2p_file_transfer AS file_transfer, p2p_audio_ms AS audio_ms, p2p_video_ms AS video_ms,
                       conference_sessions
                FROM tenant_daily_rollup WHERE tenant_id = :t ORDER BY day
                """).param("t", tenantId).query().listOfRows();
    }

    /** Per UTC start day: distinct licensed users with a peer-to-peer session of each type (days with any). */
    public static List<Map<String, Object>> recomputedDistinctUsers(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("""
                WITH party AS (
                    SELECT id, from_user_id AS user_id FROM comm_session WHERE tenant_id = :t AND from_user_id IS NOT NULL
                    UNION
                    SELECT id, to_user_id FROM comm_session WHERE tenant_id = :t AND to_user_id IS NOT NULL)
                SELECT DATE(s.start_time) AS day,
                       COUNT(DISTINCT IF(m.media_type_id = 1, p.user_id, NULL)) AS im,
                       COUNT(DISTINCT IF(m.media_type_id = 5, p.user_id, NULL)) AS audio,
                       COUNT(DISTINCT IF(m.media_type_id = 6, p.user_id, NULL)) AS video,
                       COUNT(DISTINCT IF(m.media_type_id = 4, p.user_id, NULL)) AS app_sharing,
                       COUNT(DISTINCT IF(m.media_type_id = 2, p.user_id, NULL)) AS file_transfer
                FROM party p JOIN comm_session s ON s.id = p.id JOIN session_media m ON m.session_id = s.id
                WHERE s.conference_url IS NULL
                GROUP BY DATE(s.start_time)
                HAVING im + audio + video + app_sharing + file_transfer > 0
                ORDER BY day
                """).param("t", tenantId).query().listOfRows();
    }

    public static List<Map<String, Object>> storedDistinctUsers(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("""
                SELECT day, users_im AS im, users_audio AS audio, users_video AS video,
                       users_app_sharing AS app_sharing, users_file_transfer AS file_transfer
                FROM tenant_daily_rollup
                WHERE tenant_id = :t AND users_im + users_audio + users_video + users_app_sharing + users_file_transfer > 0
                ORDER BY day
                """).param("t", tenantId).query().listOfRows();
    }

    /**
     * Per licensed user and report period (7, 30, 90, 180 days ending on the report date), from raw rows: the
     * peer-to-peer sessions of each type and minutes, and the last day up to the report date with a peer-to-peer
     * session of one of those types. Every licensed user of the tenant, zeros included.
     */
    public static List<Map<String, Object>> recomputedPeriodTotals(
            JdbcClient jdbc, long tenantId, LocalDate reportDate) {
        return jdbc.sql(PEER_TO_PEER_SESSIONS_OF_USERS + """
                SELECT u.id AS user_id, period.days,
                       COALESCE(SUM(x.im), 0) AS im, COALESCE(SUM(x.audio), 0) AS audio,
                       COALESCE(SUM(x.video), 0) AS video, COALESCE(SUM(x.app_sharing), 0) AS app_sharing,
                       COALESCE(SUM(x.file_transfer), 0) AS file_transfer, COALESCE(SUM(x.audio_ms), 0) AS audio_ms,
                       COALESCE(SUM(x.video_ms), 0) AS video_ms,
                       (SELECT MAX(l.day) FROM used l WHERE l.user_id = u.id AND l.day <= :reportDate
                          AND (l.im OR l.audio OR l.video OR l.app_sharing OR l.file_transfer)) AS last_activity
                FROM licensed_user u
                CROSS JOIN (SELECT 7 AS days UNION ALL SELECT 30 UNION ALL SELECT 90 UNION ALL SELECT 180) period
                LEFT JOIN used x ON x.user_id = u.id AND x.day <= :reportDate
                                AND x.day > DATE_SUB(:reportDate, INTERVAL period.days DAY)
                WHERE u.tenant_id = :t
                GROUP BY u.id, period.days
                ORDER BY u.id, period.days
                """)
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .query()
                .listOfRows();
    }

    public static List<Map<String, Object>> storedPeriodTotals(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("""
                SELECT user_id, period_days AS days, p2p_im AS im, p2p_audio AS audio, p2p_video AS video,
                       p2p_app_sharing AS app_sharing, p2p_file_transfer AS file_transfer, p2p_audio_ms AS audio_ms,
                       p2p_video_ms AS video_ms, last_activity
                FROM user_period_total WHERE tenant_id = :t ORDER BY user_id, period_days
                """).param("t", tenantId).query().listOfRows();
    }

    /** The report date the stored period totals end on, null before they are built. */
    public static LocalDate periodTotalsReportDate(JdbcClient jdbc, long tenantId) {
        return jdbc.sql("SELECT report_date FROM user_period_state WHERE tenant_id = :t")
                .param("t", tenantId)
                .query((rs, row) -> rs.getObject("report_date", LocalDate.class))
                .optional()
                .orElse(null);
    }

    /** Both sides as strings, so DECIMAL sums and INT columns compare by value. */
    public static List<String> normalized(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(row -> row.values().stream()
                        .map(value -> value instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(value))
                        .toList()
                        .toString())
                .toList();
    }
}
