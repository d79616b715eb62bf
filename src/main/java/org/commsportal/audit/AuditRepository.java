package org.commsportal.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.common.SqlLike;
import org.commsportal.common.UtcDateTime;
import org.commsportal.export.StreamingJdbc;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    void insert(
            @Nullable Long tenantId,
            Instant at,
            String actor,
            String action,
            String detail,
            @Nullable String remoteAddr,
            @Nullable String subjectPseudonym,
            @Nullable String namesOnlyText) {
        jdbc.sql("""
                INSERT INTO audit_event (tenant_id, occurred_at, actor, action, detail, remote_addr, subject_pseudonym,
                    names_only_text)
                VALUES (:tenantId, :at, :actor, :action, :detail, :remoteAddr, :subject, :namesOnly)
                """)
                .param("subject", subjectPseudonym)
                .param("namesOnly", namesOnlyText)
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

    /**
     * One page of the tenant's events matching the query, newest first; with {@code namesShown}, the licensed user
     * an event is about is named by UPN in place of the pseudonym its detail holds.
     */
    List<AuditEvent> page(long tenantId, AuditQuery query, boolean namesShown, int offset, int limit) {
        return jdbc.sql(SELECT_EVENTS + WHERE_MATCHING
                        + " ORDER BY e.occurred_at DESC, e.id DESC LIMIT :limit OFFSET :offset")
                .paramSource(parameters(tenantId, query)
                        .addValue("limit", limit)
                        .addValue("offset", offset)
                        .addValue("namesShown", namesShown))
                .query(AuditRepository::toEvent)
                .list();
    }

    long count(long tenantId, AuditQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event e" + WHERE_MATCHING)
                .paramSource(parameters(tenantId, query))
                .query(Long.class)
                .single();
    }

    /** Every matching event, newest first, streamed from the database one at a time (for exports). */
    void forEach(long tenantId, AuditQuery query, boolean namesShown, Consumer<AuditEvent> consumer) {
        streaming.query(
                SELECT_EVENTS + WHERE_MATCHING + " ORDER BY e.occurred_at DESC, e.id DESC",
                parameters(tenantId, query).addValue("namesShown", namesShown),
                (RowCallbackHandler) rs -> consumer.accept(toEvent(rs, 0)));
    }

    /**
     * The subject's UPN is read only for viewers who see names, from the tenant's licensed user with the stored
     * pseudonym (index ix_licensed_user_pseudonym); the entry itself never holds it.
     */
    private static final String SELECT_EVENTS = """
            SELECT e.id, e.tenant_id, e.occurred_at, e.actor, e.action, e.detail, e.remote_addr, e.subject_pseudonym,
                   IF(:namesShown, u.upn, NULL) AS subject_name, IF(:namesShown, e.names_only_text, NULL) AS names_only
            FROM audit_event e
            LEFT JOIN licensed_user u ON :namesShown AND u.tenant_id = e.tenant_id AND u.pseudonym = e.subject_pseudonym
            """;

    private static final String WHERE_MATCHING = " " + """
            WHERE e.tenant_id = :tenantId
               AND (:actor = '' OR e.actor LIKE :actorPattern)
               AND (:action IS NULL OR e.action = :action)
               AND (:from IS NULL OR e.occurred_at >= :from)
               AND (:to IS NULL OR e.occurred_at < :to)""";

    private static MapSqlParameterSource parameters(long tenantId, AuditQuery query) {
        return new MapSqlParameterSource()
                .addValue("tenantId", tenantId)
                .addValue("actor", query.actorContains())
                .addValue("actorPattern", SqlLike.contains(query.actorContains()))
                .addValue(
                        "action", query.action() == null ? null : query.action().name())
                .addValue("from", query.from() == null ? null : UtcDateTime.toColumn(query.from()))
                .addValue("to", query.to() == null ? null : UtcDateTime.toColumn(query.to()));
    }

    private static AuditEvent toEvent(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String detail = rs.getString("detail");
        String subject = rs.getString("subject_pseudonym");
        String name = rs.getString("subject_name");
        if (subject != null && name != null) {
            detail = detail.replace(subject, name);
        }
        String namesOnly = rs.getString("names_only");
        if (namesOnly != null) {
            detail = detail.replace(AuditLog.NAMES_ONLY, namesOnly);
        }
        return new AuditEvent(
                rs.getLong("id"),
                rs.getLong("tenant_id"),
                UtcDateTime.fromColumn(rs.getObject("occurred_at", LocalDateTime.class)),
                rs.getString("actor"),
                rs.getString("action"),
                detail,
                rs.getString("remote_addr"));
    }
}
