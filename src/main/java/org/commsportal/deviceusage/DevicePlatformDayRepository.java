package org.commsportal.deviceusage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.commsportal.common.Chunks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of device_usage_platform_day (changeset 040): per tenant, UTC day and platform, the distinct licensed users
 * with a row of device_usage_day, which the daily users chart reads (docs/device-usage.md, "Daily users per
 * platform").
 */
@Repository
class DevicePlatformDayRepository {

    /** The recount from device_usage_day, the SQL twin of what {@link #add} keeps. */
    private static final String RECOUNTED = """
            SELECT day, platform, COUNT(DISTINCT user_id) AS users
            FROM device_usage_day WHERE tenant_id = :tenantId
            GROUP BY day, platform
            """;

    /** A user's rows of one day and platform: one row, or for Other one per client version. */
    private record UserDayPlatform(long userId, LocalDate day, Platform platform) {}

    /** A row of the table, in its key order (the order writers lock them in). */
    private record DayPlatform(LocalDate day, Platform platform) implements Comparable<DayPlatform> {

        @Override
        public int compareTo(DayPlatform other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : platform.compareTo(other.platform);
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    DevicePlatformDayRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /**
     * After device_usage_day took the changes: counts a user in where their first session party of a day and
     * platform appeared and out where the last one went. The user's rows of those days are this write's alone: the
     * write core locked each user's daily rollup row of the day before the listeners run, and the write reads
     * committed, so what a read finds now minus the changes is exactly what the rows held before (as the core's own
     * distinct users per day, docs/architecture.md). Costs as much as the write, however many users the tenant has.
     */
    void add(long tenantId, SortedMap<PartyPlatformDay, Long> changes) {
        Map<UserDayPlatform, Long> byUser = new HashMap<>();
        changes.forEach((key, sessions) -> {
            if (sessions != 0) {
                byUser.merge(new UserDayPlatform(key.userId(), key.day(), key.platform()), sessions, Long::sum);
            }
        });
        byUser.values().removeIf(sessions -> sessions == 0); // an agent changed within the platform
        if (byUser.isEmpty()) {
            return;
        }
        Map<UserDayPlatform, Long> now = new HashMap<>();
        List<Object[]> keys = new ArrayList<>(byUser.size());
        byUser.keySet()
                .forEach(key -> keys.add(
                        new Object[] {key.userId(), key.day(), key.platform().code()}));
        for (List<Object[]> chunk : Chunks.of(keys)) {
            jdbc.sql("""
                    SELECT user_id, day, platform, SUM(sessions) AS sessions
                    FROM device_usage_day FORCE INDEX (PRIMARY)
                    WHERE tenant_id = :tenantId AND (user_id, day, platform) IN (:keys)
                    GROUP BY user_id, day, platform
                    """)
                    .param("tenantId", tenantId)
                    .param("keys", chunk)
                    .query((rs, row) -> now.put(
                            new UserDayPlatform(
                                    rs.getLong("user_id"),
                                    rs.getObject("day", LocalDate.class),
                                    Platform.ofCode(rs.getInt("platform"))),
                            rs.getLong("sessions")))
                    .list();
        }
        SortedMap<DayPlatform, Integer> users = new TreeMap<>();
        byUser.forEach((key, sessions) -> {
            long after = now.getOrDefault(key, 0L);
            int change = (after > 0 ? 1 : 0) - (after - sessions > 0 ? 1 : 0);
            if (change != 0) {
                users.merge(new DayPlatform(key.day(), key.platform()), change, Integer::sum);
            }
        });
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> lowered = new ArrayList<>();
        users.forEach((row, change) -> {
            if (change != 0) {
                rows.add(new Object[] {tenantId, row.day(), row.platform().code(), change});
                if (change < 0) {
                    lowered.add(
                            new Object[] {tenantId, row.day(), row.platform().code()});
                }
            }
        });
        for (List<Object[]> chunk : Chunks.of(rows)) {
            batch.batchUpdate("""
                    INSERT INTO device_usage_platform_day (tenant_id, day, platform, users) VALUES (?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE users = users + VALUES(users)
                    """, chunk);
        }
        for (List<Object[]> chunk : Chunks.of(lowered)) {
            batch.batchUpdate("""
                    DELETE FROM device_usage_platform_day WHERE tenant_id = ? AND day = ? AND platform = ?
                        AND users <= 0
                    """, chunk);
        }
    }

    /** Retention: forgets the days before the day. */
    void deleteBefore(long tenantId, LocalDate day) {
        jdbc.sql("DELETE FROM device_usage_platform_day WHERE tenant_id = :tenantId AND day < :day")
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
    }

    /** Replaces the tenant's rows by the recount of device_usage_day (after that was rebuilt). */
    void rebuild(long tenantId) {
        jdbc.sql("DELETE FROM device_usage_platform_day WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
        jdbc.sql("""
                INSERT INTO device_usage_platform_day (tenant_id, day, platform, users)
                SELECT :tenantId, r.day, r.platform, r.users FROM (%s) r
                """.formatted(RECOUNTED)).param("tenantId", tenantId).update();
    }

    /** Replaces the rows of the days [from, until) by the recount of their device_usage_day rows. */
    void rebuildDays(long tenantId, LocalDate from, LocalDate until) {
        jdbc.sql("DELETE FROM device_usage_platform_day WHERE tenant_id = :tenantId AND day >= :from AND day < :until")
                .param("tenantId", tenantId)
                .param("from", from)
                .param("until", until)
                .update();
        jdbc.sql("""
                INSERT INTO device_usage_platform_day (tenant_id, day, platform, users)
                SELECT :tenantId, r.day, r.platform, r.users FROM (%s) r
                """.formatted(RECOUNTED.replace(
                        "WHERE tenant_id = :tenantId",
                        "WHERE tenant_id = :tenantId AND day >= :from AND day < :until")))
                .param("tenantId", tenantId)
                .param("from", from)
                .param("until", until)
                .update();
    }

    /**
     * The rows that differ from the recount of device_usage_day, described, at most limit (device_usage_day itself
     * is compared with the raw sessions).
     */
    List<String> differences(long tenantId, int limit) {
        return jdbc.sql("""
                SELECT 'stored' AS side, a.day, a.platform, a.users
                FROM device_usage_platform_day a LEFT JOIN (%1$s) r ON r.day = a.day AND r.platform = a.platform
                WHERE a.tenant_id = :tenantId AND (r.day IS NULL OR r.users <> a.users)
                UNION ALL
                SELECT 'recounted', r.day, r.platform, r.users
                FROM (%1$s) r LEFT JOIN device_usage_platform_day a
                  ON a.tenant_id = :tenantId AND a.day = r.day AND a.platform = r.platform
                WHERE a.day IS NULL
                LIMIT :limit
                """.formatted(RECOUNTED))
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "device_usage_platform_day " + rs.getString("side") + " day "
                        + rs.getObject("day", LocalDate.class) + " platform " + Platform.ofCode(rs.getInt("platform"))
                        + ": users " + rs.getLong("users"))
                .list();
    }

    /** Distinct users per day and platform of [from, to]; days without a session are absent. */
    Map<LocalDate, Map<Platform, Long>> days(long tenantId, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<Platform, Long>> days = new TreeMap<>();
        jdbc.sql("""
                SELECT day, platform, users FROM device_usage_platform_day
                WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
                """)
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> days.computeIfAbsent(
                                rs.getObject("day", LocalDate.class), day -> new EnumMap<>(Platform.class))
                        .put(Platform.ofCode(rs.getInt("platform")), rs.getLong("users")))
                .list();
        return days;
    }
}
