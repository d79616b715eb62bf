package org.commsportal.usersblocked;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.commsportal.common.Chunks;
import org.commsportal.common.SqlLike;
import org.commsportal.common.UtcDateTime;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.export.StreamingJdbc;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of {@code pstn_block_period} (changeset 035), which this package owns. */
@Repository
class PstnBlockRepository {

    /**
     * Blocks in force at some moment of [from, to): started before its end, not ended by its start; a block that
     * ended the instant it started was never in force. Uses ix_pstn_block_time.
     */
    private static final String IN_FORCE = """
            b.tenant_id = :t AND b.blocked_at < :to
                AND (b.ended_at IS NULL OR (b.ended_at > :from AND b.ended_at > b.blocked_at))""";

    private static final String BLOCKS = """
            SELECT b.id, u.upn, u.pseudonym, b.action, b.reason, b.blocked_at, b.ended_at
            FROM pstn_block_period b
            JOIN licensed_user u ON u.id = b.user_id
            WHERE\s""" + IN_FORCE;

    /** A user's block in force. */
    record OpenBlock(
            long id, PstnBlockAction action, @Nullable String reason, Instant since) {}

    /** A stored block with its user's UPN and pseudonym, before concealment. */
    record StoredBlock(
            long id,
            String upn,
            String pseudonym,
            PstnBlockAction action,
            @Nullable String reason,
            Instant since,
            @Nullable Instant until) {}

    /** The tenant and the UTC instants of the chosen day, and whether names are concealed. */
    record Scope(long tenantId, Instant from, Instant to, boolean concealed) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    PstnBlockRepository(JdbcClient jdbc, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming.template();
    }

    /** The ids of these users (lower-case UPNs), by UPN. */
    Map<String, Long> userIds(long tenantId, List<String> upns) {
        Map<String, Long> ids = new HashMap<>();
        for (List<String> chunk : Chunks.of(upns)) {
            jdbc.sql("SELECT id, upn FROM licensed_user WHERE tenant_id = :t AND upn IN (:upns)")
                    .param("t", tenantId)
                    .param("upns", chunk)
                    .query((rs, row) -> ids.put(rs.getString("upn"), rs.getLong("id")))
                    .list();
        }
        return ids;
    }

    /** The blocks in force of these users, by user id, locked for the write. Uses ix_pstn_block_user. */
    Map<Long, OpenBlock> openBlocks(long tenantId, List<Long> userIds) {
        Map<Long, OpenBlock> open = new HashMap<>();
        for (List<Long> chunk : Chunks.of(userIds)) {
            jdbc.sql("""
                    SELECT id, user_id, action, reason, blocked_at FROM pstn_block_period
                    WHERE tenant_id = :t AND user_id IN (:ids) AND ended_at IS NULL
                    FOR UPDATE
                    """)
                    .param("t", tenantId)
                    .param("ids", chunk)
                    .query((rs, row) -> open.put(
                            rs.getLong("user_id"),
                            new OpenBlock(
                                    rs.getLong("id"),
                                    action(rs),
                                    rs.getString("reason"),
                                    UtcDateTime.fromColumn(rs.getObject("blocked_at", LocalDateTime.class)))))
                    .list();
        }
        return open;
    }

    /** The latest end of the user's ended blocks, if any. */
    @Nullable
    Instant lastEnd(long tenantId, long userId) {
        LocalDateTime end = jdbc.sql("""
                SELECT MAX(ended_at) FROM pstn_block_period WHERE tenant_id = :t AND user_id = :u
                """)
                .param("t", tenantId)
                .param("u", userId)
                .query(LocalDateTime.class)
                .optional()
                .orElse(null);
        return end == null ? null : UtcDateTime.fromColumn(end);
    }

    void insert(long tenantId, long userId, PstnBlockAction action, @Nullable String reason, Instant since) {
        jdbc.sql("""
                INSERT INTO pstn_block_period (tenant_id, user_id, action, reason, blocked_at)
                VALUES (:t, :u, :action, :reason, :since)
                """)
                .param("t", tenantId)
                .param("u", userId)
                .param("action", action.wireName())
                .param("reason", reason)
                .param("since", UtcDateTime.toColumn(since))
                .update();
    }

    void correct(long id, @Nullable String reason, Instant since) {
        jdbc.sql("UPDATE pstn_block_period SET reason = :reason, blocked_at = :since WHERE id = :id")
                .param("reason", reason)
                .param("since", UtcDateTime.toColumn(since))
                .param("id", id)
                .update();
    }

    void end(long id, Instant at) {
        jdbc.sql("UPDATE pstn_block_period SET ended_at = :at WHERE id = :id")
                .param("at", UtcDateTime.toColumn(at))
                .param("id", id)
                .update();
    }

    /** The number of distinct users blocked at some moment of the scope's day. */
    long countUsers(Scope scope) {
        return jdbc.sql("SELECT COUNT(DISTINCT b.user_id) FROM pstn_block_period b WHERE " + IN_FORCE)
                .param("t", scope.tenantId())
                .param("from", UtcDateTime.toColumn(scope.from()))
                .param("to", UtcDateTime.toColumn(scope.to()))
                .query(Long.class)
                .single();
    }

    List<StoredBlock> page(Scope scope, BlockedUserQuery query, int offset, int limit) {
        Map<String, Object> parameters = parameters(scope, query);
        parameters.put("offset", offset);
        parameters.put("limit", limit);
        return jdbc.sql(tableSql(scope, query) + " LIMIT :limit OFFSET :offset")
                .params(parameters)
                .query((rs, row) -> storedBlock(rs))
                .list();
    }

    long count(Scope scope, BlockedUserQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM (" + BLOCKS + filters(scope, query) + ") b")
                .params(parameters(scope, query))
                .query(Long.class)
                .single();
    }

    /** Streams every matching row in table order to the consumer, without holding them in memory. */
    void forEach(Scope scope, BlockedUserQuery query, Consumer<StoredBlock> consumer) {
        streaming.query(tableSql(scope, query), new MapSqlParameterSource(parameters(scope, query)), rs -> {
            consumer.accept(storedBlock(rs));
        });
    }

    private static String tableSql(Scope scope, BlockedUserQuery query) {
        return BLOCKS + filters(scope, query) + orderBy(scope, query);
    }

    /** The user shown: the pseudonym when concealed, else the UPN. */
    private static String shownUser(Scope scope) {
        return scope.concealed() ? "u.pseudonym" : "u.upn";
    }

    private static String filters(Scope scope, BlockedUserQuery query) {
        StringBuilder sql = new StringBuilder();
        if (!query.userContains().isEmpty()) {
            sql.append(" AND ").append(shownUser(scope)).append(" LIKE :pattern");
        }
        if (query.action() != null) {
            sql.append(" AND b.action = :action");
        }
        return sql.toString();
    }

    /** The ORDER BY of the sort column, from this fixed map, never from input; ties in block order. */
    private static String orderBy(Scope scope, BlockedUserQuery query) {
        String direction = query.ascending() ? " ASC" : " DESC";
        String key = switch (query.sortColumn()) {
            case USER -> shownUser(scope);
            case ACTION -> "b.action";
            case REASON -> "b.reason";
            case SINCE -> "b.blocked_at";
            // blocks still in force last when ascending, as if they ended at the end of time
            case UNTIL -> "COALESCE(b.ended_at, '9999-12-31 23:59:59.999')";
        };
        return " ORDER BY " + key + direction + ", b.id" + direction;
    }

    private static Map<String, Object> parameters(Scope scope, BlockedUserQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("t", scope.tenantId());
        parameters.put("from", UtcDateTime.toColumn(scope.from()));
        parameters.put("to", UtcDateTime.toColumn(scope.to()));
        parameters.put("pattern", SqlLike.contains(query.userContains()));
        parameters.put("action", query.action() == null ? "" : query.action().wireName());
        return parameters;
    }

    private static StoredBlock storedBlock(ResultSet rs) throws SQLException {
        return new StoredBlock(
                rs.getLong("id"),
                rs.getString("upn"),
                rs.getString("pseudonym"),
                action(rs),
                rs.getString("reason"),
                UtcDateTime.fromColumn(rs.getObject("blocked_at", LocalDateTime.class)),
                UtcDateTime.fromNullableColumn(rs.getObject("ended_at", LocalDateTime.class)));
    }

    private static PstnBlockAction action(ResultSet rs) throws SQLException {
        String name = rs.getString("action");
        return PstnBlockAction.ofWireName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown block action " + name));
    }
}
