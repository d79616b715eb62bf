package org.commsportal.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.base.SqlLike;
import org.commsportal.base.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.commsportal.export.StreamingJdbc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;

    AuditRepository(JdbcClient jdbc, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming.template();
    }

    void insert(@Nullable Long tenantId, Instant at, String actor, String action, String detail,
                @Nullable String remoteAddr) {
        jdbc.sql("""
                INSERT INTO audit_event (tenant_id, occurred_at, actor, action, detail, remote_addr)
                VALUES (:tenantId, :at, :actor, :action, :detail, :remoteAddr)
                """)
                .param("tenantId", tenantId)
                .param("at", UtcDateTime.toColumn(at))
                .param("actor", actor)
                .param("action", action)
                .param("detail", detail)
                .param("remoteAddr", remoteAddr)
                .update();
    }

    /** Failed sign-ins of a user name since a moment, not counting those before its last successful sign-in. */
    long failedSignInsOf(String actor, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event f
                WHERE f.actor = :actor AND f.action = 'SIGN_IN_FAILED' AND f.occurred_at >= :since
                  AND f.occurred_at > COALESCE((SELECT MAX(s.occurred_at) FROM audit_event s
                                                WHERE s.actor = :actor AND s.action = 'SIGN_IN'), '1970-01-01')
                """)
                .param("actor", actor)
                .param("since", UtcDateTime.toColumn(since))
                .query(Long.class)
                .single();
    }

    long failedSignInsFrom(String remoteAddr, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                WHERE remote_addr = :addr AND action = 'SIGN_IN_FAILED' AND occurred_at >= :since
                """)
                .param("addr", remoteAddr)
                .param("since", UtcDateTime.toColumn(since))
                .query(Long.class)
                .single();
    }

    /** One page of the tenant's events matching the query, newest first. */
    List<AuditEvent> page(long tenantId, AuditQuery query, int offset, int limit) {
        return jdbc.sql(SELECT_EVENTS + WHERE_MATCHING + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .paramSource(parameters(tenantId, query).addValue("limit", limit).addValue("offset", offset))
                .query(AuditRepository::toEvent)
                .list();
    }

    long count(long tenantId, AuditQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event" + WHERE_MATCHING)
                .paramSource(parameters(tenantId, query))
                .query(Long.class).single();
    }

    /** Every matching event, newest first, streamed from the database one at a time (for exports). */
    void forEach(long tenantId, AuditQuery query, Consumer<AuditEvent> consumer) {
        streaming.query(SELECT_EVENTS + WHERE_MATCHING + " ORDER BY occurred_at DESC, id DESC",
                parameters(tenantId, query), (RowCallbackHandler) rs -> consumer.accept(toEvent(rs, 0)));
    }

    private static final String SELECT_EVENTS =
            "SELECT id, tenant_id, occurred_at, actor, action, detail, remote_addr FROM audit_event";

    private static final String WHERE_MATCHING = " " + """
            WHERE tenant_id = :tenantId
               AND (:actor = '' OR actor LIKE :actorPattern)
               AND (:action IS NULL OR action = :action)
               AND (:from IS NULL OR occurred_at >= :from)
               AND (:to IS NULL OR occurred_at < :to)""";

    private static MapSqlParameterSource parameters(long tenantId, AuditQuery query) {
        return new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("actor", query.actorContains())
                .addValue("actorPattern", SqlLike.contains(query.actorContains()))
                .addValue("action", query.action() == null ? null : query.action().name())
                .addValue("from", query.from() == null ? null : UtcDateTime.toColumn(query.from()))
                .addValue("to", query.to() == null ? null : UtcDateTime.toColumn(query.to()));
    }

    private static AuditEvent toEvent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getLong("tenant_id"),
                UtcDateTime.fromColumn(rs.getObject("occurred_at", LocalDateTime.class)), rs.getString("actor"),
                rs.getString("action"), rs.getString("detail"), rs.getString("remote_addr"));
    }
}
