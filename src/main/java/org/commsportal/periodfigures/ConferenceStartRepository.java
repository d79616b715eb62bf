package org.commsportal.periodfigures;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.commsportal.common.AddingUpsert;
import org.commsportal.common.Chunks;
import org.commsportal.sessions.ConferenceKey;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the conferences' starts (changeset 043, docs/reporting-web-service.md, "The sibling reports"): each
 * conference's extent ({@code conference_extent}, derived from its quarter-hour rows of changeset 023) and the
 * additive counts of the conferences per quarter-hour of their first session ({@code conference_start_figure}).
 */
@Repository
class ConferenceStartRepository {

    /** The first slot of an extent row inserted only to be locked: a conference not counted yet; never committed. */
    private static final long UNCOUNTED = -1;

    /** The flags of an extent, in the order {@link Extent} has them and conference_start_figure counts them. */
    private static final List<String> FLAGS = List.of("av", "im", "app_sharing", "web", "telephone");

    private static final List<String> COUNTERS = List.of(
            "conferences",
            "av_conferences",
            "im_conferences",
            "app_sharing_conferences",
            "web_conferences",
            "telephony_conferences");

    /** Conferences' extents from their quarter-hour rows {@code f}: the twin of changeset 043's first values. */
    private static final String EXTENT_OF_SLOTS = """
            MIN(f.slot) AS first_slot, MAX(f.slot) AS last_slot, MAX(f.audio_video_sessions > 0) AS av,
            MAX(f.im_sessions > 0) AS im, MAX(f.app_sharing_sessions > 0) AS app_sharing,
            MAX(f.web_sessions > 0) AS web, MAX(f.telephone_sessions > 0) AS telephone
            """;

    /**
     * The organized conferences' extents recomputed from the raw sessions, for the check: the conferences of kind 1
     * rows (changeset 023: a conference session whose To party is a licensed user) of the kept days.
     */
    private static final String RECOMPUTED_EXTENTS = """
            SELECT c.conference_key, MIN(c.slot) AS first_slot, MAX(c.slot) AS last_slot,
                   MAX(c.media_mask & 48 <> 0) AS av, MAX(c.media_mask & 1 <> 0) AS im,
                   MAX(c.media_mask & 8 <> 0) AS app_sharing, MAX(c.web_conferencing <=> TRUE) AS web,
                   MAX(c.telephone) AS telephone
            FROM (
                SELECT {CONFERENCE_KEY}
                           AS conference_key,
                       TIMESTAMPDIFF(SECOND, '1970-01-01', s.start_time) DIV 900 AS slot,
                       s.media_mask, s.web_conferencing,
                       (s.dial_direction IS NOT NULL OR s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL) AS telephone
                FROM comm_session s
                WHERE s.tenant_id = :tenantId AND s.conference_url IS NOT NULL AND s.to_user_id IS NOT NULL
                  AND s.start_time >= COALESCE(
                      (SELECT kept_from FROM user_period_state WHERE tenant_id = :tenantId), '1000-01-01')
            ) c
            GROUP BY c.conference_key
            """.replace("{CONFERENCE_KEY}", ConferenceKey.OF_SESSION_S);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ConferenceStartRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** A conference's extent: its first and last quarter-hour and whether any session had each medium. */
    record Extent(
            long firstSlot, long lastSlot, boolean av, boolean im, boolean appSharing, boolean web, boolean telephone) {

        /** Its contribution to the counts of its first quarter-hour, times the sign. */
        long[] counts(int sign) {
            return new long[] {
                sign, flag(av, sign), flag(im, sign), flag(appSharing, sign), flag(web, sign), flag(telephone, sign)
            };
        }

        private static long flag(boolean flag, int sign) {
            return flag ? sign : 0;
        }

        static Extent of(ResultSet rs) throws SQLException {
            return new Extent(
                    rs.getLong("first_slot"),
                    rs.getLong("last_slot"),
                    rs.getBoolean("av"),
                    rs.getBoolean("im"),
                    rs.getBoolean("app_sharing"),
                    rs.getBoolean("web"),
                    rs.getBoolean("telephone"));
        }
    }

    /**
     * Recomputes the conferences' extents from their quarter-hour rows as they are now and moves their counts in
     * conference_start_figure accordingly; an extent whose conference has no rows left is deleted. The keys must be
     * distinct and in unsigned byte order. Lock order, so that concurrent writers queue instead of deadlocking: every
     * extent row in key order first (a second write of one conference waits here until the first commits, and then
     * reads its rows, read committed), then the start rows in quarter-hour order.
     */
    void recount(long tenantId, SlotKind kind, List<byte[]> conferenceKeys) {
        if (conferenceKeys.isEmpty()) {
            return;
        }
        for (List<byte[]> chunk : Chunks.of(conferenceKeys)) {
            lock(tenantId, kind, chunk);
        }
        Map<ByteBuffer, Extent> before = new HashMap<>();
        Map<ByteBuffer, Extent> after = new HashMap<>();
        for (List<byte[]> chunk : Chunks.of(conferenceKeys)) {
            jdbc.sql("""
                    SELECT conference_key, first_slot, last_slot, av, im, app_sharing, web, telephone
                    FROM conference_extent
                    WHERE tenant_id = :tenantId AND kind = :kind AND conference_key IN (:keys)
                    """)
                    .param("tenantId", tenantId)
                    .param("kind", kind.code())
                    .param("keys", chunk)
                    .query(rs -> {
                        if (rs.getLong("first_slot") != UNCOUNTED) {
                            before.put(ByteBuffer.wrap(rs.getBytes("conference_key")), Extent.of(rs));
                        }
                    });
            jdbc.sql("SELECT f.conference_key, " + EXTENT_OF_SLOTS + """
                    FROM session_slot_figure f
                    WHERE f.tenant_id = :tenantId AND f.kind = :kind AND f.conference_key IN (:keys)
                    GROUP BY f.conference_key
                    """)
                    .param("tenantId", tenantId)
                    .param("kind", kind.code())
                    .param("keys", chunk)
                    .query(rs -> {
                        after.put(ByteBuffer.wrap(rs.getBytes("conference_key")), Extent.of(rs));
                    });
        }
        SortedMap<Long, long[]> starts = new TreeMap<>();
        List<Object[]> changed = new ArrayList<>();
        List<Object[]> gone = new ArrayList<>();
        for (byte[] key : conferenceKeys) {
            @Nullable Extent old = before.get(ByteBuffer.wrap(key));
            @Nullable Extent now = after.get(ByteBuffer.wrap(key));
            if (old != null && old.equals(now)) {
                continue;
            }
            if (old != null) {
                starts.merge(old.firstSlot(), old.counts(-1), ConferenceStartRepository::plus);
            }
            if (now == null) {
                gone.add(new Object[] {tenantId, kind.code(), key});
            } else {
                starts.merge(now.firstSlot(), now.counts(+1), ConferenceStartRepository::plus);
                changed.add(new Object[] {
                    now.firstSlot(),
                    now.lastSlot(),
                    now.av(),
                    now.im(),
                    now.appSharing(),
                    now.web(),
                    now.telephone(),
                    tenantId,
                    kind.code(),
                    key
                });
            }
        }
        addStarts(tenantId, kind, starts);
        for (List<Object[]> chunk : Chunks.of(changed)) {
            batch.batchUpdate("""
                    UPDATE conference_extent
                    SET first_slot = ?, last_slot = ?, av = ?, im = ?, app_sharing = ?, web = ?, telephone = ?
                    WHERE tenant_id = ? AND kind = ? AND conference_key = ?
                    """, chunk);
        }
        for (List<Object[]> chunk : Chunks.of(gone)) {
            batch.batchUpdate(
                    "DELETE FROM conference_extent WHERE tenant_id = ? AND kind = ? AND conference_key = ?", chunk);
        }
    }

    /**
     * Locks the conferences' extent rows, in key order, inserting an uncounted one where there is none: an insert
     * that meets an existing row takes its exclusive lock at once (a shared lock upgraded later could deadlock).
     */
    private void lock(long tenantId, SlotKind kind, List<byte[]> chunk) {
        List<Object> args = new ArrayList<>(chunk.size() * 3);
        List<String> values = new ArrayList<>(chunk.size());
        for (byte[] key : chunk) {
            values.add("(?, ?, ?, " + UNCOUNTED + ", " + UNCOUNTED + ", FALSE, FALSE, FALSE, FALSE, FALSE)");
            args.add(tenantId);
            args.add(kind.code());
            args.add(key);
        }
        batch.update(
                "INSERT INTO conference_extent (tenant_id, kind, conference_key, first_slot, last_slot, "
                        + String.join(", ", FLAGS) + ") VALUES " + String.join(", ", values)
                        + " ON DUPLICATE KEY UPDATE first_slot = first_slot",
                args.toArray());
    }

    /** Adds the differences to the start rows, in quarter-hour order, and deletes the rows brought to nothing. */
    private void addStarts(long tenantId, SlotKind kind, SortedMap<Long, long[]> starts) {
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> emptied = new ArrayList<>();
        starts.forEach((slot, counts) -> {
            if (java.util.Arrays.stream(counts).allMatch(c -> c == 0)) {
                return;
            }
            Object[] row = new Object[3 + counts.length];
            row[0] = tenantId;
            row[1] = kind.code();
            row[2] = slot;
            for (int i = 0; i < counts.length; i++) {
                row[3 + i] = counts[i];
            }
            rows.add(row);
            if (counts[0] < 0) {
                emptied.add(new Object[] {tenantId, kind.code(), slot});
            }
        });
        String insert = AddingUpsert.sql("conference_start_figure", List.of("tenant_id", "kind", "slot"), COUNTERS);
        for (List<Object[]> chunk : Chunks.of(rows)) {
            batch.batchUpdate(insert, chunk);
        }
        for (List<Object[]> chunk : Chunks.of(emptied)) {
            batch.batchUpdate("""
                    DELETE FROM conference_start_figure
                    WHERE tenant_id = ? AND kind = ? AND slot = ? AND conferences <= 0
                    """, chunk);
        }
    }

    private static long[] plus(long[] a, long[] b) {
        long[] sum = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sum[i] = a[i] + b[i];
        }
        return sum;
    }

    /**
     * Retention, after the quarter-hour rows before the cut were deleted: a conference that started before the cut
     * and goes on after it is recounted from its remaining rows (it now starts at its first kept session, as a
     * recomputation from the kept sessions has it); the others that started before the cut are forgotten.
     */
    void forgetBefore(long tenantId, long cutSlot) {
        for (SlotKind kind : SlotKind.values()) {
            List<byte[]> spanning = jdbc.sql("""
                    SELECT conference_key FROM conference_extent
                    WHERE tenant_id = :tenantId AND kind = :kind AND first_slot < :cut AND last_slot >= :cut
                    ORDER BY conference_key
                    """)
                    .param("tenantId", tenantId)
                    .param("kind", kind.code())
                    .param("cut", cutSlot)
                    .query((rs, row) -> rs.getBytes(1))
                    .list();
            recount(tenantId, kind, spanning);
        }
        jdbc.sql("DELETE FROM conference_extent WHERE tenant_id = :tenantId AND first_slot < :cut")
                .param("tenantId", tenantId)
                .param("cut", cutSlot)
                .update();
        jdbc.sql("DELETE FROM conference_start_figure WHERE tenant_id = :tenantId AND slot < :cut")
                .param("tenantId", tenantId)
                .param("cut", cutSlot)
                .update();
    }

    /** Replaces the tenant's rows by a recomputation from its quarter-hour rows (rebuilt just before). */
    void rebuild(long tenantId) {
        for (String table : List.of("conference_start_figure", "conference_extent")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId")
                    .param("tenantId", tenantId)
                    .update();
        }
        jdbc.sql("INSERT INTO conference_extent (tenant_id, kind, conference_key, first_slot, last_slot, "
                        + String.join(", ", FLAGS) + ") SELECT f.tenant_id, f.kind, f.conference_key, "
                        + EXTENT_OF_SLOTS + """
                        FROM session_slot_figure f
                        WHERE f.tenant_id = :tenantId AND f.kind = :kind
                        GROUP BY f.tenant_id, f.kind, f.conference_key
                        """)
                .param("tenantId", tenantId)
                .param("kind", SlotKind.ORGANIZED.code())
                .update();
        jdbc.sql("INSERT INTO conference_start_figure (tenant_id, kind, slot, " + String.join(", ", COUNTERS) + """
                        )
                        SELECT tenant_id, kind, first_slot, COUNT(*), SUM(av), SUM(im), SUM(app_sharing), SUM(web),
                               SUM(telephone)
                        FROM conference_extent
                        WHERE tenant_id = :tenantId
                        GROUP BY tenant_id, kind, first_slot
                        """)
                .param("tenantId", tenantId)
                .update();
    }

    /** The extents and start rows that differ from a recomputation from the raw sessions, described, at most limit. */
    List<String> differences(long tenantId, int limit) {
        String extentColumns = "first_slot, last_slot, " + String.join(", ", FLAGS);
        String extents = """
                SELECT 'stored' AS side, HEX(a.conference_key) AS row_key, %2$s AS figures
                FROM conference_extent a LEFT JOIN (%1$s) r ON r.conference_key = a.conference_key
                WHERE a.tenant_id = :tenantId AND a.kind = :kind AND (r.conference_key IS NULL OR %3$s <> %2$s)
                UNION ALL
                SELECT 'recomputed', HEX(r.conference_key), %3$s
                FROM (%1$s) r LEFT JOIN conference_extent a
                  ON a.tenant_id = :tenantId AND a.kind = :kind AND a.conference_key = r.conference_key
                WHERE a.conference_key IS NULL OR %3$s <> %2$s
                LIMIT :limit
                """.formatted(RECOMPUTED_EXTENTS, concat("a", extentColumns), concat("r", extentColumns));
        List<String> differences = new ArrayList<>(jdbc.sql(extents)
                .param("tenantId", tenantId)
                .param("kind", SlotKind.ORGANIZED.code())
                .param("limit", limit)
                .query((rs, row) -> "conference_extent " + rs.getString("side") + " conference "
                        + rs.getString("row_key") + ": " + extentColumns + " " + rs.getString("figures"))
                .list());
        if (differences.size() >= limit) {
            return differences;
        }
        String recomputedStarts = """
                SELECT e.first_slot AS slot, COUNT(*) AS conferences, SUM(e.av) AS av_conferences,
                       SUM(e.im) AS im_conferences, SUM(e.app_sharing) AS app_sharing_conferences,
                       SUM(e.web) AS web_conferences, SUM(e.telephone) AS telephony_conferences
                FROM (%s) e
                GROUP BY e.first_slot
                """.formatted(RECOMPUTED_EXTENTS);
        String counters = String.join(", ", COUNTERS);
        String starts = """
                SELECT 'stored' AS side, a.slot, %2$s AS figures
                FROM conference_start_figure a LEFT JOIN (%1$s) r ON r.slot = a.slot
                WHERE a.tenant_id = :tenantId AND a.kind = :kind AND (r.slot IS NULL OR %3$s <> %2$s)
                UNION ALL
                SELECT 'recomputed', r.slot, %3$s
                FROM (%1$s) r LEFT JOIN conference_start_figure a
                  ON a.tenant_id = :tenantId AND a.kind = :kind AND a.slot = r.slot
                WHERE a.slot IS NULL OR %3$s <> %2$s
                LIMIT :limit
                """.formatted(recomputedStarts, concat("a", counters), concat("r", counters));
        differences.addAll(jdbc.sql(starts)
                .param("tenantId", tenantId)
                .param("kind", SlotKind.ORGANIZED.code())
                .param("limit", limit - differences.size())
                .query((rs, row) -> "conference_start_figure " + rs.getString("side") + " quarter-hour "
                        + rs.getLong("slot") + ": " + counters + " " + rs.getString("figures"))
                .list());
        return differences;
    }

    private static String concat(String alias, String columns) {
        List<String> qualified = new ArrayList<>();
        for (String column : columns.split(", ")) {
            qualified.add(alias + "." + column);
        }
        return "CONCAT_WS(' ', " + String.join(", ", qualified) + ")";
    }
}
