package org.commsportal.periodfigures;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.commsportal.common.AddingUpsert;
import org.commsportal.common.Chunks;
import org.commsportal.sessions.ConferenceKey;
import org.commsportal.sessions.SessionWeeks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the quarter-hour figures (changeset 023, docs/reporting-web-service.md) and of their reports. */
@Repository
class SessionSlotRepository {

    /**
     * A recomputation of the tenant's rows from the raw sessions: the SQL twin of {@link SlotRow#forEachRow}, also in
     * changeset 023. Sessions before the tenant's first kept day (retention) are being deleted and count no more.
     */
    private static final String RECOMPUTED = """
            SELECT p.kind, p.slot, p.conference_key, COUNT(*) AS sessions,
                   SUM(p.kind <> 2 AND p.media_mask & 1 <> 0) AS im_sessions,
                   SUM(p.kind = 0 AND p.media_mask & 16 <> 0) AS audio_sessions,
                   SUM(p.kind = 0 AND p.media_mask & 32 <> 0) AS video_sessions,
                   SUM(p.kind IN (1, 3) AND p.media_mask & 48 <> 0) AS audio_video_sessions,
                   SUM(p.kind <> 2 AND p.media_mask & 8 <> 0) AS app_sharing_sessions,
                   SUM(p.kind = 0 AND p.media_mask & 2 <> 0) AS file_transfer_sessions,
                   SUM(p.kind IN (1, 3) AND p.web_conferencing <=> TRUE) AS web_sessions,
                   SUM(p.kind IN (1, 3) AND p.telephone) AS telephone_sessions,
                   SUM(IF(p.kind = 0, p.audio_ms, 0)) AS audio_ms,
                   SUM(IF(p.kind = 0, p.video_ms, 0)) AS video_ms,
                   SUM(IF(p.kind = 2, GREATEST(p.audio_ms, p.video_ms), 0)) AS audio_video_ms,
                   SUM(IF(p.kind IN (1, 3) AND p.telephone, GREATEST(p.audio_ms, p.video_ms), 0)) AS telephone_ms
            FROM (
                -- each session once per kind of row it counts in
                SELECT k.kind, TIMESTAMPDIFF(SECOND, '1970-01-01', s.start_time) DIV 900 AS slot,
                       IF(k.kind = 1,
                          {CONFERENCE_KEY},
                          UNHEX('0000000000000000')) AS conference_key,
                       s.media_mask, s.web_conferencing,
                       (s.dial_direction IS NOT NULL OR s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL) AS telephone,
                       COALESCE(m.audio_ms, 0) AS audio_ms, COALESCE(m.video_ms, 0) AS video_ms
                FROM comm_session s
                JOIN (SELECT 0 AS kind UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) k
                  ON (k.kind = 0 AND s.conference_url IS NULL)
                  OR (k.kind IN (1, 3) AND s.conference_url IS NOT NULL AND s.to_user_id IS NOT NULL)
                  OR (k.kind = 2 AND s.conference_url IS NOT NULL AND s.from_user_id IS NOT NULL)
                LEFT JOIN (
                    SELECT session_id, SUM(IF(media_type_id = 5, duration_ms, 0)) AS audio_ms,
                           SUM(IF(media_type_id = 6, duration_ms, 0)) AS video_ms
                    FROM session_media
                    WHERE tenant_id = :tenantId AND media_type_id IN (5, 6) AND {MEDIA_RANGE}
                    GROUP BY session_id
                ) m ON m.session_id = s.id
                WHERE s.tenant_id = :tenantId AND {RANGE}
                  AND s.start_time >= COALESCE(
                      (SELECT kept_from FROM user_period_state WHERE tenant_id = :tenantId), '1000-01-01')
            ) p
            GROUP BY p.kind, p.slot, p.conference_key
            """.replace("{CONFERENCE_KEY}", ConferenceKey.OF_SESSION_S);

    private static final String RECOMPUTED_ALL =
            RECOMPUTED.replace("{MEDIA_RANGE}", "TRUE").replace("{RANGE}", "TRUE");
    private static final String RECOMPUTED_WEEK = RECOMPUTED
            .replace("{MEDIA_RANGE}", "session_start >= :from AND session_start < :until")
            .replace("{RANGE}", "s.start_time >= :from AND s.start_time < :until");

    /** The counters of a row, in the order {@link SlotRow.Counts} has them. */
    private static final List<String> COUNTERS = List.of(
            "sessions",
            "im_sessions",
            "audio_sessions",
            "video_sessions",
            "audio_video_sessions",
            "app_sharing_sessions",
            "file_transfer_sessions",
            "web_sessions",
            "telephone_sessions",
            "audio_ms",
            "video_ms",
            "audio_video_ms",
            "telephone_ms");

    /** Inserts the recomputed rows of the sessions that start in [:from, :until). */
    private static final String INSERT_RECOMPUTED_WEEK = "INSERT INTO session_slot_figure (tenant_id, kind, slot, "
            + "conference_key, " + String.join(", ", COUNTERS)
            + ") SELECT :tenantId, r.kind, r.slot, r.conference_key, "
            + String.join(", ", COUNTERS.stream().map(c -> "r." + c).toList()) + " FROM (" + RECOMPUTED_WEEK + ") r";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final SessionWeeks sessionWeeks;

    SessionSlotRepository(JdbcClient jdbc, JdbcTemplate batch, SessionWeeks sessionWeeks) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.sessionWeeks = sessionWeeks;
    }

    /** Adds the changes to the rows, in key order, and deletes the rows they bring to no session. */
    void add(long tenantId, SortedMap<SlotRow, SlotRow.Counts> changes) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<Object[]> emptied = new ArrayList<>();
        changes.forEach((key, counts) -> {
            if (counts.equals(SlotRow.Counts.ZERO)) {
                return;
            }
            Object[] values = counts.values();
            Object[] row = new Object[4 + values.length];
            row[0] = tenantId;
            row[1] = key.kind().code();
            row[2] = key.slot();
            row[3] = key.conferenceKey();
            System.arraycopy(values, 0, row, 4, values.length);
            rows.add(row);
            if (counts.sessions() < 0) {
                emptied.add(new Object[] {tenantId, key.kind().code(), key.slot(), key.conferenceKey()});
            }
        });
        String insert = AddingUpsert.sql(
                "session_slot_figure", List.of("tenant_id", "kind", "slot", "conference_key"), COUNTERS);
        for (List<Object[]> chunk : Chunks.of(rows)) {
            batch.batchUpdate(insert, chunk);
        }
        for (List<Object[]> chunk : Chunks.of(emptied)) {
            batch.batchUpdate("""
                    DELETE FROM session_slot_figure
                    WHERE tenant_id = ? AND kind = ? AND slot = ? AND conference_key = ? AND sessions <= 0
                    """, chunk);
        }
    }

    /** Retention: forgets the quarter-hours before the UTC day. */
    void deleteBefore(long tenantId, LocalDate day) {
        jdbc.sql("DELETE FROM session_slot_figure WHERE tenant_id = :tenantId AND slot < :slot")
                .param("tenantId", tenantId)
                .param("slot", firstSlotOf(day))
                .update();
    }

    /** Replaces the tenant's rows by the recomputation from the raw sessions, a week of sessions at a time. */
    void rebuild(long tenantId) {
        jdbc.sql("DELETE FROM session_slot_figure WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
        sessionWeeks.forEach(
                tenantId,
                (from, until) -> jdbc.sql(INSERT_RECOMPUTED_WEEK)
                        .param("tenantId", tenantId)
                        .param("from", from)
                        .param("until", until)
                        .update());
    }

    /**
     * Replaces the rows of the quarter-hours of the UTC days [from, until) by the recomputation from the sessions
     * that start on them (a session counts in the quarter-hour it starts in, so no other day's rows change).
     */
    void rebuildDays(long tenantId, LocalDate from, LocalDate until) {
        jdbc.sql("""
                DELETE FROM session_slot_figure
                WHERE tenant_id = :tenantId AND kind IN (0, 1, 2, 3) AND slot >= :fromSlot AND slot < :untilSlot
                """)
                .param("tenantId", tenantId)
                .param("fromSlot", firstSlotOf(from))
                .param("untilSlot", firstSlotOf(until))
                .update();
        jdbc.sql(INSERT_RECOMPUTED_WEEK)
                .param("tenantId", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .update();
    }

    /** The organized conferences with rows in the quarter-hours of the UTC days [from, until), in key order. */
    List<byte[]> organizedConferences(long tenantId, LocalDate from, LocalDate until) {
        return jdbc.sql("""
                SELECT DISTINCT conference_key FROM session_slot_figure
                WHERE tenant_id = :tenantId AND kind = :kind AND slot >= :fromSlot AND slot < :untilSlot
                ORDER BY conference_key
                """)
                .param("tenantId", tenantId)
                .param("kind", SlotKind.ORGANIZED.code())
                .param("fromSlot", firstSlotOf(from))
                .param("untilSlot", firstSlotOf(until))
                .query((rs, row) -> rs.getBytes(1))
                .list();
    }

    /** The rows that differ from a recomputation from the raw sessions, described, at most limit. */
    List<String> differences(long tenantId, int limit) {
        String compared = """
                SELECT 'stored' AS side, a.kind, a.slot, HEX(a.conference_key) AS conference, %2$s AS counts
                FROM session_slot_figure a LEFT JOIN (%1$s) r
                  ON r.kind = a.kind AND r.slot = a.slot AND r.conference_key = a.conference_key
                WHERE a.tenant_id = :tenantId AND (r.slot IS NULL OR %3$s <> %2$s)
                UNION ALL
                SELECT 'recomputed', r.kind, r.slot, HEX(r.conference_key), %3$s
                FROM (%1$s) r LEFT JOIN session_slot_figure a
                  ON a.tenant_id = :tenantId AND a.kind = r.kind AND a.slot = r.slot
                 AND a.conference_key = r.conference_key
                WHERE a.slot IS NULL OR %3$s <> %2$s
                LIMIT :limit
                """.formatted(RECOMPUTED_ALL, counters("a"), counters("r"));
        return jdbc.sql(compared)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "session_slot_figure " + rs.getString("side") + " kind "
                        + SlotKind.values()[rs.getInt("kind")] + " quarter-hour " + rs.getLong("slot")
                        + " conference " + rs.getString("conference") + ": " + String.join(", ", COUNTERS) + " "
                        + rs.getString("counts"))
                .list();
    }

    private static String counters(String alias) {
        return "CONCAT_WS(' ', "
                + String.join(", ", COUNTERS.stream().map(c -> alias + "." + c).toList()) + ")";
    }

    /** A period to sum: its index and its quarter-hours [fromSlot, toSlot). */
    record SlotRange(long id, long fromSlot, long toSlot) {}

    /**
     * The set's figures of each period, by period index, for contiguous periods in order: one range scan of the
     * primary key of the set's table (session_slot_figure, or conference_start_figure for the conferences) over all
     * of them, each row assigned to its period by {@code INTERVAL()} (a binary search over the
     * periods' bounds, all bound parameters), then grouped. Periods without rows are absent.
     */
    Map<Long, Map<FigureSet.Figure, Long>> figures(long tenantId, FigureSet set, List<SlotRange> periods) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < set.figures().size(); i++) {
            columns.add(set.figures().get(i).aggregate() + " AS f" + i);
        }
        Map<String, Object> bounds = new HashMap<>();
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            if (i > 0 && periods.get(i).fromSlot() != periods.get(i - 1).toSlot()) {
                throw new IllegalArgumentException("The periods are not contiguous at " + periods.get(i));
            }
            bounds.put("b" + i, periods.get(i).fromSlot());
            placeholders.add(":b" + i);
        }
        bounds.put("b" + periods.size(), periods.get(periods.size() - 1).toSlot());
        placeholders.add(":b" + periods.size());
        String sql =
                """
                SELECT INTERVAL(r.slot, %s) AS period, %s
                FROM %s r
                WHERE r.tenant_id = :tenantId AND r.kind = :kind AND r.slot >= :b0 AND r.slot < :b%d
                GROUP BY period
                """.formatted(String.join(", ", placeholders), String.join(", ", columns), set.table(), periods.size());
        Map<Long, Map<FigureSet.Figure, Long>> result = new HashMap<>();
        jdbc.sql(sql)
                .params(bounds)
                .param("tenantId", tenantId)
                .param("kind", set.kind().code())
                .query(rs -> {
                    Map<FigureSet.Figure, Long> figures = new HashMap<>();
                    for (int i = 0; i < set.figures().size(); i++) {
                        figures.put(set.figures().get(i), rs.getLong("f" + i));
                    }
                    // INTERVAL() is 1 for the first period: its bound b0 is the first one not above the slot
                    result.put(periods.get(rs.getInt("period") - 1).id(), figures);
                });
        return result;
    }

    static long firstSlotOf(LocalDate day) {
        return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) / SlotRow.SLOT_SECONDS;
    }
}
