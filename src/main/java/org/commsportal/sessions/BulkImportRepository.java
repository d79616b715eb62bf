package org.commsportal.sessions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's bulk import state (bulk_import_state) and the set-based rebuild of its daily rollups for a range of
 * days, with the definitions that {@link RollupCheckRepository} recomputes (docs/ingest.md, "Bulk imports").
 */
@Repository
class BulkImportRepository {

    /**
     * A bulk import's row: when it started, the UTC start days of the sessions it stored or replaced so far, if any,
     * and the last UTC day one of them is in progress on (null in a row of an import killed before this was kept).
     */
    record State(
            Instant startedAt,
            @Nullable LocalDate firstDay,
            @Nullable LocalDate lastDay,
            @Nullable LocalDate lastDayInProgress) {}

    /**
     * Per session of [from, until) that the tenant keeps: its UTC day, whether peer-to-peer, its media flags and its
     * audio and video durations. The media rows are found in the sessions' partitions by the range of their start
     * (docs/architecture.md, "Partitioned raw rows"); the index is forced because, to group by id, the optimizer
     * would rather scan every tenant's sessions in primary key order.
     */
    private static final String SESSIONS = """
            SELECT s.id, s.from_user_id, s.to_user_id, DATE(s.start_time) AS day, s.conference_url IS NULL AS p2p,
                   s.media_mask & 1 > 0 AS im, s.media_mask & 16 > 0 AS audio, s.media_mask & 32 > 0 AS video,
                   s.media_mask & 8 > 0 AS app_sharing, s.media_mask & 2 > 0 AS file_transfer,
                   COALESCE(SUM(IF(m.media_type_id = 5, m.duration_ms, 0)), 0) AS audio_ms,
                   COALESCE(SUM(IF(m.media_type_id = 6, m.duration_ms, 0)), 0) AS video_ms
            FROM comm_session s FORCE INDEX (ix_comm_session_tenant_start)
            LEFT JOIN session_media m ON m.session_id = s.id AND m.session_start = s.start_time
                AND m.session_start >= :from AND m.session_start < :until
            WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :until
              AND s.start_time >= COALESCE(
                  (SELECT kept_from FROM user_period_state WHERE tenant_id = :tenantId), '1000-01-01')
            GROUP BY s.id""";

    private static final String COUNTS = """
            SUM(x.p2p AND x.im), SUM(x.p2p AND x.audio), SUM(x.p2p AND x.video), SUM(x.p2p AND x.app_sharing),
            SUM(x.p2p AND x.file_transfer), SUM(IF(x.p2p, x.audio_ms, 0)), SUM(IF(x.p2p, x.video_ms, 0)),
            SUM(NOT x.p2p)""";

    private static final String NAMED_COUNTS = """
            SUM(x.p2p AND x.im) AS im, SUM(x.p2p AND x.audio) AS audio, SUM(x.p2p AND x.video) AS video,
            SUM(x.p2p AND x.app_sharing) AS app_sharing, SUM(x.p2p AND x.file_transfer) AS file_transfer,
            SUM(IF(x.p2p, x.audio_ms, 0)) AS audio_ms, SUM(IF(x.p2p, x.video_ms, 0)) AS video_ms,
            SUM(NOT x.p2p) AS conferences""";

    private static final String COLUMNS = """
            p2p_im, p2p_audio, p2p_video, p2p_app_sharing, p2p_file_transfer, p2p_audio_ms, p2p_video_ms,
            conference_sessions""";

    private final JdbcClient jdbc;

    BulkImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<State> state(long tenantId) {
        return jdbc.sql("""
                SELECT started_at, first_day, last_day, last_day_in_progress FROM bulk_import_state WHERE tenant_id = :t
                """)
                .param("t", tenantId)
                .query((rs, row) -> new State(
                        UtcDateTime.fromColumn(rs.getObject("started_at", LocalDateTime.class)),
                        rs.getObject("first_day", LocalDate.class),
                        rs.getObject("last_day", LocalDate.class),
                        rs.getObject("last_day_in_progress", LocalDate.class)))
                .optional();
    }

    /** Marks a bulk import as started; the days of one that was killed before it finished stay, to be rebuilt. */
    void start(long tenantId, Instant now) {
        jdbc.sql("""
                INSERT INTO bulk_import_state (tenant_id, started_at) VALUES (:t, :now)
                ON DUPLICATE KEY UPDATE started_at = VALUES(started_at)
                """)
                .param("t", tenantId)
                .param("now", UtcDateTime.toColumn(now))
                .update();
    }

    /**
     * Widens the days to rebuild by sessions starting on [first, last] and in progress until {@code lastInProgress};
     * a write without a started import starts one. A row whose first day was set without a last day in progress
     * (an import killed before that was kept) keeps none: its active users are rebuilt whole.
     */
    void addDays(long tenantId, LocalDate first, LocalDate last, LocalDate lastInProgress, Instant now) {
        jdbc.sql("""
                INSERT INTO bulk_import_state (tenant_id, started_at, first_day, last_day, last_day_in_progress)
                VALUES (:t, :now, :f, :l, :p)
                ON DUPLICATE KEY UPDATE
                    last_day_in_progress = IF(first_day IS NOT NULL AND last_day_in_progress IS NULL, NULL,
                        GREATEST(COALESCE(last_day_in_progress, VALUES(last_day_in_progress)),
                            VALUES(last_day_in_progress))),
                    first_day = LEAST(COALESCE(first_day, VALUES(first_day)), VALUES(first_day)),
                    last_day = GREATEST(COALESCE(last_day, VALUES(last_day)), VALUES(last_day))
                """)
                .param("t", tenantId)
                .param("now", UtcDateTime.toColumn(now))
                .param("f", first)
                .param("l", last)
                .param("p", lastInProgress)
                .update();
    }

    void finish(long tenantId) {
        jdbc.sql("DELETE FROM bulk_import_state WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }

    /**
     * Replaces the tenant's user and tenant daily rollups of the UTC days [from, until) by a recomputation from the
     * raw sessions that start on them; the distinct users per day are counted from the user rows just written.
     */
    void rebuildRollups(long tenantId, LocalDate from, LocalDate until) {
        for (String table : java.util.List.of("user_daily_rollup", "tenant_daily_rollup")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day >= :from AND day < :until")
                    .param("tenantId", tenantId)
                    .param("from", from)
                    .param("until", until)
                    .update();
        }
        // each session once per party that counts for a licensed user; a session with oneself counts once
        jdbc.sql("INSERT INTO user_daily_rollup (tenant_id, user_id, day, " + COLUMNS + ")\n"
                        + "SELECT :tenantId, x.user_id, x.day, " + COUNTS + "\nFROM (SELECT y.*, IF(side.n = 1,"
                        + " y.from_user_id, y.to_user_id) AS user_id FROM (" + SESSIONS + ") y"
                        + " JOIN (SELECT 1 AS n UNION ALL SELECT 2) side ON (side.n = 1 AND y.from_user_id IS NOT NULL)"
                        + " OR (side.n = 2 AND y.to_user_id IS NOT NULL"
                        + " AND (y.from_user_id IS NULL OR y.to_user_id <> y.from_user_id))) x\n"
                        + "GROUP BY x.user_id, x.day")
                .param("tenantId", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .update();
        // index: user_daily_rollup's primary key (tenant_id, day, user_id)
        jdbc.sql("INSERT INTO tenant_daily_rollup (tenant_id, day, " + COLUMNS
                        + ", users_im, users_audio, users_video, users_app_sharing, users_file_transfer)\n"
                        + "SELECT :tenantId, d.day, d.im, d.audio, d.video, d.app_sharing, d.file_transfer, d.audio_ms,"
                        + " d.video_ms, d.conferences, COALESCE(u.im, 0), COALESCE(u.audio, 0), COALESCE(u.video, 0),"
                        + " COALESCE(u.app_sharing, 0), COALESCE(u.file_transfer, 0)\n"
                        + "FROM (SELECT x.day, " + NAMED_COUNTS + " FROM (" + SESSIONS + ") x GROUP BY x.day) d\n"
                        + "LEFT JOIN (SELECT day, SUM(p2p_im > 0) AS im, SUM(p2p_audio > 0) AS audio,"
                        + " SUM(p2p_video > 0) AS video, SUM(p2p_app_sharing > 0) AS app_sharing,"
                        + " SUM(p2p_file_transfer > 0) AS file_transfer FROM user_daily_rollup"
                        + " WHERE tenant_id = :tenantId AND day >= :fromDay AND day < :untilDay GROUP BY day) u"
                        + " ON u.day = d.day")
                .param("tenantId", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .param("fromDay", from)
                .param("untilDay", until)
                .update();
    }
}
