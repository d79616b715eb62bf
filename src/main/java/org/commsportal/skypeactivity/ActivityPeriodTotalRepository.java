package org.commsportal.skypeactivity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.commsportal.common.AddingUpdate;
import org.commsportal.common.Chunks;
import org.commsportal.common.PeriodTotalsState;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-user period totals of the activity pages (skype_activity_period_total, changeset 031) and the report date
 * they end on (skype_activity_period_state), derived from activity_party_day with set-based SQL
 * (docs/skype-for-business-activity.md, "Period totals").
 */
@Repository
class ActivityPeriodTotalRepository implements PeriodTotalsState.Steps {

    /** The stored counters, in the order {@link #figures} selects them. */
    static final List<String> COUNTERS;

    static {
        List<String> counters = new ArrayList<>();
        counters.add("peer_to_peer");
        for (String kind : List.of("organized", "participated")) {
            for (String counter : List.of(
                    "",
                    "_im",
                    "_audio_video",
                    "_app_sharing",
                    "_web_count",
                    "_dial_third_party_count",
                    "_dial_microsoft_count",
                    "_audio_video_ms",
                    "_dial_in_microsoft_sum",
                    "_dial_out_microsoft_sum",
                    "_sessions",
                    "_web_stated",
                    "_telephone",
                    "_provider_stated")) {
                counters.add(kind + counter);
            }
        }
        COUNTERS = List.copyOf(counters);
    }

    private static final List<String> LAST_DAYS = List.of("peer_to_peer_last", "organized_last", "participated_last");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final PeriodTotalsState state;

    ActivityPeriodTotalRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.state = new PeriodTotalsState(jdbc, "skype_activity_period_state");
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

    /**
     * The figures of the activity_party_day rows {@code a} (grouped by the caller) times {@code sign}: peer-to-peer
     * sessions, and per kind of conference the distinct conferences, those by type and the sums behind the minutes
     * and behind "unknown" (the same counting as the day totals and the per-day table, docs/skype-for-business-activity.md).
     */
    static String figures(String sign) {
        return String.join(", ", figureList(sign));
    }

    private static List<String> figureList(String sign) {
        List<String> columns = new ArrayList<>();
        columns.add(sign + " * SUM(IF(a.kind = 0, a.sessions, 0))");
        for (int kind = 1; kind <= 2; kind++) {
            String of = "a.kind = " + kind;
            columns.add(sign + " * COUNT(DISTINCT IF(" + of + ", a.conference_key, NULL))");
            for (String flag : List.of(
                    "im_sessions",
                    "audio_video_sessions",
                    "app_sharing_sessions",
                    "web_sessions",
                    "dial_third_party_sessions",
                    "dial_microsoft_sessions")) {
                columns.add(sign + " * COUNT(DISTINCT IF(" + of + " AND a." + flag + " > 0, a.conference_key, NULL))");
            }
            for (String sum : List.of(
                    "a.audio_video_ms",
                    "a.dial_in_microsoft_ms",
                    "a.dial_out_microsoft_ms",
                    "a.sessions",
                    "a.web_stated_sessions",
                    "a.telephone_sessions",
                    "a.dial_microsoft_sessions + a.dial_third_party_sessions")) {
                columns.add(sign + " * SUM(IF(" + of + ", " + sum + ", 0))");
            }
        }
        return columns;
    }

    private static final String INSERT_ADDING =
            "INSERT INTO skype_activity_period_total (tenant_id, user_id, period_days, " + String.join(", ", COUNTERS)
                    + ") ";

    private static final String ADD_ON_DUPLICATE = " ON DUPLICATE KEY UPDATE "
            + String.join(
                    ", ",
                    COUNTERS.stream()
                            .map(c -> c + " = " + c + " + VALUES(" + c + ")")
                            .toList());

    /** Zero rows for every period for those of these users who have none yet (users just added). */
    void addNewUsers(long tenantId, Collection<String> upns) {
        for (List<String> chunk : Chunks.of(new ArrayList<>(upns))) {
            jdbc.sql("""
                    INSERT IGNORE INTO skype_activity_period_total (tenant_id, user_id, period_days)
                    SELECT :t, u.id, p.days FROM licensed_user u CROSS JOIN report_period p
                    WHERE u.tenant_id = :t AND u.upn IN (:upns)
                      AND NOT EXISTS (SELECT 1 FROM skype_activity_period_total x
                                      WHERE x.tenant_id = :t AND x.user_id = u.id)
                    """).param("t", tenantId).param("upns", chunk).update();
        }
    }

    /**
     * Locks the totals of these users, in id order, until the transaction ends: writers of the same user's rows
     * queue here, so that each recounts its conferences over the rows the one before it committed.
     */
    void lockUsers(long tenantId, SortedSet<Long> userIds) {
        for (List<Long> chunk : Chunks.of(new ArrayList<>(userIds))) {
            jdbc.sql("""
                    SELECT user_id FROM skype_activity_period_total
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
        jdbc.sql("DELETE FROM skype_activity_period_total WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
        jdbc.sql("""
                INSERT INTO skype_activity_period_total (tenant_id, user_id, period_days)
                SELECT u.tenant_id, u.id, p.days FROM licensed_user u CROSS JOIN report_period p
                WHERE u.tenant_id = :t
                """).param("t", tenantId).update();
        // one pass over the longest period's rows, each row counted in every period that holds its day
        jdbc.sql(INSERT_ADDING + "SELECT :t, a.user_id, p.days, " + figures("1") + """
                         FROM activity_party_day a
                        JOIN report_period p ON a.day > :reportDate - INTERVAL p.days DAY
                        WHERE a.tenant_id = :t AND a.user_id <> 0 AND a.day <= :reportDate
                          AND a.day > :reportDate - INTERVAL (SELECT MAX(days) FROM report_period) DAY
                        GROUP BY a.user_id, p.days""" + ADD_ON_DUPLICATE)
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .update();
        jdbc.sql("""
                UPDATE skype_activity_period_total t JOIN (
                    SELECT user_id, MAX(IF(kind = 0, day, NULL)) AS p2p, MAX(IF(kind = 1, day, NULL)) AS organized,
                           MAX(IF(kind = 2, day, NULL)) AS participated
                    FROM activity_party_day
                    WHERE tenant_id = :t AND user_id <> 0 AND day <= :reportDate
                    GROUP BY user_id) a ON t.tenant_id = :t AND t.user_id = a.user_id
                SET t.peer_to_peer_last = a.p2p, t.organized_last = a.organized, t.participated_last = a.participated
                """).param("t", tenantId).param("reportDate", reportDate).update();
    }

    /**
     * Adds (sign +1) or takes away (-1) the figures of these conferences (user, kind, key) in the windows of every
     * period ending on the report date: run before and after their rows change, it changes the totals by exactly
     * what the change did to them.
     */
    void addConferences(long tenantId, LocalDate reportDate, List<PartyDay> conferences, int sign) {
        for (List<PartyDay> chunk : Chunks.of(conferences)) {
            List<Object> args = new ArrayList<>();
            args.add(tenantId);
            args.add(java.sql.Date.valueOf(reportDate));
            args.add(tenantId);
            args.add(java.sql.Date.valueOf(reportDate));
            args.add(java.sql.Date.valueOf(reportDate));
            StringBuilder which = new StringBuilder();
            for (PartyDay c : chunk) {
                which.append(which.isEmpty() ? "" : " OR ")
                        .append("(a.user_id = ? AND a.kind = ? AND a.conference_key = ?)");
                args.add(c.userId());
                args.add(c.kind().code());
                args.add(c.conferenceKey());
            }
            // the conference index (tenant, user, kind, conference_key, day) finds each conference's days
            batch.update(
                    INSERT_ADDING + "SELECT ?, a.user_id, p.days, " + figures(String.valueOf(sign)) + """
                             FROM activity_party_day a
                            JOIN report_period p ON a.day > ? - INTERVAL p.days DAY
                            WHERE a.tenant_id = ? AND a.day <= ?
                              AND a.day > ? - INTERVAL (SELECT MAX(days) FROM report_period) DAY
                              AND (""" + which
                            + ") GROUP BY a.user_id, p.days" + ADD_ON_DUPLICATE,
                    args.toArray());
        }
    }

    /** Adds peer-to-peer session differences, per user and period (user id order, the lock order). */
    void addPeerToPeer(long tenantId, SortedMap<Long, Map<Integer, Long>> byUserAndPeriod) {
        List<Object[]> rows = new ArrayList<>();
        byUserAndPeriod.forEach((userId, byPeriod) -> new TreeMap<>(byPeriod).forEach((days, sessions) -> {
            if (sessions != 0) {
                rows.add(new Object[] {userId, days, sessions});
            }
        }));
        AddingUpdate.run(
                batch,
                "skype_activity_period_total",
                tenantId,
                List.of("user_id", "period_days"),
                List.of("peer_to_peer"),
                rows);
    }

    /**
     * Moves each user's last days (user id, then the newest added day of peer-to-peer, organized and participated
     * rows, or null) forward on every period row of the user (docs/skype-for-business-activity.md, "Period totals").
     */
    void raiseLastDays(long tenantId, List<Object[]> users) {
        AddingUpdate.raiseDates(
                batch,
                "skype_activity_period_total",
                tenantId,
                List.of("user_id"),
                List.of("peer_to_peer_last", "organized_last", "participated_last"),
                users);
    }

    /** Recomputes the last day of each kind up to the report date of these users (the primary key's last days). */
    void refreshLastDays(long tenantId, LocalDate reportDate, Collection<Long> userIds) {
        String lastOf = "(SELECT MAX(a.day) FROM activity_party_day a WHERE a.tenant_id = t.tenant_id"
                + " AND a.user_id = t.user_id AND a.kind = %d AND a.day <= :reportDate)";
        for (List<Long> chunk : Chunks.of(new ArrayList<>(userIds))) {
            jdbc.sql("UPDATE skype_activity_period_total t SET t.peer_to_peer_last = " + lastOf.formatted(0)
                            + ", t.organized_last = " + lastOf.formatted(1) + ", t.participated_last = "
                            + lastOf.formatted(2) + " WHERE t.tenant_id = :t AND t.user_id IN (:users)")
                    .param("t", tenantId)
                    .param("reportDate", reportDate)
                    .param("users", chunk)
                    .update();
        }
    }

    /**
     * Moves one period's totals from the window ending on {@code from} to the one ending on the later {@code to}:
     * peer-to-peer sessions by the days that enter and leave; conferences by recounting those with a row on such a
     * day, taken away over the old window and added over the new one.
     */
    @Override
    public void moveWindow(long tenantId, int periodDays, LocalDate from, LocalDate to) {
        LocalDate leaving = from.minusDays(periodDays); // days (leaving, leftUntil] leave
        LocalDate leftUntil = min(from, to.minusDays(periodDays));
        LocalDate entering = max(from, to.minusDays(periodDays)); // days (entering, to] enter
        jdbc.sql("""
                UPDATE skype_activity_period_total t JOIN (
                    SELECT user_id, SUM(IF(day > :entering, 1, -1) * sessions) AS sessions
                    FROM activity_party_day
                    WHERE tenant_id = :t AND kind = 0 AND user_id <> 0
                      AND ((day > :leaving AND day <= :leftUntil) OR (day > :entering AND day <= :to))
                    GROUP BY user_id) d ON t.tenant_id = :t AND t.user_id = d.user_id AND t.period_days = :days
                SET t.peer_to_peer = t.peer_to_peer + d.sessions
                """)
                .param("t", tenantId)
                .param("days", periodDays)
                .param("leaving", leaving)
                .param("leftUntil", leftUntil)
                .param("entering", entering)
                .param("to", to)
                .update();
        for (int sign : new int[] {-1, +1}) {
            LocalDate windowEnd = sign < 0 ? from : to;
            jdbc.sql(INSERT_ADDING + "SELECT :t, a.user_id, :days, " + figures(String.valueOf(sign)) + """
                             FROM (SELECT DISTINCT user_id, kind, conference_key FROM activity_party_day
                                  WHERE tenant_id = :t AND kind IN (1, 2)
                                    AND ((day > :leaving AND day <= :leftUntil) OR (day > :entering AND day <= :to))) c
                            JOIN activity_party_day a ON a.tenant_id = :t AND a.user_id = c.user_id
                             AND a.kind = c.kind AND a.conference_key = c.conference_key
                             AND a.day > :windowEnd - INTERVAL :days DAY AND a.day <= :windowEnd
                            GROUP BY a.user_id"""
                            + ADD_ON_DUPLICATE)
                    .param("t", tenantId)
                    .param("days", periodDays)
                    .param("leaving", leaving)
                    .param("leftUntil", leftUntil)
                    .param("entering", entering)
                    .param("to", to)
                    .param("windowEnd", windowEnd)
                    .update();
        }
    }

    /** Moves the last days from the report date {@code from} to the later {@code to}. */
    @Override
    public void moveLastDays(long tenantId, LocalDate from, LocalDate to) {
        // every day after the old report date is later than any stored last day
        jdbc.sql("""
                UPDATE skype_activity_period_total t JOIN (
                    SELECT user_id, MAX(IF(kind = 0, day, NULL)) AS p2p, MAX(IF(kind = 1, day, NULL)) AS organized,
                           MAX(IF(kind = 2, day, NULL)) AS participated
                    FROM activity_party_day
                    WHERE tenant_id = :t AND user_id <> 0 AND day > :from AND day <= :to
                    GROUP BY user_id) a ON t.tenant_id = :t AND t.user_id = a.user_id
                SET t.peer_to_peer_last = COALESCE(a.p2p, t.peer_to_peer_last),
                    t.organized_last = COALESCE(a.organized, t.organized_last),
                    t.participated_last = COALESCE(a.participated, t.participated_last)
                """).param("t", tenantId).param("from", from).param("to", to).update();
    }

    /**
     * The totals of every licensed user and period ending on the stored report date that differ from a recount of
     * activity_party_day, human-readable, at most {@code limit}; nothing while they are not built.
     */
    List<String> differences(long tenantId, int limit) {
        @Nullable LocalDate reportDate = reportDate(tenantId);
        if (reportDate == null) {
            return List.of();
        }
        List<String> stored = new ArrayList<>(COUNTERS);
        stored.addAll(LAST_DAYS);
        StringBuilder equal = new StringBuilder("TRUE");
        for (int i = 0; i < COUNTERS.size(); i++) {
            equal.append(" AND t.")
                    .append(COUNTERS.get(i))
                    .append(" = COALESCE(e.e")
                    .append(i)
                    .append(", 0)");
        }
        equal.append(" AND t.peer_to_peer_last <=> l.p2p AND t.organized_last <=> l.organized")
                .append(" AND t.participated_last <=> l.participated");
        List<String> recounted = figureList("1");
        StringBuilder aliased = new StringBuilder();
        for (int i = 0; i < recounted.size(); i++) {
            aliased.append(i == 0 ? "" : ", ")
                    .append(recounted.get(i))
                    .append(" AS e")
                    .append(i);
        }
        return jdbc.sql("""
                SELECT CONCAT('skype_activity_period_total user ', u.id, ' period ', p.days, ' days: stored ',
                              COALESCE(CONCAT_WS('/', %1$s), 'nothing'), ', recounted ',
                              CONCAT_WS('/', %2$s, COALESCE(l.p2p, '-'), COALESCE(l.organized, '-'),
                                        COALESCE(l.participated, '-')))
                FROM licensed_user u CROSS JOIN report_period p
                LEFT JOIN (
                    SELECT a.user_id, p.days, %3$s
                    FROM activity_party_day a JOIN report_period p ON a.day > :reportDate - INTERVAL p.days DAY
                    WHERE a.tenant_id = :t AND a.user_id <> 0 AND a.day <= :reportDate
                    GROUP BY a.user_id, p.days) e ON e.user_id = u.id AND e.days = p.days
                LEFT JOIN (
                    SELECT user_id, MAX(IF(kind = 0, day, NULL)) AS p2p, MAX(IF(kind = 1, day, NULL)) AS organized,
                           MAX(IF(kind = 2, day, NULL)) AS participated
                    FROM activity_party_day WHERE tenant_id = :t AND user_id <> 0 AND day <= :reportDate
                    GROUP BY user_id) l ON l.user_id = u.id
                LEFT JOIN skype_activity_period_total t
                  ON t.tenant_id = :t AND t.user_id = u.id AND t.period_days = p.days
                WHERE u.tenant_id = :t AND (t.user_id IS NULL OR NOT (%4$s))
                LIMIT :limit
                """.formatted(
                                String.join(
                                        ", ",
                                        stored.stream()
                                                .map(c -> "COALESCE(t." + c + ", '-')")
                                                .toList()),
                                String.join(
                                        ", ",
                                        java.util.stream.IntStream.range(0, COUNTERS.size())
                                                .mapToObj(i -> "COALESCE(e.e" + i + ", 0)")
                                                .toList()),
                                aliased,
                                equal))
                .param("t", tenantId)
                .param("reportDate", reportDate)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
