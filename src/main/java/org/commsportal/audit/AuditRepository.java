package org.commsportal.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.commsportal.base.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    List<AuditEvent> newestFirst(long tenantId, int limit) {
        return jdbc.sql("""
                SELECT id, tenant_id, occurred_at, actor, action, detail, remote_addr
                FROM audit_event WHERE tenant_id = :tenantId
                ORDER BY occurred_at DESC, id DESC LIMIT :limit
                """)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> new AuditEvent(rs.getLong("id"), rs.getLong("tenant_id"),
                        UtcDateTime.fromColumn(rs.getObject("occurred_at", LocalDateTime.class)), rs.getString("actor"), rs.getString("action"),
                        rs.getString("detail"), rs.getString("remote_addr")))
                .list();
    }
}
