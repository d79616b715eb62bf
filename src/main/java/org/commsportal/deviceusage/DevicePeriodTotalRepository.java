package org.commsportal.deviceusage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.commsportal.common.AddingUpdate;
import org.commsportal.common.Chunks;
import org.commsportal.common.PeriodTotalsState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-user period totals of device usage (device_usage_period_total, changeset 031) and the report date they end
 * on (device_usage_period_state), derived from device_usage_day with set-based SQL (docs/device-usage.md, "Period
 * totals"). Each platform's column counts the user's session parties on it in the window, so every change adds.
 */
@Repository
class DevicePeriodTotalRepository implements PeriodTotalsState.Steps {

    /** platform_0 .. platform_7, by platform code. */
    static final List<String> PLATFORM_COLUMNS = IntStream.range(0, Platform.values().length)
            .mapToObj(code -> "platform_" + code)
            .toList();

    /** The sessions per platform of the rows {@code r}, each times the sign expression. */
    private static String sums(String sign) {
        return String.join(
                ", ",
                IntStream.range(0, PLATFORM_COLUMNS.size())
                        .mapToObj(
                                code -> "SUM(IF(r.platform = " + code + ", " + sign + " * r.sessions, 0)) AS p" + code)
                        .toList());
    }

    private static final String ADD_SUMS = String.join(
            ", ",
            IntStream.range(0, PLATFORM_COLUMNS.size())
                    .mapToObj(code -> "t.platform_" + code + " = t.platform_" + code + " + d.p" + code)
                    .toList());

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final PeriodTotalsState state;

    DevicePeriodTotalRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.state = new PeriodTotalsState(jdbc, "device_usage_period_state");
    }

    /** The report date the totals end on, without locking; null when not built yet. */
    @Nullable
    LocalDate reportDate(long tenantId) {
        return state.reportDate(tenantId);
    }

    List<Integer> periodDays() {
        return state.periodDays();
    }

    /** Moves the totals to the report date in the caller's transaction; false when they already ended there. */
    boolean moveTo(long tenantId, LocalDate reportDate, LongConsumer lockExclusive) {
        return state.move(tenantId, reportDate, lockExclusive, this);
    }

    void addNewUsers(long tenantId, Collection<String> upns) {
        for (List<String> chunk : Chunks.of(new ArrayList<>(upns))) {
            jdbc.sql("""
                    INSERT IGNORE INTO device_usage_period_total (tenant_id, user_id, period_days)
                    SELECT :t, u.id, p.days FROM licensed_user u CROSS JOIN report_period p
                    WHERE u.tenant_id = :t AND u.upn IN (:upns)
                      AND NOT EXISTS (SELECT 1 FROM device_usage_period_total x
                                      WHERE x.tenant_id = :t AND x.user_id = u.id)
                    """).param("t", tenantId).param("upns", chunk).update();
        }
    }

    /** Locks these users' totals in id order until the transaction ends (their last days are recounted). */
    void lockUsers(long tenantId, SortedSet<Long> userIds) {
        for (List<Long> chunk : Chunks.of(new ArrayList<>(userIds))) {
            jdbc.sql("""
                    SELECT user_id FROM device_usage_period_total
                    WHERE tenant_id = :t AND user_id IN (:users) ORDER BY user_id, period_days FOR UPDATE
                    """)
                    .param("t", tenantId)
                    .param("users", chunk)
                    .query(Long.class)
                    .list();
        }
    }

    /** Recomputes every licensed user's totals for the periods ending on the report date. */
    @Override
    public void rebuild(long tenantId, LocalDate reportDate) {
        jdbc.sql("DELETE FROM device_usage_period_total WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
        jdbc.sql("""
                INSERT INTO device_usage_period_total (tenant_id, user_id, period_days)
                SELECT u.tenant_id, u.id, p.days FROM licensed_user u CROSS JOIN report_period p
                WHERE u.tenant_id = :t
                """).param("t", tenantId).update();
        jdbc.sql("""
                UPDATE device_usage_period_total t JOIN (
                    SELECT r.user_id, p.days, %s
                    FROM device_usage_day r JOIN report_period p ON r.day > :reportDate - INTERVAL p.days DAY
                    WHERE r.tenant_id = :t AND r.day <= :reportDate
                      AND r.day > :reportDate - INTERVAL (SELECT MAX(days) FROM report_period) DAY
                    GROUP BY r.user_id, p.days) d ON t.tenant_id = :t AND t.user_id = d.user_id AND t.period_days = d.days
                SET %s
                """.formatted(sums("1"), ADD_SUMS))
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .update();
        jdbc.sql("""
                UPDATE device_usage_period_total t JOIN (
                    SELECT user_id, MAX(day) AS last_day FROM device_usage_day
                    WHERE tenant_id = :t AND day <= :reportDate GROUP BY user_id) l
                  ON t.tenant_id = :t AND t.user_id = l.user_id
                SET t.last_day = l.last_day
                """).param("t", tenantId).param("reportDate", reportDate).update();
    }

    /** Adds session differences per user, period and platform (in user id order, the lock order). */
    void add(long tenantId, SortedMap<Long, SortedMap<Integer, long[]>> byUserAndPeriod) {
        List<Object[]> rows = new ArrayList<>();
        byUserAndPeriod.forEach((userId, byPeriod) -> byPeriod.forEach((days, sessions) -> {
            Object[] row = new Object[sessions.length + 2];
            row[0] = userId;
            row[1] = days;
            for (int code = 0; code < sessions.length; code++) {
                row[code + 2] = sessions[code];
            }
            rows.add(row);
        }));
        AddingUpdate.run(
                batch,
                "device_usage_period_total",
                tenantId,
                List.of("user_id", "period_days"),
                PLATFORM_COLUMNS,
                rows);
    }

    /**
     * Moves each user's last day (user id, then the newest day the write added) forward on every period row of the
     * user (docs/device-usage.md).
     */
    void raiseLastDays(long tenantId, List<Object[]> users) {
        AddingUpdate.raiseDates(
                batch, "device_usage_period_total", tenantId, List.of("user_id"), List.of("last_day"), users);
    }

    /** Recomputes the last day with a session up to the report date of these users (the primary key's newest day). */
    void refreshLastDays(long tenantId, LocalDate reportDate, Collection<Long> userIds) {
        for (List<Long> chunk : Chunks.of(new ArrayList<>(userIds))) {
            jdbc.sql("""
                    UPDATE device_usage_period_total t SET t.last_day = (
                        SELECT MAX(r.day) FROM device_usage_day r
                        WHERE r.tenant_id = t.tenant_id AND r.user_id = t.user_id AND r.day <= :reportDate)
                    WHERE t.tenant_id = :t AND t.user_id IN (:users)
                    """)
                    .param("t", tenantId)
                    .param("reportDate", reportDate)
                    .param("users", chunk)
                    .update();
        }
    }

    /** Moves one period's sums from the window ending on {@code from} to the one ending on the later {@code to}. */
    @Override
    public void moveWindow(long tenantId, int periodDays, LocalDate from, LocalDate to) {
        LocalDate leaving = from.minusDays(periodDays); // days (leaving, leftUntil] leave
        LocalDate leftUntil = from.isBefore(to.minusDays(periodDays)) ? from : to.minusDays(periodDays);
        LocalDate entering = from.isAfter(to.minusDays(periodDays)) ? from : to.minusDays(periodDays);
        jdbc.sql("""
                UPDATE device_usage_period_total t JOIN (
                    SELECT r.user_id, %s
                    FROM device_usage_day r
                    WHERE r.tenant_id = :t AND ((r.day > :leaving AND r.day <= :leftUntil)
                                                OR (r.day > :entering AND r.day <= :to))
                    GROUP BY r.user_id) d ON t.tenant_id = :t AND t.user_id = d.user_id AND t.period_days = :days
                SET %s
                """.formatted(sums("IF(r.day > :entering, 1, -1)"), ADD_SUMS))
                .param("t", tenantId)
                .param("days", periodDays)
                .param("leaving", leaving)
                .param("leftUntil", leftUntil)
                .param("entering", entering)
                .param("to", to)
                .update();
    }

    /** Moves the last days on from the report date {@code from} to the later {@code to}. */
    @Override
    public void moveLastDays(long tenantId, LocalDate from, LocalDate to) {
        jdbc.sql("""
                UPDATE device_usage_period_total t JOIN (
                    SELECT user_id, MAX(day) AS last_day FROM device_usage_day
                    WHERE tenant_id = :t AND day > :from AND day <= :to GROUP BY user_id) l
                  ON t.tenant_id = :t AND t.user_id = l.user_id
                SET t.last_day = l.last_day
                """).param("t", tenantId).param("from", from).param("to", to).update();
    }

    /**
     * Distinct users per platform over one period ending on the report date; platforms nobody used are absent. Counts
     * the used-platform bits, so one entry per user of the index (tenant, period, platforms) of changeset 040 answers.
     */
    Map<Platform, Long> distribution(long tenantId, int periodDays, LocalDate reportDate) {
        Map<Platform, Long> users = new EnumMap<>(Platform.class);
        jdbc.sql("""
                SELECT %s FROM device_usage_period_total t
                JOIN device_usage_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :reportDate
                WHERE t.tenant_id = :t AND t.period_days = :days
                """.formatted(String.join(
                        ", ",
                        IntStream.range(0, Platform.values().length)
                                .mapToObj(code -> "SUM((t.platforms >> " + code + ") & 1)")
                                .toList())))
                .param("t", tenantId)
                .param("days", periodDays)
                .param("reportDate", reportDate)
                .query((rs, row) -> {
                    for (Platform platform : Platform.values()) {
                        long count = rs.getLong(platform.code() + 1);
                        if (count > 0) {
                            users.put(platform, count);
                        }
                    }
                    return users;
                })
                .list();
        return users;
    }

    /** Totals that differ from a recount of device_usage_day, human-readable, at most limit. */
    List<String> differences(long tenantId, int limit) {
        @Nullable LocalDate reportDate = reportDate(tenantId);
        if (reportDate == null) {
            return List.of();
        }
        String stored = String.join(
                ", ",
                PLATFORM_COLUMNS.stream().map(c -> "COALESCE(t." + c + ", '-')").toList());
        String recounted = String.join(
                ", ",
                IntStream.range(0, PLATFORM_COLUMNS.size())
                        .mapToObj(code -> "COALESCE(d.p" + code + ", 0)")
                        .toList());
        String equal = String.join(
                " AND ",
                IntStream.range(0, PLATFORM_COLUMNS.size())
                        .mapToObj(code -> "t.platform_" + code + " = COALESCE(d.p" + code + ", 0)")
                        .toList());
        return jdbc.sql("""
                SELECT CONCAT('device_usage_period_total user ', u.id, ' period ', p.days, ' days: stored ',
                              CONCAT_WS('/', %1$s, COALESCE(t.last_day, '-')), ', recounted ',
                              CONCAT_WS('/', %2$s, COALESCE(l.last_day, '-')))
                FROM licensed_user u CROSS JOIN report_period p
                LEFT JOIN (
                    SELECT r.user_id, p.days, %3$s
                    FROM device_usage_day r JOIN report_period p ON r.day > :reportDate - INTERVAL p.days DAY
                    WHERE r.tenant_id = :t AND r.day <= :reportDate
                    GROUP BY r.user_id, p.days) d ON d.user_id = u.id AND d.days = p.days
                LEFT JOIN (
                    SELECT user_id, MAX(day) AS last_day FROM device_usage_day
                    WHERE tenant_id = :t AND day <= :reportDate GROUP BY user_id) l ON l.user_id = u.id
                LEFT JOIN device_usage_period_total t
                  ON t.tenant_id = :t AND t.user_id = u.id AND t.period_days = p.days
                WHERE u.tenant_id = :t AND (t.user_id IS NULL OR NOT (%4$s AND t.last_day <=> l.last_day))
                LIMIT :limit
                """.formatted(stored, recounted, sums("1"), equal))
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .param("limit", limit)
                .query(String.class)
                .list();
    }
}
