package org.commsportal.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.commsportal.common.DeletionOrder;
import org.commsportal.common.SqlLike;
import org.commsportal.common.UserNameOrder;
import org.commsportal.export.StreamingJdbc;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-user table: every user licensed at some time in [from, to], zeros included; "Deleted" and "Deleted date"
 * as of {@code to} (a licence removed later shows as not removed, docs/ingest.md). A period reads the
 * maintained per-user period totals (user_period_total, one row per user and period, see 005-user-period-totals.sql),
 * so sorting by a count is a walk down an index of (tenant, period, column) that stops after the page; a chosen day
 * sums that day's rollup rows. Sorting and filtering run in the database; the ORDER BY comes from a fixed map,
 * never from input. Callers move the totals to the scope's report date first; a read never mixes report dates,
 * because it joins the state row of that date.
 */
@Repository
class UserActivityRepository {

    /** A user name as stored, and the name the viewer sees and searches (UPN or its pseudonym). */
    record StoredRow(
            long userId,
            String upn,
            String pseudonym,
            boolean deleted,
            @Nullable LocalDate deletedDate,
            @Nullable LocalDate lastActivityDate,
            long im,
            long audio,
            long video,
            long appSharing,
            long fileTransfers,
            long audioMs,
            long videoMs) {}

    /** The period's totals; {@code t} also gives the last activity date. %s is a join hint, then FROM. */
    private static final String PERIOD_TOTALS = """
            SELECT %s u.id, u.upn, u.pseudonym, u.deleted_at <= :to AS deleted,
                   IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at, t.last_activity,
                   t.p2p_im AS im, t.p2p_audio AS audio, t.p2p_video AS video, t.p2p_app_sharing AS app_sharing,
                   t.p2p_file_transfer AS file_transfers, t.p2p_audio_ms AS audio_ms, t.p2p_video_ms AS video_ms
            FROM %s
            WHERE t.tenant_id = :tenantId AND t.period_days = :periodDays
            """;

    /** Read in the order of a count column's index of the totals, joining each user. */
    private static final String TOTALS_FIRST = """
            user_period_total t
            JOIN user_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :reportDate
            JOIN licensed_user u ON u.id = t.user_id""";

    /** Read in the order of an index of the users, joining each user's totals. */
    private static final String USERS_FIRST = usersFirst("licensed_user u");

    /** {@link #USERS_FIRST} with the users' table named as given (with an index hint, for {@link DeletionOrder}). */
    private static String usersFirst(String users) {
        return users + """

                JOIN user_period_total t ON t.user_id = u.id
                JOIN user_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :reportDate""";
    }

    /** One day's rollups; the period row {@code t} only gives the last activity date. */
    private static final String DAY_TOTALS = """
            SELECT u.id, u.upn, u.pseudonym, u.deleted_at <= :to AS deleted,
                   IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at, t.last_activity,
                   COALESCE(a.im, 0) AS im, COALESCE(a.audio, 0) AS audio, COALESCE(a.video, 0) AS video,
                   COALESCE(a.app_sharing, 0) AS app_sharing, COALESCE(a.file_transfers, 0) AS file_transfers,
                   COALESCE(a.audio_ms, 0) AS audio_ms, COALESCE(a.video_ms, 0) AS video_ms
            FROM user_period_total t
            JOIN user_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :reportDate
            JOIN licensed_user u ON u.id = t.user_id
            LEFT JOIN (
                SELECT user_id, p2p_im AS im, p2p_audio AS audio, p2p_video AS video,
                       p2p_app_sharing AS app_sharing, p2p_file_transfer AS file_transfers,
                       p2p_audio_ms AS audio_ms, p2p_video_ms AS video_ms
                FROM user_daily_rollup
                WHERE tenant_id = :tenantId AND day = :from) a ON a.user_id = u.id
            WHERE t.tenant_id = :tenantId AND t.period_days = :periodDays
            """;

    /**
     * The scope's days summed from the daily rollups, for a read made while the period totals do not end on the
     * report date (a new tenant, or the moments after midnight before the scheduled move): reads never move them.
     */
    private static final String ROLLUP_SUMS = """
            SELECT u.id, u.upn, u.pseudonym, u.deleted_at <= :to AS deleted,
                   IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at,
                   (SELECT MAX(l.day) FROM user_daily_rollup l WHERE l.tenant_id = :tenantId AND l.user_id = u.id
                      AND l.day <= :reportDate
                      AND l.p2p_im + l.p2p_audio + l.p2p_video + l.p2p_app_sharing + l.p2p_file_transfer > 0)
                     AS last_activity,
                   COALESCE(a.im, 0) AS im, COALESCE(a.audio, 0) AS audio, COALESCE(a.video, 0) AS video,
                   COALESCE(a.app_sharing, 0) AS app_sharing, COALESCE(a.file_transfers, 0) AS file_transfers,
                   COALESCE(a.audio_ms, 0) AS audio_ms, COALESCE(a.video_ms, 0) AS video_ms
            FROM licensed_user u
            LEFT JOIN (
                SELECT user_id, SUM(p2p_im) AS im, SUM(p2p_audio) AS audio, SUM(p2p_video) AS video,
                       SUM(p2p_app_sharing) AS app_sharing, SUM(p2p_file_transfer) AS file_transfers,
                       SUM(p2p_audio_ms) AS audio_ms, SUM(p2p_video_ms) AS video_ms
                FROM user_daily_rollup
                WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
                GROUP BY user_id) a ON a.user_id = u.id
            WHERE TRUE
            """;

    /**
     * The period's totals while they end on the day before the report date (the day's move not committed yet, or
     * running: docs/peer-to-peer-activity.md, "Reads during the day's move"): each count is the total plus the report
     * date's rollup minus the rollup of the day that left the window, and the last activity date is the report date
     * when the user was active on it. The statement reads the state row itself, so should the move commit between
     * the service's look at the state and this statement, the totals it then reads already end on the report date
     * and are taken as they are: every row is exact for the report date either way.
     */
    private static final String DAY_BEHIND_TOTALS = """
            SELECT u.id, u.upn, u.pseudonym, u.deleted_at <= :to AS deleted,
                   IF(u.deleted_at <= :to, u.deleted_at, NULL) AS deleted_at,
                   IF(s.report_date = :dayBefore
                        AND n.p2p_im + n.p2p_audio + n.p2p_video + n.p2p_app_sharing + n.p2p_file_transfer > 0,
                      :reportDate, t.last_activity) AS last_activity,
                   %s
            FROM user_period_total t
            JOIN user_period_state s ON s.tenant_id = t.tenant_id AND s.report_date IN (:dayBefore, :reportDate)
            JOIN licensed_user u ON u.id = t.user_id
            LEFT JOIN user_daily_rollup n ON n.tenant_id = t.tenant_id AND n.user_id = t.user_id
                 AND n.day = :reportDate AND s.report_date = :dayBefore
            LEFT JOIN user_daily_rollup o ON o.tenant_id = t.tenant_id AND o.user_id = t.user_id
                 AND o.day = :leftDay AND s.report_date = :dayBefore
            WHERE t.tenant_id = :tenantId AND t.period_days = :periodDays
            """.formatted(Stream.of(
                    "im", "audio", "video", "app_sharing", "file_transfer", "audio_ms", "video_ms")
            .map(c -> "t.p2p_%1$s + COALESCE(n.p2p_%1$s, 0) - COALESCE(o.p2p_%1$s, 0) AS %2$s"
                    .formatted(c, c.equals("file_transfer") ? "file_transfers" : c))
            .collect(Collectors.joining(",\n       ")));

    /** Users licensed at some time in [from, to] whose shown name contains the filter. */
    private static final String USERS_IN_SCOPE = """
              AND u.tenant_id = :tenantId
              AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
              AND (:filter = '' OR %s LIKE :pattern)
            """;

    private static final Map<UserActivityColumn, String> PERIOD_SORT = sortExpressions(
            "t.p2p_im",
            "t.p2p_audio",
            "t.p2p_video",
            "t.p2p_app_sharing",
            "t.p2p_file_transfer",
            "t.p2p_audio_ms",
            "t.p2p_video_ms");
    private static final Map<UserActivityColumn, String> DAY_SORT = sortExpressions(
            "COALESCE(a.im, 0)",
            "COALESCE(a.audio, 0)",
            "COALESCE(a.video, 0)",
            "COALESCE(a.app_sharing, 0)",
            "COALESCE(a.file_transfers, 0)",
            "COALESCE(a.audio_ms, 0)",
            "COALESCE(a.video_ms, 0)");

    private static final Map<UserActivityColumn, String> DAY_BEHIND_SORT = dayBehindSort();

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    UserActivityRepository(JdbcClient jdbc, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming.template();
    }

    /**
     * The scope of one query: the tenant, the days, the period whose totals hold them (or hold the last activity
     * dates, when one day is chosen), the report date, whether the period totals end on it (else the rows are summed
     * from the daily rollups) and whether names are concealed.
     */
    record Scope(
            long tenantId,
            LocalDate from,
            LocalDate to,
            int periodDays,
            boolean oneDay,
            LocalDate reportDate,
            boolean fromTotals,
            boolean totalsDayBehind,
            boolean concealed) {}

    List<StoredRow> page(Scope scope, UserTableQuery query, int offset, int limit) {
        String sql = byDeletionFromTotals(scope, query)
                ? deletionPageSql(scope, query)
                : tableSql(scope, query) + " LIMIT :limit OFFSET :offset";
        return jdbc.sql(sql)
                .params(parameters(scope, query))
                .param("limit", limit)
                .param("offset", offset)
                .param("partLimit", (long) offset + limit) // a page of Integer.MAX_VALUE rows: no overflow
                .query(UserActivityRepository::toRow)
                .list();
    }

    /**
     * The rows after one user (none: from the first) in ascending user name order, at most limit: keyset paging for
     * the Graph-style user detail (docs/graph-api.md, "Paging").
     */
    List<StoredRow> pageAfter(Scope scope, UserTableQuery query, @Nullable Long afterUserId, int limit) {
        String after = afterUserId == null ? "" : UserNameOrder.after(scope.concealed());
        Map<String, Object> parameters = parameters(scope, query);
        parameters.put("afterUserId", afterUserId);
        return jdbc.sql(tableSql(scope, query, after) + " LIMIT :limit")
                .params(parameters)
                .param("limit", limit)
                .query(UserActivityRepository::toRow)
                .list();
    }

    long count(Scope scope, UserTableQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM licensed_user u WHERE TRUE " + usersInScope(scope))
                .params(parameters(scope, query))
                .query(Long.class)
                .single();
    }

    /** Streams every matching row in table order to the consumer, without holding them in memory. */
    void forEach(Scope scope, UserTableQuery query, Consumer<StoredRow> consumer) {
        streaming.query(tableSql(scope, query), new MapSqlParameterSource(parameters(scope, query)), rs -> {
            consumer.accept(toRow(rs, 0));
        });
    }

    private static String tableSql(Scope scope, UserTableQuery query) {
        return tableSql(scope, query, "");
    }

    /** The table's statement; {@code after} is a further condition on the users (keyset paging) or empty. */
    private static String tableSql(Scope scope, UserTableQuery query, String after) {
        String orderBy = orderBy(scope, query);
        String rows = usersInScope(scope) + after + orderBy;
        if (scope.totalsDayBehind()) {
            return DAY_BEHIND_TOTALS + rows;
        }
        if (!scope.fromTotals()) {
            return ROLLUP_SUMS + rows;
        }
        if (scope.oneDay()) {
            return DAY_TOTALS + rows;
        }
        // Without a filter, the table is read in the order of the sort column's index and stops after the page;
        // the hint keeps MariaDB from sorting all users instead. With a filter, it picks the order itself, which
        // for a rare name is to find the few matching users first and sort them.
        boolean byTotals = orderBy.startsWith(" ORDER BY t.");
        String sql = query.nameContains().isEmpty()
                ? PERIOD_TOTALS.formatted("STRAIGHT_JOIN", byTotals ? TOTALS_FIRST : USERS_FIRST)
                : PERIOD_TOTALS.formatted("", TOTALS_FIRST);
        return sql + rows;
    }

    /** A page of the period totals without a name filter, sorted by Deleted or Deleted date. */
    private static boolean byDeletionFromTotals(Scope scope, UserTableQuery query) {
        return (query.sortColumn() == UserActivityColumn.DELETED
                        || query.sortColumn() == UserActivityColumn.DELETED_DATE)
                && scope.fromTotals()
                && !scope.oneDay()
                && !scope.totalsDayBehind()
                && query.nameContains().isEmpty();
    }

    /** A page sorted by Deleted or Deleted date (as of the scope's last day), read in parts: {@link DeletionOrder}. */
    private static String deletionPageSql(Scope scope, UserTableQuery query) {
        return DeletionOrder.page(
                users -> PERIOD_TOTALS.formatted("STRAIGHT_JOIN", usersFirst(users)) + usersInScope(scope),
                query.sortColumn() == UserActivityColumn.DELETED_DATE,
                query.ascending() ? " ASC" : " DESC");
    }

    private static String usersInScope(Scope scope) {
        return USERS_IN_SCOPE.formatted(scope.concealed() ? "u.pseudonym" : "u.upn");
    }

    /**
     * Each order is one an index gives: a name or deletion column of licensed_user, or a count column of the
     * period totals, each ending in the user id (InnoDB appends the primary key to secondary indexes). UPNs are
     * unique in a tenant, so they need no tie-break.
     */
    private static String orderBy(Scope scope, UserTableQuery query) {
        UserActivityColumn column = query.sortColumn() == null ? UserActivityColumn.USER_NAME : query.sortColumn();
        String direction = query.ascending() ? " ASC" : " DESC";
        if (column == UserActivityColumn.USER_NAME) {
            return " ORDER BY " + UserNameOrder.terms(scope.concealed(), direction);
        }
        String expression = column == UserActivityColumn.USER_NAME
                ? "u.pseudonym"
                : scope.totalsDayBehind()
                        ? DAY_BEHIND_SORT.get(column)
                        : !scope.fromTotals() && column == UserActivityColumn.LAST_ACTIVITY_DATE
                                ? "last_activity"
                                : (scope.oneDay() || !scope.fromTotals() ? DAY_SORT : PERIOD_SORT).get(column);
        String tieBreak = expression.startsWith("t.") ? "t.user_id" : "u.id";
        return " ORDER BY " + expression + direction + ", " + tieBreak + direction;
    }

    private static Map<String, Object> parameters(Scope scope, UserTableQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", scope.tenantId());
        parameters.put("from", scope.from());
        parameters.put("to", scope.to());
        parameters.put("reportDate", scope.reportDate());
        parameters.put("dayBefore", scope.reportDate().minusDays(1));
        parameters.put("leftDay", scope.reportDate().minusDays(scope.periodDays()));
        parameters.put("periodDays", scope.periodDays());
        parameters.put("filter", query.nameContains());
        parameters.put("pattern", SqlLike.contains(query.nameContains()));
        return parameters;
    }

    /** The sort keys of {@link #DAY_BEHIND_TOTALS}: its computed columns. */
    private static Map<UserActivityColumn, String> dayBehindSort() {
        Map<UserActivityColumn, String> expressions =
                sortExpressions("im", "audio", "video", "app_sharing", "file_transfers", "audio_ms", "video_ms");
        expressions.put(UserActivityColumn.LAST_ACTIVITY_DATE, "last_activity");
        return expressions;
    }

    /** Sort keys, given those of the counts (the user name is chosen by concealment in {@link #orderBy}). */
    private static Map<UserActivityColumn, String> sortExpressions(
            String im,
            String audio,
            String video,
            String appSharing,
            String fileTransfers,
            String audioMs,
            String videoMs) {
        Map<UserActivityColumn, String> expressions = new java.util.EnumMap<>(UserActivityColumn.class);
        // as of the scope's last day (the report date or the chosen day), as the vendor reports them
        expressions.put(UserActivityColumn.DELETED, "COALESCE(u.deleted_at <= :to, FALSE)");
        expressions.put(UserActivityColumn.DELETED_DATE, "IF(u.deleted_at <= :to, u.deleted_at, NULL)");
        expressions.put(UserActivityColumn.LAST_ACTIVITY_DATE, "t.last_activity");
        expressions.put(UserActivityColumn.IM, im);
        expressions.put(UserActivityColumn.AUDIO, audio);
        expressions.put(UserActivityColumn.VIDEO, video);
        expressions.put(UserActivityColumn.APP_SHARING, appSharing);
        expressions.put(UserActivityColumn.FILE_TRANSFERS, fileTransfers);
        expressions.put(UserActivityColumn.AUDIO_MINUTES, audioMs);
        expressions.put(UserActivityColumn.VIDEO_MINUTES, videoMs);
        return expressions;
    }

    private static StoredRow toRow(ResultSet rs, int row) throws SQLException {
        return new StoredRow(
                rs.getLong("id"),
                rs.getString("upn"),
                rs.getString("pseudonym"),
                rs.getBoolean("deleted"),
                localDate(rs, "deleted_at"),
                localDate(rs, "last_activity"),
                rs.getLong("im"),
                rs.getLong("audio"),
                rs.getLong("video"),
                rs.getLong("app_sharing"),
                rs.getLong("file_transfers"),
                rs.getLong("audio_ms"),
                rs.getLong("video_ms"));
    }

    private static @Nullable LocalDate localDate(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
