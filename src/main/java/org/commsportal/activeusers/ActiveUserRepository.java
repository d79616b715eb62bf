package org.commsportal.activeusers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.commsportal.activeusers.QuarterHours.DayCounts;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.commsportal.common.Chunks;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Quarter-hour activity, interior days and active-user counts of the tenant given by the caller's service. */
@Repository
class ActiveUserRepository {

    /** Audio (media id 5) and video (6) as bits of comm_session.media_mask. */
    static final int AUDIO_OR_VIDEO = (1 << 4) | (1 << 5);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ActiveUserRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    record UserDay(long userId, LocalDate day) {}

    record InteriorKey(ActiveUserPeriod kind, LocalDate start, long userId) {}

    record CountKey(ActiveUserPeriod kind, int shift, LocalDate start) {}

    record ActiveSpan(
            long sessionId,
            Instant start,
            Instant end,
            @Nullable Long fromUserId,
            @Nullable Long toUserId) {

        /** The licensed users the session counts for: each party once. */
        List<Long> parties() {
            if (fromUserId == null) {
                return toUserId == null ? List.of() : List.of(toUserId);
            }
            return toUserId == null || toUserId.equals(fromUserId)
                    ? List.of(fromUserId)
                    : List.of(fromUserId, toUserId);
        }
    }

    /** A user's stored row of one day: its counts as stored, and its mask. */
    record StoredDay(byte[] counts, Mask mask) {}

    /** Whether the tenant's rows are built, holding a shared lock until the transaction ends. */
    boolean lockShared(long tenantId) {
        Optional<Boolean> built = state(tenantId, " LOCK IN SHARE MODE");
        if (built.isEmpty()) {
            // a tenant created after the rows were introduced: built from its first session on
            jdbc.sql("""
                    INSERT IGNORE INTO active_user_state (tenant_id, built)
                    SELECT :t, NOT EXISTS (SELECT 1 FROM comm_session WHERE tenant_id = :t)
                    """).param("t", tenantId).update();
            built = state(tenantId, " LOCK IN SHARE MODE");
        }
        return built.orElse(false);
    }

    /**
     * Whether the tenant's rows are built, holding an exclusive lock until the transaction ends; without waiting,
     * a lock held by another transaction (a build, or writers) fails at once with a locking failure.
     */
    boolean lockExclusive(long tenantId, boolean wait) {
        if (state(tenantId, "").isEmpty()) {
            lockShared(tenantId);
        }
        return state(tenantId, wait ? " FOR UPDATE" : " FOR UPDATE NOWAIT").orElse(false);
    }

    boolean built(long tenantId) {
        return state(tenantId, "").orElse(false);
    }

    void markBuilt(long tenantId) {
        jdbc.sql("UPDATE active_user_state SET built = TRUE WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }

    private Optional<Boolean> state(long tenantId, String lock) {
        return jdbc.sql("SELECT built FROM active_user_state WHERE tenant_id = :t" + lock)
                .param("t", tenantId)
                .query(Boolean.class)
                .optional();
    }

    /** Serializes writers of the same users: a user's counts depend on the user's activity on several days. */
    void lockUsers(long tenantId, Collection<Long> userIds) {
        for (List<Long> chunk : chunks(userIds.stream().sorted().distinct().toList())) {
            jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :t AND id IN (:ids) ORDER BY id FOR UPDATE")
                    .param("t", tenantId)
                    .param("ids", chunk)
                    .query(Long.class)
                    .list();
        }
    }

    Map<UserDay, DayCounts> counts(long tenantId, Collection<Long> userIds, Collection<LocalDate> days) {
        Map<UserDay, DayCounts> found = new HashMap<>();
        for (List<Long> users : chunks(List.copyOf(userIds))) {
            for (List<LocalDate> dayChunk : chunks(List.copyOf(days))) {
                jdbc.sql("""
                        SELECT user_id, day, counts FROM user_quarter_hours
                        WHERE tenant_id = :t AND day IN (:days) AND user_id IN (:users)
                        """)
                        .param("t", tenantId)
                        .param("days", dayChunk)
                        .param("users", users)
                        .query((rs, row) -> found.put(
                                new UserDay(rs.getLong("user_id"), rs.getObject("day", LocalDate.class)),
                                DayCounts.decode(rs.getBytes("counts"))))
                        .list();
            }
        }
        return found;
    }

    Map<UserDay, Mask> masks(long tenantId, Collection<Long> userIds, Collection<LocalDate> days) {
        Map<UserDay, Mask> found = new HashMap<>();
        for (List<Long> users : chunks(List.copyOf(userIds))) {
            for (List<LocalDate> dayChunk : chunks(List.copyOf(days))) {
                jdbc.sql("""
                        SELECT user_id, day, mask_lo, mask_hi FROM user_quarter_hours
                        WHERE tenant_id = :t AND day IN (:days) AND user_id IN (:users)
                        """)
                        .param("t", tenantId)
                        .param("days", dayChunk)
                        .param("users", users)
                        .query((rs, row) -> found.put(
                                new UserDay(rs.getLong("user_id"), rs.getObject("day", LocalDate.class)),
                                new Mask(rs.getLong("mask_lo"), rs.getLong("mask_hi"))))
                        .list();
            }
        }
        return found;
    }

    /** Every user's mask on the given days (the edges of a period counted at request time). */
    Map<UserDay, Mask> masksOn(long tenantId, Collection<LocalDate> days) {
        Map<UserDay, Mask> found = new HashMap<>();
        jdbc.sql(
                        "SELECT user_id, day, mask_lo, mask_hi FROM user_quarter_hours WHERE tenant_id = :t AND day IN (:days)")
                .param("t", tenantId)
                .param("days", List.copyOf(days))
                .query((rs, row) -> found.put(
                        new UserDay(rs.getLong("user_id"), rs.getObject("day", LocalDate.class)),
                        new Mask(rs.getLong("mask_lo"), rs.getLong("mask_hi"))))
                .list();
        return found;
    }

    Map<InteriorKey, Integer> interiors(long tenantId, Collection<Long> userIds, Collection<LocalDate> starts) {
        Map<InteriorKey, Integer> found = new HashMap<>();
        for (List<Long> users : chunks(List.copyOf(userIds))) {
            for (List<LocalDate> startChunk : chunks(List.copyOf(starts))) {
                jdbc.sql("""
                        SELECT period_kind, period_start, user_id, active_days FROM active_user_interior
                        WHERE tenant_id = :t AND period_kind IN ('W', 'M', 'Y') AND period_start IN (:starts)
                          AND user_id IN (:users)
                        """)
                        .param("t", tenantId)
                        .param("starts", startChunk)
                        .param("users", users)
                        .query((rs, row) -> found.put(
                                new InteriorKey(
                                        ActiveUserPeriod.ofCode(rs.getString("period_kind")),
                                        rs.getObject("period_start", LocalDate.class),
                                        rs.getLong("user_id")),
                                rs.getInt("active_days")))
                        .list();
            }
        }
        return found;
    }

    /**
     * The users of a period's edge days with an active quarter-hour in that day's window: at most four days, each
     * with its mask of the slots inside the period's exact UTC interval; unused terms repeat a day with an empty
     * window, which no row matches.
     */
    private static final String EDGE_USERS = """
            SELECT q.user_id FROM user_quarter_hours q
            WHERE q.tenant_id = :t AND q.day IN (:d0, :d1, :d2, :d3)
              AND (   (q.day = :d0 AND ((q.mask_lo & :lo0) <> 0 OR (q.mask_hi & :hi0) <> 0))
                   OR (q.day = :d1 AND ((q.mask_lo & :lo1) <> 0 OR (q.mask_hi & :hi1) <> 0))
                   OR (q.day = :d2 AND ((q.mask_lo & :lo2) <> 0 OR (q.mask_hi & :hi2) <> 0))
                   OR (q.day = :d3 AND ((q.mask_lo & :lo3) <> 0 OR (q.mask_hi & :hi3) <> 0)))
            """;

    /**
     * The users active in the period starting on the date as seen in a zone that changes offset inside it: those
     * with activity in its interior (weeks, months and years have one), and those of {@link #EDGE_USERS}. One
     * statement, so only the count leaves the database (at 100,000 users a DST day about 30 ms, a DST month about
     * 100 ms, where reading the rows into the portal took 160 ms).
     */
    long activeAcross(long tenantId, ActiveUserPeriod kind, LocalDate start, Map<LocalDate, Mask> edgeWindows) {
        if (edgeWindows.size() > 4) {
            throw new IllegalArgumentException("A period has at most four edge days, not " + edgeWindows.size());
        }
        String sql = PeriodWindows.hasInterior(kind)
                ? """
                  SELECT COUNT(DISTINCT user_id) FROM (
                      SELECT user_id FROM active_user_interior
                      WHERE tenant_id = :t AND period_kind = :kind AND period_start = :start AND active_days > 0
                      UNION ALL
                      %s) active
                  """.formatted(EDGE_USERS)
                : "SELECT COUNT(DISTINCT user_id) FROM (" + EDGE_USERS + ") active";
        var statement =
                jdbc.sql(sql).param("t", tenantId).param("kind", kind.code()).param("start", start);
        List<Map.Entry<LocalDate, Mask>> windows = List.copyOf(edgeWindows.entrySet());
        for (int i = 0; i < 4; i++) {
            Map.Entry<LocalDate, Mask> window = i < windows.size() ? windows.get(i) : Map.entry(start, Mask.NONE);
            statement = statement
                    .param("d" + i, window.getKey())
                    .param("lo" + i, window.getValue().lo())
                    .param("hi" + i, window.getValue().hi());
        }
        return statement.query(Long.class).single();
    }

    /** Writes the counts of the given user days; a day without activity loses its row. */
    void writeCounts(long tenantId, Map<UserDay, DayCounts> counts) {
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(UserDay::day).thenComparing(UserDay::userId)))
                .forEach(entry -> {
                    Mask mask = entry.getValue().mask();
                    java.sql.Date day = java.sql.Date.valueOf(entry.getKey().day());
                    if (mask.any()) {
                        upserts.add(new Object[] {
                            tenantId,
                            day,
                            entry.getKey().userId(),
                            entry.getValue().encode(),
                            mask.lo(),
                            mask.hi()
                        });
                    } else {
                        deletes.add(new Object[] {tenantId, day, entry.getKey().userId()});
                    }
                });
        for (List<Object[]> chunk : chunks(upserts)) {
            batch.batchUpdate("""
                    INSERT INTO user_quarter_hours (tenant_id, day, user_id, counts, mask_lo, mask_hi)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE counts = VALUES(counts), mask_lo = VALUES(mask_lo), mask_hi = VALUES(mask_hi)
                    """, chunk);
        }
        for (List<Object[]> chunk : chunks(deletes)) {
            batch.batchUpdate("DELETE FROM user_quarter_hours WHERE tenant_id = ? AND day = ? AND user_id = ?", chunk);
        }
    }

    void addToInteriors(long tenantId, Map<InteriorKey, Integer> deltas) {
        List<Object[]> rows = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            if (delta != 0) {
                rows.add(new Object[] {
                    tenantId, key.kind().code(), java.sql.Date.valueOf(key.start()), key.userId(), delta
                });
            }
        });
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate("""
                    INSERT INTO active_user_interior (tenant_id, period_kind, period_start, user_id, active_days)
                    VALUES (?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE active_days = active_days + VALUES(active_days)
                    """, chunk);
            batch.batchUpdate(
                    """
                    DELETE FROM active_user_interior
                    WHERE tenant_id = ? AND period_kind = ? AND period_start = ? AND user_id = ? AND active_days = 0
                    """,
                    chunk.stream()
                            .map(row -> new Object[] {row[0], row[1], row[2], row[3]})
                            .toList());
        }
    }

    /** Inserts interior counts of a tenant that has none yet (a build). */
    void insertInteriors(long tenantId, Map<InteriorKey, Integer> interiors) {
        List<Object[]> rows = new ArrayList<>();
        interiors.forEach((key, days) -> rows.add(
                new Object[] {tenantId, key.kind().code(), java.sql.Date.valueOf(key.start()), key.userId(), days}));
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate("""
                    INSERT INTO active_user_interior (tenant_id, period_kind, period_start, user_id, active_days)
                    VALUES (?, ?, ?, ?, ?)
                    """, chunk);
        }
    }

    void addToCounts(long tenantId, Map<CountKey, Integer> deltas) {
        List<Object[]> rows = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            if (delta != 0) {
                rows.add(new Object[] {
                    tenantId, key.kind().code(), java.sql.Date.valueOf(key.start()), key.shift(), delta
                });
            }
        });
        for (List<Object[]> chunk : chunks(rows)) {
            batch.batchUpdate("""
                    INSERT INTO active_user_count (tenant_id, period_kind, period_start, shift, active_users)
                    VALUES (?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE active_users = active_users + VALUES(active_users)
                    """, chunk);
        }
    }

    /** The counts of the periods of one kind and shift starting in {@code [from, to]}, by start. */
    Map<LocalDate, Long> countsByStart(long tenantId, ActiveUserPeriod kind, int shift, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> found = new HashMap<>();
        jdbc.sql("""
                SELECT period_start, active_users FROM active_user_count
                WHERE tenant_id = :t AND period_kind = :kind AND shift = :shift AND period_start BETWEEN :from AND :to
                """)
                .param("t", tenantId)
                .param("kind", kind.code())
                .param("shift", shift)
                .param("from", from)
                .param("to", to)
                .query((rs, row) ->
                        found.put(rs.getObject("period_start", LocalDate.class), rs.getLong("active_users")))
                .list();
        return found;
    }

    /** Per user, the days in {@code [from, to)} with activity. */
    Map<Long, Integer> activeDaysBetween(long tenantId, LocalDate from, LocalDate to) {
        Map<Long, Integer> days = new HashMap<>();
        jdbc.sql("""
                SELECT user_id, COUNT(*) AS days FROM user_quarter_hours
                WHERE tenant_id = :t AND day >= :from AND day < :to AND (mask_lo <> 0 OR mask_hi <> 0)
                GROUP BY user_id
                """)
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> days.put(rs.getLong("user_id"), rs.getInt("days")))
                .list();
        return days;
    }

    /** Deletes the interior and count rows of the periods of the kind that start in {@code [from, to)}. */
    void deletePeriods(long tenantId, ActiveUserPeriod kind, LocalDate from, LocalDate to) {
        for (String table : List.of("active_user_interior", "active_user_count")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t AND period_kind = :kind AND period_start >= :from"
                            + " AND period_start < :to")
                    .param("t", tenantId)
                    .param("kind", kind.code())
                    .param("from", from)
                    .param("to", to)
                    .update();
        }
    }

    void deleteQuarterHoursBefore(long tenantId, LocalDate day) {
        jdbc.sql("DELETE FROM user_quarter_hours WHERE tenant_id = :t AND day < :day")
                .param("t", tenantId)
                .param("day", day)
                .update();
    }

    // ---- building from raw sessions

    /**
     * Sessions before the tenant's first kept day (retention, kept by the session writer) are forgotten by every
     * rollup and wait only for their partition to be dropped: a build must not count them either.
     */
    private static final String KEPT =
            "start_time >= COALESCE((SELECT kept_from FROM user_period_state WHERE tenant_id = :t), DATE '1000-01-01')";

    void deleteAll(long tenantId) {
        for (String table : List.of("user_quarter_hours", "active_user_interior", "active_user_count")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenantId)
                    .update();
        }
    }

    /** The first and last UTC day on which one of the tenant's audio or video sessions starts. */
    Optional<LocalDate[]> sessionDays(long tenantId) {
        return jdbc.sql(
                        "SELECT MIN(start_time) AS first, MAX(start_time) AS last FROM comm_session WHERE tenant_id = :t AND "
                                + KEPT)
                .param("t", tenantId)
                .query((rs, row) -> {
                    LocalDateTime first = rs.getObject("first", LocalDateTime.class);
                    LocalDateTime last = rs.getObject("last", LocalDateTime.class);
                    return first == null || last == null
                            ? null
                            : new LocalDate[] {first.toLocalDate(), last.toLocalDate()};
                })
                .optional();
    }

    /** The audio or video sessions with a licensed party that start on the UTC day. */
    void activeSpansStartingOn(long tenantId, LocalDate day, Consumer<ActiveSpan> spans) {
        jdbc.sql("""
                SELECT id, start_time, end_time, from_user_id, to_user_id FROM comm_session
                WHERE tenant_id = :t AND start_time >= :from AND start_time < :to AND (media_mask & :av) <> 0
                  AND (from_user_id IS NOT NULL OR to_user_id IS NOT NULL) AND %s
                """.formatted(KEPT))
                .param("t", tenantId)
                .param("from", day.atStartOfDay())
                .param("to", day.plusDays(1).atStartOfDay())
                .param("av", AUDIO_OR_VIDEO)
                .query(ActiveUserRepository::activeSpan)
                .list()
                .forEach(spans);
    }

    /**
     * The audio or video sessions with a licensed party that start on the UTC days [from, day) and end after the
     * day's start: those that may be in progress on the day.
     */
    void activeSpansIntoDay(long tenantId, LocalDate from, LocalDate day, Consumer<ActiveSpan> spans) {
        spansIntoDay(tenantId, "", null, from, day, spans);
    }

    /**
     * {@link #activeSpansIntoDay} of one user, as either party, read through the party indexes: for a user in a
     * session that may have started long before the day, where reading every session since would be slow.
     */
    void activeSpansOfUserIntoDay(
            long tenantId, long userId, LocalDate from, LocalDate day, Consumer<ActiveSpan> spans) {
        for (String party : List.of("from_user_id", "to_user_id")) {
            spansIntoDay(tenantId, " AND " + party + " = :user", userId, from, day, spans);
        }
    }

    private void spansIntoDay(
            long tenantId,
            String party,
            @Nullable Long userId,
            LocalDate from,
            LocalDate day,
            Consumer<ActiveSpan> spans) {
        var statement = jdbc.sql("""
                        SELECT id, start_time, end_time, from_user_id, to_user_id FROM comm_session
                        WHERE tenant_id = :t%s AND start_time >= :from AND start_time < :day AND end_time > :day
                          AND (media_mask & :av) <> 0 AND (from_user_id IS NOT NULL OR to_user_id IS NOT NULL) AND %s
                        """.formatted(party, KEPT))
                .param("t", tenantId)
                .param("from", from.atStartOfDay())
                .param("day", day.atStartOfDay())
                .param("av", AUDIO_OR_VIDEO);
        if (userId != null) {
            statement = statement.param("user", userId);
        }
        statement.query(ActiveUserRepository::activeSpan).list().forEach(spans);
    }

    private static ActiveSpan activeSpan(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ActiveSpan(
                rs.getLong("id"),
                UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                UtcDateTime.fromColumn(rs.getObject("end_time", LocalDateTime.class)),
                rs.getObject("from_user_id", Long.class),
                rs.getObject("to_user_id", Long.class));
    }

    /** The last quarter-hour of a day (23:45 UTC), bit 31 of mask_hi. */
    private static final long LAST_SLOT = 1L << (QuarterHours.PER_DAY - 1 - 64);

    /** Of the given users, those active in the UTC day's last quarter-hour. */
    java.util.Set<Long> activeAtEndOf(long tenantId, LocalDate day, Collection<Long> userIds) {
        java.util.Set<Long> found = new java.util.HashSet<>();
        for (List<Long> users : chunks(List.copyOf(userIds))) {
            found.addAll(jdbc.sql("""
                    SELECT user_id FROM user_quarter_hours
                    WHERE tenant_id = :t AND day = :day AND (mask_hi & :last) <> 0 AND user_id IN (:users)
                    """)
                    .param("t", tenantId)
                    .param("day", day)
                    .param("last", LAST_SLOT)
                    .param("users", users)
                    .query(Long.class)
                    .list());
        }
        return found;
    }

    /** Every user active in the UTC day's last quarter-hour. */
    java.util.Set<Long> activeAtEndOf(long tenantId, LocalDate day) {
        return new java.util.HashSet<>(jdbc.sql("""
                SELECT user_id FROM user_quarter_hours
                WHERE tenant_id = :t AND day = :day AND (mask_hi & :last) <> 0
                """)
                .param("t", tenantId)
                .param("day", day)
                .param("last", LAST_SLOT)
                .query(Long.class)
                .list());
    }

    /** Every user's stored row of the UTC day, by user id. */
    Map<Long, StoredDay> storedDay(long tenantId, LocalDate day) {
        Map<Long, StoredDay> found = new HashMap<>();
        jdbc.sql("SELECT user_id, counts, mask_lo, mask_hi FROM user_quarter_hours WHERE tenant_id = :t AND day = :day")
                .param("t", tenantId)
                .param("day", day)
                .query((rs, row) -> found.put(
                        rs.getLong("user_id"),
                        new StoredDay(rs.getBytes("counts"), new Mask(rs.getLong("mask_lo"), rs.getLong("mask_hi")))))
                .list();
        return found;
    }

    /** The tenant's users with quarter-hour activity, in id order. */
    List<Long> activeUserIds(long tenantId) {
        return jdbc.sql("SELECT DISTINCT user_id FROM user_quarter_hours WHERE tenant_id = :t ORDER BY user_id")
                .param("t", tenantId)
                .query(Long.class)
                .list();
    }

    /** Every day's mask of the given users. */
    Map<Long, java.util.NavigableMap<LocalDate, Mask>> masksOfUsers(long tenantId, List<Long> userIds) {
        Map<Long, java.util.NavigableMap<LocalDate, Mask>> found = new HashMap<>();
        jdbc.sql("""
                SELECT user_id, day, mask_lo, mask_hi FROM user_quarter_hours
                WHERE tenant_id = :t AND user_id IN (:users)
                """)
                .param("t", tenantId)
                .param("users", userIds)
                .query((rs, row) -> found.computeIfAbsent(rs.getLong("user_id"), id -> new java.util.TreeMap<>())
                        .put(
                                rs.getObject("day", LocalDate.class),
                                new Mask(rs.getLong("mask_lo"), rs.getLong("mask_hi"))))
                .list();
        return found;
    }

    static <T> List<List<T>> chunks(List<T> items) {
        return Chunks.of(items);
    }
}
