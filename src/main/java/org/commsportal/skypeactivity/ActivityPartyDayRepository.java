package org.commsportal.skypeactivity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.commsportal.common.AddingUpsert;
import org.commsportal.common.Chunks;
import org.commsportal.common.DeletionOrder;
import org.commsportal.common.SqlLike;
import org.commsportal.common.UserNameOrder;
import org.commsportal.export.StreamingJdbc;
import org.commsportal.sessions.ConferenceKey;
import org.commsportal.sessions.SessionWeeks;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the activity read model (changeset 016, docs/skype-for-business-activity.md). */
@Repository
class ActivityPartyDayRepository {

    /**
     * A recomputation of the tenant's rows from the raw sessions: the SQL twin of {@link PartyDay#forEachRow}, also
     * in changeset 016. Sessions before the tenant's first kept day (retention) are being deleted and count no more.
     */
    private static final String RECOMPUTED = """
            SELECT p.user_id, p.day, p.kind, p.conference_key, COUNT(*) AS sessions,
                   SUM(p.media_mask & 1 <> 0) AS im_sessions, SUM(p.media_mask & 48 <> 0) AS audio_video_sessions,
                   SUM(p.media_mask & 8 <> 0) AS app_sharing_sessions, SUM(p.av_ms) AS audio_video_ms,
                   SUM(p.kind <> 0 AND p.web_conferencing <=> TRUE) AS web_sessions,
                   SUM(p.kind <> 0 AND p.web_conferencing IS NOT NULL) AS web_stated_sessions,
                   SUM(p.kind <> 0 AND (p.dial_direction IS NOT NULL OR p.from_tel IS NOT NULL
                                        OR p.to_tel IS NOT NULL)) AS telephone_sessions,
                   SUM(p.kind <> 0 AND p.conferencing_provider <=> 1) AS dial_microsoft_sessions,
                   SUM(p.kind <> 0 AND p.conferencing_provider <=> 2) AS dial_third_party_sessions,
                   SUM(IF(p.kind <> 0 AND p.conferencing_provider <=> 1 AND p.dial_direction <=> 1, p.av_ms, 0))
                       AS dial_in_microsoft_ms,
                   SUM(IF(p.kind <> 0 AND p.conferencing_provider <=> 1 AND p.dial_direction <=> 2, p.av_ms, 0))
                       AS dial_out_microsoft_ms
            FROM (
                -- each session once, then once per part it counts in: its From party (0), its To party (1), and
                -- the tenant (2) for a peer-to-peer session
                SELECT CASE k.part WHEN 0 THEN s.from_user_id WHEN 1 THEN s.to_user_id ELSE 0 END AS user_id,
                       DATE(s.start_time) AS day,
                       IF(s.conference_url IS NULL, 0, IF(k.part = 0, 2, 1)) AS kind,
                       IF(s.conference_url IS NULL, UNHEX('0000000000000000'),
                          {CONFERENCE_KEY}) AS conference_key,
                       s.media_mask, s.web_conferencing, s.dial_direction, s.conferencing_provider, s.from_tel,
                       s.to_tel, COALESCE(m.av_ms, 0) AS av_ms
                FROM comm_session s
                JOIN (SELECT 0 AS part UNION ALL SELECT 1 UNION ALL SELECT 2) k
                  ON (k.part = 0 AND s.from_user_id IS NOT NULL)
                  OR (k.part = 1 AND s.to_user_id IS NOT NULL
                      AND NOT (s.conference_url IS NULL AND s.to_user_id <=> s.from_user_id))
                  OR (k.part = 2 AND s.conference_url IS NULL)
                LEFT JOIN (
                    SELECT session_id, MAX(duration_ms) AS av_ms FROM session_media
                    WHERE tenant_id = :tenantId AND media_type_id IN (5, 6) AND {MEDIA_RANGE}
                    GROUP BY session_id
                ) m ON m.session_id = s.id
                WHERE s.tenant_id = :tenantId AND {RANGE}
                  AND s.start_time >= COALESCE(
                      (SELECT kept_from FROM user_period_state WHERE tenant_id = :tenantId), '1000-01-01')
            ) p
            GROUP BY p.user_id, p.kind, p.day, p.conference_key
            """.replace("{CONFERENCE_KEY}", ConferenceKey.OF_SESSION_S);

    /** The recomputation of every day. */
    private static final String RECOMPUTED_ALL =
            RECOMPUTED.replace("{MEDIA_RANGE}", "TRUE").replace("{RANGE}", "TRUE");

    /** The recomputation of the days whose sessions start in [:from, :until). */
    private static final String RECOMPUTED_DAYS = RECOMPUTED
            .replace("{MEDIA_RANGE}", "session_start >= :from AND session_start < :until")
            .replace("{RANGE}", "s.start_time >= :from AND s.start_time < :until");

    /** The counters of a row, in the order {@link PartyDay.Counts} has them. */
    private static final List<String> COUNTERS = List.of(
            "sessions",
            "im_sessions",
            "audio_video_sessions",
            "app_sharing_sessions",
            "audio_video_ms",
            "web_sessions",
            "web_stated_sessions",
            "telephone_sessions",
            "dial_microsoft_sessions",
            "dial_third_party_sessions",
            "dial_in_microsoft_ms",
            "dial_out_microsoft_ms");

    /** Inserts {@link #RECOMPUTED_DAYS}. */
    private static final String INSERT_DAYS = "INSERT INTO activity_party_day (tenant_id, user_id, day, kind,"
            + " conference_key, " + String.join(", ", COUNTERS) + ") SELECT :tenantId, r.user_id, r.day, r.kind,"
            + " r.conference_key, "
            + String.join(", ", COUNTERS.stream().map(c -> "r." + c).toList()) + " FROM ("
            + RECOMPUTED_DAYS + ") r";

    private final JdbcClient jdbc;
    private final SessionWeeks sessionWeeks;
    private final JdbcTemplate batch;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate streaming;

    ActivityPartyDayRepository(
            JdbcClient jdbc, JdbcTemplate batch, StreamingJdbc streaming, SessionWeeks sessionWeeks) {
        this.sessionWeeks = sessionWeeks;
        this.jdbc = jdbc;
        this.batch = batch;
        this.streaming = streaming.template();
    }

    /** Adds the changes to the rows, in key order, and deletes the rows they bring to no session. */
    void add(long tenantId, SortedMap<PartyDay, PartyDay.Counts> changes) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<Object[]> emptied = new ArrayList<>();
        changes.forEach((key, counts) -> {
            if (counts.equals(PartyDay.Counts.ZERO)) {
                return;
            }
            rows.add(new Object[] {
                tenantId,
                key.userId(),
                key.day(),
                key.kind().code(),
                key.conferenceKey(),
                counts.sessions(),
                counts.im(),
                counts.audioVideo(),
                counts.appSharing(),
                counts.audioVideoMs(),
                counts.web(),
                counts.webStated(),
                counts.telephone(),
                counts.dialMicrosoft(),
                counts.dialThirdParty(),
                counts.dialInMicrosoftMs(),
                counts.dialOutMicrosoftMs()
            });
            if (counts.sessions() < 0) {
                emptied.add(new Object[] {tenantId, key.userId(), key.kind().code(), key.day(), key.conferenceKey()});
            }
        });
        String insert = AddingUpsert.sql(
                "activity_party_day", List.of("tenant_id", "user_id", "day", "kind", "conference_key"), COUNTERS);
        for (List<Object[]> chunk : Chunks.of(rows)) {
            batch.batchUpdate(insert, chunk);
        }
        for (List<Object[]> chunk : Chunks.of(emptied)) {
            batch.batchUpdate("""
                    DELETE FROM activity_party_day WHERE tenant_id = ? AND user_id = ? AND kind = ? AND day = ?
                        AND conference_key = ? AND sessions <= 0
                    """, chunk);
        }
    }

    /** Retention: forgets the days before the day. */
    void deleteBefore(long tenantId, LocalDate day) {
        for (String table : List.of("activity_party_day", "activity_day_total")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day < :day")
                    .param("tenantId", tenantId)
                    .param("day", day)
                    .update();
        }
    }

    /**
     * Replaces the tenant's rows by the recomputation from the raw sessions, a week of sessions at a time so that no
     * statement sorts them all at once, then recounts the day totals.
     */
    void rebuild(long tenantId) {
        jdbc.sql("DELETE FROM activity_party_day WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
        jdbc.sql("DELETE FROM activity_day_total WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
        sessionWeeks.forEach(
                tenantId,
                (from, until) -> jdbc.sql(INSERT_DAYS)
                        .param("tenantId", tenantId)
                        .param("from", from)
                        .param("until", until)
                        .update());
        recount(tenantId, "TRUE", Map.of());
    }

    /**
     * Replaces the rows and day totals of the UTC days [from, until) by the recomputation from the sessions that
     * start on them (a row is one start day's), for a bulk import's rebuild.
     */
    void rebuildDays(long tenantId, LocalDate from, LocalDate until) {
        for (String table : List.of("activity_party_day", "activity_day_total")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day >= :from AND day < :until")
                    .param("tenantId", tenantId)
                    .param("from", from)
                    .param("until", until)
                    .update();
        }
        jdbc.sql(INSERT_DAYS)
                .param("tenantId", tenantId)
                .param("from", from.atStartOfDay())
                .param("until", until.atStartOfDay())
                .update();
        recount(tenantId, "day >= :fromDay AND day < :untilDay", Map.of("fromDay", from, "untilDay", until));
    }

    /** The rows that differ from a recomputation from the raw sessions, described, at most limit. */
    List<String> differences(long tenantId, int limit) {
        String compared = """
                SELECT 'stored' AS side, a.user_id, a.day, a.kind, HEX(a.conference_key) AS conference,
                       %2$s AS counts
                FROM activity_party_day a LEFT JOIN (%1$s) r
                  ON r.user_id = a.user_id AND r.kind = a.kind AND r.day = a.day
                 AND r.conference_key = a.conference_key
                WHERE a.tenant_id = :tenantId AND (r.user_id IS NULL OR %3$s <> %2$s)
                UNION ALL
                SELECT 'recomputed', r.user_id, r.day, r.kind, HEX(r.conference_key), %3$s
                FROM (%1$s) r LEFT JOIN activity_party_day a
                  ON a.tenant_id = :tenantId AND a.user_id = r.user_id AND a.kind = r.kind AND a.day = r.day
                 AND a.conference_key = r.conference_key
                WHERE a.user_id IS NULL OR %3$s <> %2$s
                LIMIT :limit
                """.formatted(RECOMPUTED_ALL, counters("a"), counters("r"));
        List<String> differences = new ArrayList<>(jdbc.sql(compared)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "activity_party_day " + rs.getString("side") + " user " + rs.getLong("user_id")
                        + " day " + rs.getObject("day", LocalDate.class) + " kind "
                        + PartyDay.Kind.values()[rs.getInt("kind")] + " conference " + rs.getString("conference")
                        + ": " + String.join(", ", COUNTERS) + " " + rs.getString("counts"))
                .list());
        if (differences.size() < limit) {
            differences.addAll(dayTotalDifferences(tenantId, limit - differences.size()));
        }
        return differences;
    }

    /** The day totals that differ from a recount of the rows (themselves compared with the raw sessions above). */
    private List<String> dayTotalDifferences(long tenantId, int limit) {
        String stored = "CONCAT_WS(' ', "
                + String.join(
                        ", ",
                        DAY_TOTAL_COLUMNS.stream()
                                .map(c -> "COALESCE(a." + c + ", '-')")
                                .toList()) + ")";
        String recounted = stored.replace("a.", "r.");
        return jdbc.sql("""
                SELECT 'stored' AS side, a.day, a.kind, %2$s AS figures
                FROM activity_day_total a LEFT JOIN (%1$s) r ON r.day = a.day AND r.kind = a.kind
                WHERE a.tenant_id = :tenantId AND (r.day IS NULL OR %2$s <> %3$s)
                UNION ALL
                SELECT 'recounted', r.day, r.kind, %3$s
                FROM (%1$s) r LEFT JOIN activity_day_total a
                  ON a.tenant_id = :tenantId AND a.day = r.day AND a.kind = r.kind
                WHERE a.day IS NULL OR %2$s <> %3$s
                LIMIT :limit
                """.formatted(dayTotals("TRUE"), stored, recounted))
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "activity_day_total " + rs.getString("side") + " day "
                        + rs.getObject("day", LocalDate.class) + " kind " + PartyDay.Kind.values()[rs.getInt("kind")]
                        + ": " + String.join(", ", DAY_TOTAL_COLUMNS) + " " + rs.getString("figures"))
                .list();
    }

    private static String counters(String alias) {
        return "CONCAT_WS(' ', "
                + String.join(", ", COUNTERS.stream().map(c -> alias + "." + c).toList()) + ")";
    }

    /** Per UTC day of [from, to], the tenant's figures; days without a session are absent. */
    List<ActivityDay> days(long tenantId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT day, SUM(IF(kind = 0, sessions, 0)) AS peer_to_peer,
                       SUM(IF(kind = 1, conferences, 0)) AS organized, SUM(IF(kind = 2, conferences, 0)) AS participated,
                       SUM(IF(kind = 0, users, 0)) AS peer_to_peer_users, SUM(IF(kind = 1, users, 0)) AS organizers,
                       SUM(IF(kind = 2, users, 0)) AS participants
                FROM activity_day_total
                WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
                GROUP BY day ORDER BY day
                """)
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new ActivityDay(
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("peer_to_peer"),
                        rs.getLong("organized"),
                        rs.getLong("participated"),
                        rs.getLong("peer_to_peer_users"),
                        rs.getLong("organizers"),
                        rs.getLong("participants")))
                .list();
    }

    /** Per UTC day of [from, to], the conferences organized (kind 1) or taken part in (kind 2); no row, no day. */
    List<ConferenceDay> conferenceDays(long tenantId, PartyDay.Kind kind, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT * FROM activity_day_total
                WHERE tenant_id = :tenantId AND kind = :kind AND day BETWEEN :from AND :to
                ORDER BY day
                """)
                .param("tenantId", tenantId)
                .param("kind", kind.code())
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> new ConferenceDay(
                        rs.getObject("day", LocalDate.class),
                        rs.getLong("im"),
                        rs.getLong("audio_video"),
                        rs.getLong("app_sharing"),
                        rs.getObject("web", Long.class),
                        rs.getObject("dial_third_party", Long.class),
                        rs.getObject("dial_microsoft", Long.class),
                        rs.getLong("im_users"),
                        rs.getLong("audio_video_users"),
                        rs.getLong("app_sharing_users"),
                        rs.getObject("web_users", Long.class),
                        rs.getObject("dial_third_party_users", Long.class),
                        rs.getObject("dial_microsoft_users", Long.class),
                        rs.getLong("audio_video_ms"),
                        rs.getObject("dial_in_microsoft_ms", Long.class),
                        rs.getObject("dial_out_microsoft_ms", Long.class)))
                .list();
    }

    /**
     * The tenant's day totals recounted from its rows, per kind and UTC day (the days meeting {CONDITION}): for
     * peer-to-peer, the tenant's sessions (user 0) and distinct users; for a conference kind, distinct users and
     * conferences, by type, and the minutes.
     */
    private static final String DAY_TOTALS = """
            SELECT day, kind, SUM(IF(user_id = 0, sessions, 0)) AS sessions,
                   COUNT(DISTINCT IF(user_id <> 0, user_id, NULL)) AS users,
                   COUNT(DISTINCT IF(kind <> 0, conference_key, NULL)) AS conferences,
                   {CONFERENCES}, {USERS},
                   SUM(audio_video_ms) AS audio_video_ms,
                   IF({UNKNOWN}, NULL, SUM(dial_in_microsoft_ms)) AS dial_in_microsoft_ms,
                   IF({UNKNOWN}, NULL, SUM(dial_out_microsoft_ms)) AS dial_out_microsoft_ms,
                   SUM(IF(kind <> 0, sessions, 0)) AS conference_sessions,
                   SUM(web_stated_sessions) AS web_stated_sessions, SUM(telephone_sessions) AS telephone_sessions,
                   SUM(dial_microsoft_sessions + dial_third_party_sessions) AS provider_sessions
            FROM activity_party_day
            WHERE tenant_id = :tenantId AND {CONDITION}
            GROUP BY day, kind
            """;

    /** The figures {@link #conferenceTypes} counts, by the names it gives them (before any suffix). */
    private static final List<String> CONFERENCE_TYPES =
            List.of("im", "audio_video", "app_sharing", "web", "dial_third_party", "dial_microsoft");

    /** Minutes of conferences, summed beside the types. */
    private static final List<String> CONFERENCE_MINUTES =
            List.of("audio_video_ms", "dial_in_microsoft_ms", "dial_out_microsoft_ms");

    /**
     * Sums over a day's rows that decide whether its web or provider figures are unknown (changeset 060): kept so that
     * a write changes the totals by its difference instead of recounting the day ({@link #changeDays}).
     */
    private static final List<String> FLAG_SUMS =
            List.of("conference_sessions", "web_stated_sessions", "telephone_sessions", "provider_sessions");

    /** The day total's figures that are NULL while web conferencing is unknown ({@link #conferenceTypes}). */
    private static final java.util.Set<String> WEB_FIGURES = java.util.Set.of("web", "web_users");

    /** The same while the audio conferencing provider is unknown. */
    private static final java.util.Set<String> PROVIDER_FIGURES =
            java.util.Set.of("dial_third_party", "dial_microsoft", "dial_third_party_users", "dial_microsoft_users");

    /** The minutes that are NULL while the provider is unknown ({@link #DAY_TOTALS}). */
    private static final java.util.Set<String> PROVIDER_MINUTES =
            java.util.Set.of("dial_in_microsoft_ms", "dial_out_microsoft_ms");

    /** The distinct users and conferences of a day total (the conference kinds' by type too). */
    private static final List<String> DISTINCT_FIGURES = Stream.of(
                    List.of("users", "conferences"),
                    CONFERENCE_TYPES,
                    CONFERENCE_TYPES.stream().map(type -> type + "_users").toList())
            .flatMap(List::stream)
            .toList();

    private static final List<String> DAY_TOTAL_COLUMNS = Stream.of(
                    List.of("sessions"), DISTINCT_FIGURES, CONFERENCE_MINUTES, FLAG_SUMS)
            .flatMap(List::stream)
            .toList();

    private static String dayTotals(String condition) {
        return DAY_TOTALS
                .replace("{CONFERENCES}", conferenceTypes("kind <> 0", "conference_key", ""))
                .replace("{USERS}", conferenceTypes("kind <> 0", "user_id", "_users"))
                .replace("{UNKNOWN}", providerUnknown("TRUE"))
                .replace("{CONDITION}", condition);
    }

    /**
     * Locks the day totals of these kinds and days, in key order, creating the missing ones: every writer whose rows
     * change a day takes the day's lock before changing them, so a recount sees no other writer's uncommitted rows.
     */
    void lockDays(long tenantId, java.util.SortedSet<PartyDay.KindDay> days) {
        List<Object[]> rows = days.stream()
                .map(d -> new Object[] {tenantId, d.day(), d.kind().code()})
                .toList();
        for (List<Object[]> chunk : Chunks.of(rows)) {
            batch.batchUpdate("""
                    INSERT INTO activity_day_total (tenant_id, day, kind) VALUES (?, ?, ?)
                    ON DUPLICATE KEY UPDATE users = users
                    """, chunk);
        }
    }

    /**
     * The distinct users and conferences, raw (an unknown web or provider figure counted, not NULL), of each kind and
     * day among the rows of the users and the conferences that these rows' changes touch: every row of those users
     * (but the tenant's row 0) and of those conferences on the kind and day, by the primary key and
     * ix_activity_party_day_day_conference. The other users' and conferences' rows do not change, so the difference
     * between these figures before and after the change is the day totals' (docs/skype-for-business-activity.md).
     */
    Map<PartyDay.KindDay, Map<String, Long>> touchedFigures(long tenantId, Collection<PartyDay> changed) {
        java.util.Set<List<Object>> users = new java.util.LinkedHashSet<>();
        java.util.Set<String> seenConferences = new java.util.HashSet<>();
        List<Object[]> conferences = new ArrayList<>();
        for (PartyDay row : changed) {
            if (row.userId() != PartyDay.TENANT) {
                users.add(List.of(row.userId(), row.kind().code(), row.day()));
            }
            if (row.kind() != PartyDay.Kind.PEER_TO_PEER
                    && seenConferences.add(row.kind() + " " + row.day() + " "
                            + java.util.HexFormat.of().formatHex(row.conferenceKey()))) {
                conferences.add(new Object[] {row.kind().code(), row.day(), row.conferenceKey()});
            }
        }
        Map<PartyDay.KindDay, Map<String, Long>> figures = new HashMap<>();
        // each key is one user's (or conference's) rows of a kind and day, in one chunk: the chunks' counts add up
        for (List<List<Object>> chunk : Chunks.of(new ArrayList<>(users))) {
            addFigures(
                    figures,
                    tenantId,
                    TOUCHED_USERS,
                    chunk.stream().map(List::toArray).toList());
        }
        for (List<Object[]> chunk : Chunks.of(conferences)) {
            addFigures(figures, tenantId, TOUCHED_CONFERENCES, chunk);
        }
        return figures;
    }

    /** {@link #touchedFigures} of users: (user, kind, day) keys; the per-type figures of the conference kinds. */
    private static final String TOUCHED_USERS = "SELECT day, kind, COUNT(DISTINCT user_id) AS users, "
            + CONFERENCE_TYPES.stream()
                    .map(type -> "COUNT(DISTINCT IF(kind <> 0 AND " + type + "_sessions > 0, user_id, NULL)) AS " + type
                            + "_users")
                    .collect(java.util.stream.Collectors.joining(", "))
            + " FROM activity_party_day FORCE INDEX (PRIMARY)"
            + " WHERE tenant_id = :tenantId AND (user_id, kind, day) IN (:keys) GROUP BY day, kind";

    /** {@link #touchedFigures} of conferences: (kind, day, conference key) keys of the conference kinds. */
    private static final String TOUCHED_CONFERENCES =
            "SELECT day, kind, COUNT(DISTINCT conference_key) AS conferences, "
                    + CONFERENCE_TYPES.stream()
                            .map(type ->
                                    "COUNT(DISTINCT IF(" + type + "_sessions > 0, conference_key, NULL)) AS " + type)
                            .collect(java.util.stream.Collectors.joining(", "))
                    + " FROM activity_party_day FORCE INDEX (ix_activity_party_day_day_conference)"
                    + " WHERE tenant_id = :tenantId AND (kind, day, conference_key) IN (:keys) GROUP BY day, kind";

    private void addFigures(
            Map<PartyDay.KindDay, Map<String, Long>> figures, long tenantId, String sql, List<Object[]> keys) {
        jdbc.sql(sql).param("tenantId", tenantId).param("keys", keys).query(rs -> {
            var kindDay = new PartyDay.KindDay(
                    rs.getObject("day", LocalDate.class), PartyDay.Kind.values()[rs.getInt("kind")]);
            Map<String, Long> counts = figures.computeIfAbsent(kindDay, k -> new HashMap<>());
            var columns = rs.getMetaData();
            for (int i = 3; i <= columns.getColumnCount(); i++) {
                counts.merge(columns.getColumnLabel(i), rs.getLong(i), Long::sum);
            }
        });
    }

    /**
     * Changes the day totals of these kinds and days by what the rows' changes did, as a recount of their rows
     * ({@link #DAY_TOTALS}) would find them: each distinct figure by its {@link #touchedFigures} after minus before, the
     * sessions, minutes and {@link #FLAG_SUMS} by the rows' changes; a web or provider figure is NULL while it is
     * unknown, counted as 0 otherwise (an unknown figure's rows all have none of it). A day total left without
     * sessions and users goes.
     */
    void changeDays(
            long tenantId,
            java.util.SortedSet<PartyDay.KindDay> days,
            Map<PartyDay.KindDay, Map<String, Long>> before,
            Map<PartyDay.KindDay, Map<String, Long>> after,
            SortedMap<PartyDay, PartyDay.Counts> changes) {
        Map<PartyDay.KindDay, Map<String, Long>> sums = new HashMap<>();
        changes.forEach((row, c) -> {
            Map<String, Long> sum = sums.computeIfAbsent(row.kindDay(), k -> new HashMap<>());
            sum.merge("sessions", row.userId() == PartyDay.TENANT ? c.sessions() : 0, Long::sum);
            sum.merge("audio_video_ms", c.audioVideoMs(), Long::sum);
            sum.merge("dial_in_microsoft_ms", c.dialInMicrosoftMs(), Long::sum);
            sum.merge("dial_out_microsoft_ms", c.dialOutMicrosoftMs(), Long::sum);
            sum.merge("conference_sessions", row.kind() != PartyDay.Kind.PEER_TO_PEER ? c.sessions() : 0, Long::sum);
            sum.merge("web_stated_sessions", c.webStated(), Long::sum);
            sum.merge("telephone_sessions", c.telephone(), Long::sum);
            sum.merge("provider_sessions", c.dialMicrosoft() + c.dialThirdParty(), Long::sum);
        });
        List<Object[]> updates = new ArrayList<>();
        List<PartyDay.KindDay> emptied = new ArrayList<>();
        for (List<PartyDay.KindDay> chunk : Chunks.of(new ArrayList<>(days))) {
            jdbc.sql("SELECT day, kind, " + String.join(", ", DAY_TOTAL_COLUMNS)
                            + " FROM activity_day_total WHERE tenant_id = :tenantId AND (day, kind) IN (:days)")
                    .param("tenantId", tenantId)
                    .param("days", keys(chunk))
                    .query(rs -> {
                        var kindDay = new PartyDay.KindDay(
                                rs.getObject("day", LocalDate.class), PartyDay.Kind.values()[rs.getInt("kind")]);
                        Map<String, Long> total = new HashMap<>();
                        for (String column : DAY_TOTAL_COLUMNS) {
                            total.put(column, rs.getLong(column)); // NULL (unknown) as 0: it counts nothing
                        }
                        Map<String, Long> was = before.getOrDefault(kindDay, Map.of());
                        Map<String, Long> is = after.getOrDefault(kindDay, Map.of());
                        for (String figure : DISTINCT_FIGURES) {
                            total.merge(figure, is.getOrDefault(figure, 0L) - was.getOrDefault(figure, 0L), Long::sum);
                        }
                        sums.getOrDefault(kindDay, Map.of())
                                .forEach((column, change) -> total.merge(column, change, Long::sum));
                        // as DAY_TOTALS decides it: web by the conference kind's sessions that said nothing of it,
                        // the providers by telephone sessions none of which said one (the minutes for every kind)
                        boolean conference = kindDay.kind() != PartyDay.Kind.PEER_TO_PEER;
                        boolean webUnknown = conference
                                && total.get("conference_sessions") > 0
                                && total.get("web_stated_sessions") == 0;
                        boolean providerUnknown =
                                total.get("telephone_sessions") > 0 && total.get("provider_sessions") == 0;
                        List<Object> values = new ArrayList<>();
                        for (String column : DAY_TOTAL_COLUMNS) {
                            boolean unknown = WEB_FIGURES.contains(column) && webUnknown
                                    || PROVIDER_FIGURES.contains(column) && conference && providerUnknown
                                    || PROVIDER_MINUTES.contains(column) && providerUnknown;
                            values.add(unknown ? null : total.get(column));
                        }
                        if (total.get("sessions") == 0 && total.get("users") == 0) {
                            emptied.add(kindDay); // no row left: a recount would have no total
                            return;
                        }
                        values.add(tenantId);
                        values.add(kindDay.day());
                        values.add(kindDay.kind().code());
                        updates.add(values.toArray());
                    });
        }
        String set = String.join(
                ", ", DAY_TOTAL_COLUMNS.stream().map(c -> c + " = ?").toList());
        for (List<Object[]> chunk : Chunks.of(updates)) {
            batch.batchUpdate(
                    "UPDATE activity_day_total SET " + set + " WHERE tenant_id = ? AND day = ? AND kind = ?", chunk);
        }
        for (List<PartyDay.KindDay> chunk : Chunks.of(emptied)) {
            jdbc.sql("DELETE FROM activity_day_total WHERE tenant_id = :tenantId AND (day, kind) IN (:days)")
                    .param("tenantId", tenantId)
                    .param("days", keys(chunk))
                    .update();
        }
    }

    /** The (day, kind) keys of the day totals, as a list of tuples for {@code (day, kind) IN (:days)}. */
    private static List<Object[]> keys(List<PartyDay.KindDay> days) {
        return days.stream().map(d -> new Object[] {d.day(), d.kind().code()}).toList();
    }

    private void recount(long tenantId, String condition, Map<String, Object> parameters) {
        String zeros = String.join(
                ", ", DAY_TOTAL_COLUMNS.stream().map(c -> c + " = 0").toList());
        jdbc.sql("UPDATE activity_day_total SET " + zeros + " WHERE tenant_id = :tenantId AND " + condition)
                .param("tenantId", tenantId)
                .params(parameters)
                .update();
        jdbc.sql("INSERT INTO activity_day_total (tenant_id, day, kind, " + String.join(", ", DAY_TOTAL_COLUMNS)
                        + ") SELECT :tenantId, t.day, t.kind, "
                        + String.join(
                                ", ",
                                DAY_TOTAL_COLUMNS.stream().map(c -> "t." + c).toList())
                        + " FROM (" + dayTotals(condition) + ") t ON DUPLICATE KEY UPDATE "
                        + String.join(
                                ", ",
                                DAY_TOTAL_COLUMNS.stream()
                                        .map(c -> c + " = VALUES(" + c + ")")
                                        .toList()))
                .param("tenantId", tenantId)
                .params(parameters)
                .update();
        jdbc.sql("DELETE FROM activity_day_total WHERE tenant_id = :tenantId AND " + condition
                        + " AND sessions = 0 AND users = 0")
                .param("tenantId", tenantId)
                .params(parameters)
                .update();
    }

    /**
     * Distinct values of the column (conferences or users) among the rows meeting the condition, by what was used:
     * IM, audio/video, application sharing, web conferencing and each audio conferencing provider. A web or provider
     * figure is NULL when there were such sessions and none of them said it (docs/skype-for-business-activity.md).
     */
    private static String conferenceTypes(String condition, String distinct, String suffix) {
        String c = "(" + condition + ")";
        return String.join(
                ",\n",
                "COUNT(DISTINCT IF(" + c + " AND im_sessions > 0, " + distinct + ", NULL)) AS im" + suffix,
                "COUNT(DISTINCT IF(" + c + " AND audio_video_sessions > 0, " + distinct + ", NULL)) AS audio_video"
                        + suffix,
                "COUNT(DISTINCT IF(" + c + " AND app_sharing_sessions > 0, " + distinct + ", NULL)) AS app_sharing"
                        + suffix,
                "IF(SUM(IF(" + c + ", sessions, 0)) > 0 AND SUM(IF(" + c + ", web_stated_sessions, 0)) = 0, NULL,"
                        + " COUNT(DISTINCT IF(" + c + " AND web_sessions > 0, " + distinct + ", NULL))) AS web"
                        + suffix,
                "IF(" + providerUnknown(condition) + ", NULL, COUNT(DISTINCT IF(" + c
                        + " AND dial_third_party_sessions > 0, " + distinct + ", NULL))) AS dial_third_party" + suffix,
                "IF(" + providerUnknown(condition) + ", NULL, COUNT(DISTINCT IF(" + c
                        + " AND dial_microsoft_sessions > 0, " + distinct + ", NULL))) AS dial_microsoft" + suffix);
    }

    /** Whether the rows meeting the condition had telephone sessions of which none said its provider. */
    private static String providerUnknown(String condition) {
        String c = "(" + condition + ")";
        return "SUM(IF(" + c + ", telephone_sessions, 0)) > 0 AND SUM(IF(" + c
                + ", dial_microsoft_sessions + dial_third_party_sessions, 0)) = 0";
    }

    /**
     * The per-user columns of one kind, as the table selects them: a user without rows has zeros, not unknowns.
     * Declared before the queries built from it, which are built when the class is loaded.
     */
    private static final List<String> CONFERENCE_COLUMNS = Stream.concat(
                    CONFERENCE_TYPES.stream(), CONFERENCE_MINUTES.stream())
            .toList();

    /**
     * Per user, the figures of the days in [from, to] and the last day of each kind up to lastTo; %1$s is the
     * condition on user_id. The last days come from the primary key's (user, kind) groups, their latest day alone,
     * and the figures from the range's rows alone: reading every row of each user up to lastTo for both made a
     * one-day user detail of 1,000 users over 180 days four fifths of the database's work under API load
     * (docs/scaling.md, "API under load").
     */
    private static final String PER_USER = """
            SELECT l.user_id,
                   IF(f.user_id IS NULL, 0, f.peer_to_peer) AS peer_to_peer, l.peer_to_peer_last,
                   %1$s,
                   %2$s
            FROM (
                SELECT user_id,
                       MAX(IF(kind = 0, last_day, NULL)) AS peer_to_peer_last,
                       MAX(IF(kind = 1, last_day, NULL)) AS organized_last,
                       MAX(IF(kind = 2, last_day, NULL)) AS participated_last
                FROM (
                    SELECT user_id, kind, MAX(day) AS last_day
                    FROM activity_party_day
                    WHERE tenant_id = :tenantId AND user_id %%1$s AND day <= :lastTo
                    GROUP BY user_id, kind
                ) k
                GROUP BY user_id
            ) l
            LEFT JOIN (
                SELECT user_id,
                       SUM(IF(kind = 0, sessions, 0)) AS peer_to_peer,
                       %3$s,
                       %4$s
                FROM activity_party_day
                WHERE tenant_id = :tenantId AND user_id %%1$s AND kind IN (0, 1, 2)
                  AND day BETWEEN :from AND :to AND day <= :lastTo
                GROUP BY user_id
            ) f ON f.user_id = l.user_id
            """.formatted(
                    figuresOrZeros("organized", "f", "l"),
                    figuresOrZeros("participated", "f", "l"),
                    conferenceColumns(1, "organized"),
                    conferenceColumns(2, "participated"));

    /**
     * Per user of the ids, the figures of the days in [from, until) and the last day of each kind before until;
     * users without any row are absent.
     */
    Map<Long, UserActivityFigures> users(long tenantId, Collection<Long> userIds, LocalDate from, LocalDate until) {
        return figures(tenantId, userIds, from, until.minusDays(1), until.minusDays(1));
    }

    /** Per user of the ids, the figures of the days in [from, to] and the last day of each kind up to lastTo. */
    private Map<Long, UserActivityFigures> figures(
            long tenantId, Collection<Long> userIds, LocalDate from, LocalDate to, LocalDate lastTo) {
        Map<Long, UserActivityFigures> figures = new HashMap<>();
        for (List<Long> chunk : Chunks.of(new ArrayList<>(userIds))) {
            jdbc.sql(PER_USER.formatted("IN (:users)"))
                    .param("tenantId", tenantId)
                    .param("users", chunk)
                    .param("from", from)
                    .param("to", to)
                    .param("lastTo", lastTo)
                    .query((rs, row) -> figures.put(
                            rs.getLong("user_id"),
                            new UserActivityFigures(
                                    rs.getLong("peer_to_peer"),
                                    rs.getObject("peer_to_peer_last", LocalDate.class),
                                    conferences(rs, "organized"),
                                    conferences(rs, "participated"))))
                    .list();
        }
        return figures;
    }

    /**
     * The scope of a per-user table: the tenant, its days, the report date, whether names are concealed, and the
     * period whose totals (skype_activity_period_total, ending on the report date) hold the days, or 0 when the
     * table is summed from the day rows (a chosen day, or totals not moved to the report date yet).
     */
    record TableScope(
            long tenantId, LocalDate from, LocalDate to, LocalDate reportDate, boolean concealed, int totalsPeriod) {

        TableScope(long tenantId, LocalDate from, LocalDate to, LocalDate reportDate, boolean concealed) {
            this(tenantId, from, to, reportDate, concealed, 0);
        }

        boolean fromTotals() {
            return totalsPeriod > 0;
        }
    }

    /** The figures as the table selects them, from a totals row {@code t} (same names as the summed table's). */
    private static final String TOTALS_COLUMNS = """
            t.last_activity, t.peer_to_peer, t.peer_to_peer_last,
            t.organized, t.organized_im, t.organized_audio_video, t.organized_app_sharing, t.organized_web,
            t.organized_dial_third_party, t.organized_dial_microsoft, t.organized_audio_video_ms,
            t.organized_dial_in_microsoft_ms, t.organized_dial_out_microsoft_ms, t.organized_last,
            t.participated, t.participated_im, t.participated_audio_video, t.participated_app_sharing,
            t.participated_web, t.participated_dial_third_party, t.participated_dial_microsoft,
            t.participated_audio_video_ms, t.participated_dial_in_microsoft_ms, t.participated_dial_out_microsoft_ms,
            t.participated_last""";

    /**
     * The period's table from the totals: without a filter read in the order of the sort column's index (a
     * figure's index of the totals, or the users' name index) and stopped after the page, which the hint keeps
     * MariaDB from replacing by a sort of every user; with a filter MariaDB picks the order. Joining the state row of
     * the report date, a read never mixes two report dates.
     */
    private static String totalsTable(TableScope scope, SkypeActivityQuery query) {
        SkypeActivityColumn sort = query.sortColumn() == null ? SkypeActivityColumn.USER_NAME : query.sortColumn();
        String direction = query.ascending() ? " ASC" : " DESC";
        String orderBy = switch (sort) {
            case USER_NAME -> UserNameOrder.terms(scope.concealed(), direction);
            case DELETED -> "COALESCE(u.deleted_at <= :to, FALSE)" + direction + ", u.id" + direction;
            case DELETED_DATE -> "IF(u.deleted_at <= :to, u.deleted_at, NULL)" + direction + ", u.id" + direction;
            default -> "t." + sort.sortColumn() + direction + ", t.user_id" + direction;
        };
        String from = sort.isFigure() ? """
                  skype_activity_period_total t
                  JOIN skype_activity_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :lastTo
                  JOIN licensed_user u ON u.id = t.user_id""" : usersFirst("licensed_user u");
        return totalsRows(scope, query, from) + "ORDER BY " + orderBy;
    }

    /** The period totals joined to the users, read from {@code users} (the users' table as named in FROM). */
    private static String usersFirst(String users) {
        return users + """

                  JOIN skype_activity_period_total t ON t.user_id = u.id
                  JOIN skype_activity_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :lastTo""";
    }

    /** The period's rows from the totals ({@code from}: the tables joined), up to the WHERE clause's conditions. */
    private static String totalsRows(TableScope scope, SkypeActivityQuery query, String from) {
        String shown = scope.concealed() ? "u.pseudonym" : "u.upn";
        return """
                SELECT %1$s u.id, %2$s AS shown_name, COALESCE(u.deleted_at <= :to, FALSE) AS deleted,
                       IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at, %3$s
                FROM %4$s
                WHERE t.tenant_id = :tenantId AND t.period_days = :periodDays
                  AND u.tenant_id = :tenantId
                  AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
                  AND (:filter = '' OR %2$s LIKE :pattern)
                """.formatted(query.nameContains().isEmpty() ? "STRAIGHT_JOIN" : "", shown, TOTALS_COLUMNS, from);
    }

    /**
     * A page of the period's totals without a name filter sorted by Deleted or Deleted date, read in parts
     * ({@link DeletionOrder}); null for any other page.
     */
    private static @Nullable String totalsPageByDeletion(TableScope scope, SkypeActivityQuery query) {
        SkypeActivityColumn sort = query.sortColumn();
        if ((sort != SkypeActivityColumn.DELETED && sort != SkypeActivityColumn.DELETED_DATE)
                || !query.nameContains().isEmpty()) {
            return null;
        }
        return DeletionOrder.page(
                users -> totalsRows(scope, query, usersFirst(users)),
                sort == SkypeActivityColumn.DELETED_DATE,
                query.ascending() ? " ASC" : " DESC");
    }

    /**
     * The figures of these users from the totals of one period ending on the report date; users without any row up
     * to the report date are absent, as in {@link #users}. The primary key (tenant, user, period) finds each user;
     * named, because weighing the table's 20 other indexes for a list of 200 users took MariaDB longer (2.5 ms at
     * 100,000 users) than reading the rows (1.6 ms).
     */
    Map<Long, UserActivityFigures> usersFromTotals(
            long tenantId, Collection<Long> userIds, int periodDays, LocalDate reportDate) {
        Map<Long, UserActivityFigures> figures = new HashMap<>();
        for (List<Long> chunk : Chunks.of(new ArrayList<>(userIds))) {
            jdbc.sql("""
                    SELECT t.user_id, %s
                    FROM skype_activity_period_total t FORCE INDEX (PRIMARY)
                    JOIN skype_activity_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :reportDate
                    WHERE t.tenant_id = :tenantId AND t.period_days = :periodDays AND t.user_id IN (:users)
                      AND t.last_activity IS NOT NULL
                    """.formatted(TOTALS_COLUMNS))
                    .param("tenantId", tenantId)
                    .param("periodDays", periodDays)
                    .param("reportDate", reportDate)
                    .param("users", chunk)
                    .query((rs, row) -> figures.put(
                            rs.getLong("user_id"),
                            new UserActivityFigures(
                                    rs.getLong("peer_to_peer"),
                                    rs.getObject("peer_to_peer_last", LocalDate.class),
                                    conferences(rs, "organized"),
                                    conferences(rs, "participated"))))
                    .list();
        }
        return figures;
    }

    /**
     * Every user licensed at some time in [from, to], zeros included, whose shown name contains the filter, with
     * the figures of those days; deletion as of {@code to}; sorted by a fixed column of the query, never by input.
     */
    private static String table(TableScope scope, SkypeActivityQuery query) {
        String shown = scope.concealed() ? "u.pseudonym" : "u.upn";
        SkypeActivityColumn sort = query.sortColumn() == null ? SkypeActivityColumn.USER_NAME : query.sortColumn();
        String direction = query.ascending() ? " ASC" : " DESC";
        return """
                SELECT t.* FROM (
                    SELECT u.id, %1$s AS shown_name, COALESCE(u.deleted_at <= :to, FALSE) AS deleted,
                           IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at,
                           NULLIF(GREATEST(COALESCE(a.peer_to_peer_last, '1000-01-01'),
                                           COALESCE(a.organized_last, '1000-01-01'),
                                           COALESCE(a.participated_last, '1000-01-01')), '1000-01-01') AS last_activity,
                           COALESCE(a.peer_to_peer, 0) AS peer_to_peer, a.peer_to_peer_last,
                           %2$s, %3$s
                    FROM licensed_user u
                    LEFT JOIN (%4$s) a ON a.user_id = u.id
                    WHERE u.tenant_id = :tenantId
                      AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
                      AND (:filter = '' OR %1$s LIKE :pattern)
                ) t
                ORDER BY t.%5$s%6$s, t.id%6$s
                """.formatted(
                        shown,
                        figuresOrZeros("organized", "a", "a"),
                        figuresOrZeros("participated", "a", "a"),
                        PER_USER.formatted("<> 0"),
                        sort.sortColumn(),
                        direction);
    }

    List<SkypeActivityUserRow> page(TableScope scope, SkypeActivityQuery query, int offset, int limit) {
        if (scope.fromTotals()) {
            @Nullable String byDeletion = totalsPageByDeletion(scope, query);
            return jdbc.sql(
                            byDeletion != null
                                    ? byDeletion
                                    : totalsTable(scope, query) + " LIMIT :limit OFFSET :offset")
                    .params(parameters(scope, query))
                    .param("limit", limit)
                    .param("offset", offset)
                    .param("partLimit", (long) offset + limit) // a page of Integer.MAX_VALUE rows: no overflow
                    .query(ActivityPartyDayRepository::tableRow)
                    .list();
        }
        SkypeActivityColumn sort = query.sortColumn() == null ? SkypeActivityColumn.USER_NAME : query.sortColumn();
        if (!sort.isFigure()) {
            return pageOfUsers(scope, query, sort, offset, limit);
        }
        return jdbc.sql(table(scope, query) + " LIMIT :limit OFFSET :offset")
                .params(parameters(scope, query))
                .param("limit", limit)
                .param("offset", offset)
                .query(ActivityPartyDayRepository::tableRow)
                .list();
    }

    /**
     * A page sorted by the user's name or deletion: the page's users first, from the directory, then the figures of
     * those users alone (the primary key's user prefix), so the page costs the same for any number of users. The
     * same rows as the table query's.
     */
    private List<SkypeActivityUserRow> pageOfUsers(
            TableScope scope, SkypeActivityQuery query, SkypeActivityColumn sort, int offset, int limit) {
        String shown = scope.concealed() ? "u.pseudonym" : "u.upn";
        String direction = query.ascending() ? " ASC" : " DESC";
        record Named(
                long id,
                String name,
                boolean deleted,
                @Nullable LocalDate deletedAt) {}
        Function<String, String> rows = table -> """
                SELECT u.id, %1$s AS shown_name, COALESCE(u.deleted_at <= :to, FALSE) AS deleted,
                       IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at
                FROM %2$s
                WHERE u.tenant_id = :tenantId
                  AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
                  AND (:filter = '' OR %1$s LIKE :pattern)
                """.formatted(shown, table);
        String sql = sort == SkypeActivityColumn.USER_NAME
                ? rows.apply("licensed_user u") + "ORDER BY " + UserNameOrder.terms(scope.concealed(), direction)
                        + " LIMIT :limit OFFSET :offset"
                : query.nameContains().isEmpty()
                        ? DeletionOrder.page(rows, sort == SkypeActivityColumn.DELETED_DATE, direction)
                        : rows.apply("licensed_user u") + "ORDER BY " + sort.sortColumn() + direction + ", u.id"
                                + direction + " LIMIT :limit OFFSET :offset";
        List<Named> users = jdbc.sql(sql)
                .params(parameters(scope, query))
                .param("limit", limit)
                .param("offset", offset)
                .param("partLimit", (long) offset + limit) // a page of Integer.MAX_VALUE rows: no overflow
                .query((rs, row) -> new Named(
                        rs.getLong("id"),
                        rs.getString("shown_name"),
                        rs.getBoolean("deleted"),
                        rs.getObject("deleted_at", LocalDate.class)))
                .list();
        Map<Long, UserActivityFigures> figures = figures(
                scope.tenantId(), users.stream().map(Named::id).toList(), scope.from(), scope.to(), scope.reportDate());
        return users.stream()
                .map(u -> {
                    UserActivityFigures f = figures.getOrDefault(u.id(), UserActivityFigures.NONE);
                    return new SkypeActivityUserRow(
                            u.id(),
                            u.name(),
                            u.deleted(),
                            u.deletedAt(),
                            f.lastActivityDay(),
                            f.peerToPeerSessions(),
                            f.peerToPeerLastDay(),
                            f.organized(),
                            f.participated());
                })
                .toList();
    }

    long count(TableScope scope, SkypeActivityQuery query) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM licensed_user u
                WHERE u.tenant_id = :tenantId
                  AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
                  AND (:filter = '' OR %s LIKE :pattern)
                """.formatted(scope.concealed() ? "u.pseudonym" : "u.upn"))
                .params(parameters(scope, query))
                .query(Long.class)
                .single();
    }

    /** Streams every matching row in table order to the consumer, without holding them in memory. */
    void forEach(TableScope scope, SkypeActivityQuery query, java.util.function.Consumer<SkypeActivityUserRow> rows) {
        streaming.query(
                scope.fromTotals() ? totalsTable(scope, query) : table(scope, query),
                new org.springframework.jdbc.core.namedparam.MapSqlParameterSource(parameters(scope, query)),
                rs -> {
                    rows.accept(tableRow(rs, 0));
                });
    }

    private static Map<String, Object> parameters(TableScope scope, SkypeActivityQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", scope.tenantId());
        parameters.put("from", scope.from());
        parameters.put("to", scope.to());
        parameters.put("lastTo", scope.reportDate());
        parameters.put("periodDays", scope.totalsPeriod());
        parameters.put("filter", query.nameContains());
        parameters.put("pattern", SqlLike.contains(query.nameContains()));
        return parameters;
    }

    private static SkypeActivityUserRow tableRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new SkypeActivityUserRow(
                rs.getLong("id"),
                rs.getString("shown_name"),
                rs.getBoolean("deleted"),
                rs.getObject("deleted_at", LocalDate.class),
                rs.getObject("last_activity", LocalDate.class),
                rs.getLong("peer_to_peer"),
                rs.getObject("peer_to_peer_last", LocalDate.class),
                conferences(rs, "organized"),
                conferences(rs, "participated"));
    }

    private static String conferenceColumns(int kind, String name) {
        String inPeriod = "kind = " + kind + " AND day BETWEEN :from AND :to";
        return String.join(
                ",\n",
                "COUNT(DISTINCT IF(" + inPeriod + ", conference_key, NULL)) AS " + name,
                conferenceTypes(inPeriod, "conference_key", "").replaceAll(" AS ([a-z_]+)", " AS " + name + "_$1"),
                "SUM(IF(" + inPeriod + ", audio_video_ms, 0)) AS " + name + "_audio_video_ms",
                "IF(" + providerUnknown(inPeriod) + ", NULL, SUM(IF(" + inPeriod + ", dial_in_microsoft_ms, 0))) AS "
                        + name + "_dial_in_microsoft_ms",
                "IF(" + providerUnknown(inPeriod) + ", NULL, SUM(IF(" + inPeriod + ", dial_out_microsoft_ms, 0))) AS "
                        + name + "_dial_out_microsoft_ms");
    }

    /**
     * A kind's figures from the derived table {@code figures} and its last day from {@code last}: zeros, not unknowns,
     * for a user without rows there.
     */
    private static String figuresOrZeros(String name, String figures, String last) {
        List<String> columns = new ArrayList<>();
        columns.add("IF(" + figures + ".user_id IS NULL, 0, " + figures + "." + name + ") AS " + name);
        for (String column : CONFERENCE_COLUMNS) {
            String qualified = name + "_" + column;
            columns.add("IF(" + figures + ".user_id IS NULL, 0, " + figures + "." + qualified + ") AS " + qualified);
        }
        columns.add(last + "." + name + "_last");
        return String.join(", ", columns);
    }

    private static ConferenceFigures conferences(java.sql.ResultSet rs, String name) throws java.sql.SQLException {
        @Nullable LocalDate last = rs.getObject(name + "_last", LocalDate.class);
        return new ConferenceFigures(
                rs.getLong(name),
                rs.getLong(name + "_im"),
                rs.getLong(name + "_audio_video"),
                rs.getLong(name + "_app_sharing"),
                rs.getObject(name + "_web", Long.class),
                rs.getObject(name + "_dial_third_party", Long.class),
                rs.getObject(name + "_dial_microsoft", Long.class),
                rs.getLong(name + "_audio_video_ms"),
                rs.getObject(name + "_dial_in_microsoft_ms", Long.class),
                rs.getObject(name + "_dial_out_microsoft_ms", Long.class),
                last);
    }
}
