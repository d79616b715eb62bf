package org.commsportal.activity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commsportal.RollupRecomputation;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The peer-to-peer report recomputed from raw session rows with plain SQL, independently of the code under test. */
final class RawActivity {

    private RawActivity() {}

    /** Per licensed user in scope (deleted as of {@code to}): [upn, deleted, deleted_at, last_activity, im, audio, video, app, ft, audio_min, video_min]. */
    static Map<String, List<Object>> users(
            JdbcClient jdbc, long tenantId, LocalDate from, LocalDate to, LocalDate reportDate) {
        return jdbc
                .sql(RollupRecomputation.PEER_TO_PEER_SESSIONS_OF_USERS + """
                SELECT u.upn, COALESCE(u.deleted_at <= :to, FALSE) AS deleted,
                       IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at,
                       (SELECT MAX(x.day) FROM used x WHERE x.user_id = u.id AND x.day <= :reportDate
                          AND (x.im OR x.audio OR x.video OR x.app_sharing OR x.file_transfer)) AS last_activity,
                       COALESCE(SUM(x.im), 0) AS im, COALESCE(SUM(x.audio), 0) AS audio, COALESCE(SUM(x.video), 0) AS video,
                       COALESCE(SUM(x.app_sharing), 0) AS app, COALESCE(SUM(x.file_transfer), 0) AS ft,
                       FLOOR((COALESCE(SUM(x.audio_ms), 0) + 30000) / 60000) AS audio_min,
                       FLOOR((COALESCE(SUM(x.video_ms), 0) + 30000) / 60000) AS video_min
                FROM licensed_user u
                LEFT JOIN used x ON x.user_id = u.id AND x.day BETWEEN :from AND :to
                WHERE u.tenant_id = :t AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
                GROUP BY u.id, u.upn, u.deleted, u.deleted_at
                """)
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .param("reportDate", reportDate)
                .query((rs, row) -> Map.entry(
                        rs.getString("upn"),
                        List.<Object>of(
                                rs.getBoolean("deleted"),
                                String.valueOf(rs.getDate("deleted_at")),
                                String.valueOf(rs.getDate("last_activity")),
                                rs.getLong("im"),
                                rs.getLong("audio"),
                                rs.getLong("video"),
                                rs.getLong("app"),
                                rs.getLong("ft"),
                                rs.getLong("audio_min"),
                                rs.getLong("video_min"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static List<Object> shown(UserActivityRow row) {
        return List.of(
                row.deleted(),
                String.valueOf(row.deletedDate() == null ? null : java.sql.Date.valueOf(row.deletedDate())),
                String.valueOf(row.lastActivityDate() == null ? null : java.sql.Date.valueOf(row.lastActivityDate())),
                row.im(),
                row.audio(),
                row.video(),
                row.appSharing(),
                row.fileTransfers(),
                row.audioMinutes(),
                row.videoMinutes());
    }

    /** Per UTC day: [users im, audio, video, app, ft, audio minutes, video minutes] of peer-to-peer sessions. */
    static Map<LocalDate, List<Long>> usersAndMinutesPerDay(
            JdbcClient jdbc, long tenantId, LocalDate from, LocalDate to) {
        Map<LocalDate, List<Long>> users = jdbc
                .sql("""
                WITH party AS (
                    SELECT s.id AS session_id, s.from_user_id AS user_id FROM comm_session s
                    WHERE s.tenant_id = :t AND s.conference_url IS NULL AND s.from_user_id IS NOT NULL
                    UNION
                    SELECT s.id, s.to_user_id FROM comm_session s
                    WHERE s.tenant_id = :t AND s.conference_url IS NULL AND s.to_user_id IS NOT NULL)
                SELECT DATE(s.start_time) AS day,
                       COUNT(DISTINCT IF(m.media_type_id = 1, p.user_id, NULL)) AS im,
                       COUNT(DISTINCT IF(m.media_type_id = 5, p.user_id, NULL)) AS audio,
                       COUNT(DISTINCT IF(m.media_type_id = 6, p.user_id, NULL)) AS video,
                       COUNT(DISTINCT IF(m.media_type_id = 4, p.user_id, NULL)) AS app,
                       COUNT(DISTINCT IF(m.media_type_id = 2, p.user_id, NULL)) AS ft
                FROM party p JOIN comm_session s ON s.id = p.session_id JOIN session_media m ON m.session_id = s.id
                WHERE s.start_time >= :from AND s.start_time < :toExclusive
                GROUP BY DATE(s.start_time)
                """)
                .param("t", tenantId)
                .param("from", from)
                .param("toExclusive", to.plusDays(1))
                .query((rs, row) -> Map.entry(
                        rs.getDate("day").toLocalDate(),
                        List.of(
                                rs.getLong("im"),
                                rs.getLong("audio"),
                                rs.getLong("video"),
                                rs.getLong("app"),
                                rs.getLong("ft"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<LocalDate, List<Long>> minutes = jdbc
                .sql("""
                SELECT DATE(s.start_time) AS day,
                       FLOOR((SUM(IF(m.media_type_id = 5, m.duration_ms, 0)) + 30000) / 60000) AS audio_min,
                       FLOOR((SUM(IF(m.media_type_id = 6, m.duration_ms, 0)) + 30000) / 60000) AS video_min
                FROM comm_session s JOIN session_media m ON m.session_id = s.id
                WHERE s.tenant_id = :t AND s.conference_url IS NULL AND s.start_time >= :from AND s.start_time < :toExclusive
                GROUP BY DATE(s.start_time)
                """)
                .param("t", tenantId)
                .param("from", from)
                .param("toExclusive", to.plusDays(1))
                .query((rs, row) -> Map.entry(
                        rs.getDate("day").toLocalDate(), List.of(rs.getLong("audio_min"), rs.getLong("video_min"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return minutes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            List<Long> row = new java.util.ArrayList<>(users.getOrDefault(e.getKey(), List.of(0L, 0L, 0L, 0L, 0L)));
            row.addAll(e.getValue());
            return row;
        }));
    }
}
