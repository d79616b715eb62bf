package org.commsportal.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.commsportal.base.SqlLike;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The per-user table: every user licensed at some time in [from, to], zeros included, summed from the daily
 * rollups. Sorting and filtering run in the database; the ORDER BY comes from a fixed map, never from input.
 */
@Repository
class UserActivityRepository {

    /** A user name as stored, and the name the viewer sees and searches (UPN or its pseudonym). */
    record StoredRow(long userId, String upn, String pseudonym, boolean deleted, @Nullable LocalDate deletedDate,
                     @Nullable LocalDate lastActivityDate, long im, long audio, long video, long appSharing,
                     long fileTransfers, long audioMs, long videoMs) {
    }

    private static final String WITH_ACTIVITY = """
            FROM licensed_user u
            LEFT JOIN (
                SELECT user_id, SUM(p2p_im) AS im, SUM(p2p_audio) AS audio, SUM(p2p_video) AS video,
                       SUM(p2p_app_sharing) AS app_sharing, SUM(p2p_file_transfer) AS file_transfers,
                       SUM(p2p_audio_ms) AS audio_ms, SUM(p2p_video_ms) AS video_ms
                FROM user_daily_rollup
                WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
                GROUP BY user_id) a ON a.user_id = u.id
            """;

    /** Users licensed at some time in [from, to] whose shown name contains the filter. */
    private static final String USERS_IN_SCOPE = """
            WHERE u.tenant_id = :tenantId
              AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
              AND (:filter = '' OR %s LIKE :pattern)
            """;

    private static final String COLUMNS = """
            SELECT u.id, u.upn, u.pseudonym, u.deleted, u.deleted_at,
                   COALESCE(a.im, 0) AS im, COALESCE(a.audio, 0) AS audio, COALESCE(a.video, 0) AS video,
                   COALESCE(a.app_sharing, 0) AS app_sharing, COALESCE(a.file_transfers, 0) AS file_transfers,
                   COALESCE(a.audio_ms, 0) AS audio_ms, COALESCE(a.video_ms, 0) AS video_ms""";

    /** The user's last day with peer-to-peer activity up to the report date; %s is the user id column. */
    private static final String LAST_ACTIVITY = """
            (SELECT MAX(r.day) FROM user_daily_rollup r
             WHERE r.tenant_id = :tenantId AND r.user_id = %s AND r.day <= :reportDate
               AND r.p2p_im + r.p2p_audio + r.p2p_video + r.p2p_app_sharing + r.p2p_file_transfer > 0)""";

    private static final Map<UserActivityColumn, String> SORT_EXPRESSIONS = sortExpressions();

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    UserActivityRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        var template = new JdbcTemplate(jdbcTemplate.getDataSource());
        template.setFetchSize(1_000); // the MariaDB driver then streams rows instead of reading them all
        this.streaming = new NamedParameterJdbcTemplate(template);
    }

    /** The scope of one query: the tenant, the days, the report date and whether names are concealed. */
    record Scope(long tenantId, LocalDate from, LocalDate to, LocalDate reportDate, boolean concealed) {
    }

    List<StoredRow> page(Scope scope, UserTableQuery query, int offset, int limit) {
        return jdbc.sql(tableSql(scope, query, " LIMIT :limit OFFSET :offset"))
                .params(parameters(scope, query))
                .param("limit", limit)
                .param("offset", offset)
                .query(UserActivityRepository::toRow)
                .list();
    }

    long count(Scope scope, UserTableQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM licensed_user u " + usersInScope(scope))
                .params(parameters(scope, query))
                .query(Long.class)
                .single();
    }

    /** Streams every matching row in table order to the consumer, without holding them in memory. */
    void forEach(Scope scope, UserTableQuery query, Consumer<StoredRow> consumer) {
        streaming.query(tableSql(scope, query, ""),
                new MapSqlParameterSource(parameters(scope, query)),
                rs -> {
                    consumer.accept(toRow(rs, 0));
                });

    }

    /**
     * The table's rows in order. The last activity date is looked up per user after sorting and paging, so a
     * page costs one look-up per row shown; only sorting by that date computes it for every user first.
     */
    private static String tableSql(Scope scope, UserTableQuery query, String limit) {
        boolean byLastActivity = query.sortColumn() == UserActivityColumn.LAST_ACTIVITY_DATE;
        String sorted = COLUMNS + (byLastActivity ? ", " + LAST_ACTIVITY.formatted("u.id") + " AS last_activity" : "")
                + "\n" + WITH_ACTIVITY + usersInScope(scope) + orderBy(scope, query) + limit;
        return "SELECT t.*" + (byLastActivity ? "" : ", " + LAST_ACTIVITY.formatted("t.id") + " AS last_activity")
                + " FROM (" + sorted + ") t" + orderBy(scope, query);
    }

    private static String usersInScope(Scope scope) {
        return USERS_IN_SCOPE.formatted(scope.concealed() ? "u.pseudonym" : "u.upn");
    }

    private static String orderBy(Scope scope, UserTableQuery query) {
        UserActivityColumn column = query.sortColumn() == null ? UserActivityColumn.USER_NAME : query.sortColumn();
        String expression = column == UserActivityColumn.USER_NAME
                ? (scope.concealed() ? "pseudonym" : "upn")
                : SORT_EXPRESSIONS.get(column);
        String direction = query.ascending() ? " ASC" : " DESC";
        // column aliases of the select list, valid inside the sorted query and outside it alike
        return " ORDER BY " + expression + direction + ", id" + direction;
    }

    private static Map<String, Object> parameters(Scope scope, UserTableQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", scope.tenantId());
        parameters.put("from", scope.from());
        parameters.put("to", scope.to());
        parameters.put("reportDate", scope.reportDate());
        parameters.put("filter", query.nameContains());
        parameters.put("pattern", SqlLike.contains(query.nameContains()));
        return parameters;
    }

    /** Sort keys by select-list alias (the user name is chosen by concealment in {@link #orderBy}). */
    private static Map<UserActivityColumn, String> sortExpressions() {
        Map<UserActivityColumn, String> expressions = new java.util.EnumMap<>(UserActivityColumn.class);
        expressions.put(UserActivityColumn.DELETED, "deleted");
        expressions.put(UserActivityColumn.DELETED_DATE, "deleted_at");
        expressions.put(UserActivityColumn.LAST_ACTIVITY_DATE, "last_activity");
        expressions.put(UserActivityColumn.IM, "im");
        expressions.put(UserActivityColumn.AUDIO, "audio");
        expressions.put(UserActivityColumn.VIDEO, "video");
        expressions.put(UserActivityColumn.APP_SHARING, "app_sharing");
        expressions.put(UserActivityColumn.FILE_TRANSFERS, "file_transfers");
        expressions.put(UserActivityColumn.AUDIO_MINUTES, "audio_ms");
        expressions.put(UserActivityColumn.VIDEO_MINUTES, "video_ms");
        return expressions;
    }

    private static StoredRow toRow(ResultSet rs, int row) throws SQLException {
        return new StoredRow(rs.getLong("id"), rs.getString("upn"), rs.getString("pseudonym"), rs.getBoolean("deleted"),
                localDate(rs, "deleted_at"), localDate(rs, "last_activity"), rs.getLong("im"), rs.getLong("audio"),
                rs.getLong("video"), rs.getLong("app_sharing"), rs.getLong("file_transfers"), rs.getLong("audio_ms"),
                rs.getLong("video_ms"));
    }

    private static @Nullable LocalDate localDate(ResultSet rs, String column) throws SQLException {
        java.sql.Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
