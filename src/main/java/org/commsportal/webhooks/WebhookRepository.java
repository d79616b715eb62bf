package org.commsportal.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Endpoints and the outbox of deliveries (changeset 030); every query of a page is scoped to a tenant. */
@Repository
class WebhookRepository {

    /** A delivery due for an attempt, with what the sender needs. */
    record Due(
            long id,
            long tenantId,
            long endpointId,
            String url,
            String secret,
            String eventType,
            String idempotencyKey,
            String payload,
            int attempts) {}

    /** An endpoint with its secret, for the listener and the sender. */
    record Target(long id, String secret) {}

    private static final String ENDPOINT_COLUMNS = "id, kind, name, url, created_by, created_at";

    private final JdbcClient jdbc;

    WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insertEndpoint(
            long tenantId, WebhookKind kind, String name, String url, String secret, String createdBy, Instant at) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO webhook_endpoint (tenant_id, kind, name, url, secret, created_by, created_at)
                        VALUES (:tenantId, :kind, :name, :url, :secret, :createdBy, :at)
                        """)
                .param("tenantId", tenantId)
                .param("kind", kind.name())
                .param("name", name)
                .param("url", url)
                .param("secret", secret)
                .param("createdBy", createdBy)
                .param("at", UtcDateTime.toColumn(at))
                .update(keys);
        return keys.getKey().longValue();
    }

    boolean nameTaken(long tenantId, String name) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE tenant_id = :tenantId AND name = :name")
                        .param("tenantId", tenantId)
                        .param("name", name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    List<WebhookEndpoint> endpoints(long tenantId) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoint WHERE tenant_id = :tenantId ORDER BY name")
                .param("tenantId", tenantId)
                .query((rs, row) -> endpoint(rs))
                .list();
    }

    Optional<WebhookEndpoint> endpoint(long tenantId, long id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoint WHERE tenant_id = :tenantId AND id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query((rs, row) -> endpoint(rs))
                .optional();
    }

    /** The tenant's endpoints of a kind with their secrets; ix_webhook_endpoint_kind. */
    List<Target> targets(long tenantId, WebhookKind kind) {
        return jdbc.sql("SELECT id, secret FROM webhook_endpoint WHERE tenant_id = :tenantId AND kind = :kind")
                .param("tenantId", tenantId)
                .param("kind", kind.name())
                .query((rs, row) -> new Target(rs.getLong("id"), rs.getString("secret")))
                .list();
    }

    boolean deleteEndpoint(long tenantId, long id) {
        return jdbc.sql("DELETE FROM webhook_endpoint WHERE tenant_id = :tenantId AND id = :id")
                        .param("tenantId", tenantId)
                        .param("id", id)
                        .update()
                > 0;
    }

    void enqueue(long tenantId, long endpointId, String eventType, String key, String payload, Instant now) {
        jdbc.sql("""
                        INSERT INTO webhook_delivery (tenant_id, endpoint_id, event_type, idempotency_key, payload, status,
                            attempts, next_attempt_at, created_at)
                        VALUES (:tenantId, :endpointId, :eventType, :key, :payload, 'PENDING', 0, :now, :now)
                        """)
                .param("tenantId", tenantId)
                .param("endpointId", endpointId)
                .param("eventType", eventType)
                .param("key", key)
                .param("payload", payload)
                .param("now", UtcDateTime.toColumn(now))
                .update();
    }

    /** Deliveries whose next attempt is due, oldest first; ix_webhook_delivery_due. */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        SELECT d.id, d.tenant_id, d.endpoint_id, e.url, e.secret, d.event_type, d.idempotency_key,
                               d.payload, d.attempts
                        FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id
                        WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                        ORDER BY d.next_attempt_at, d.id
                        LIMIT :limit
                        """)
                .param("now", UtcDateTime.toColumn(now))
                .param("limit", limit)
                .query((rs, row) -> new Due(
                        rs.getLong("id"),
                        rs.getLong("tenant_id"),
                        rs.getLong("endpoint_id"),
                        rs.getString("url"),
                        rs.getString("secret"),
                        rs.getString("event_type"),
                        rs.getString("idempotency_key"),
                        rs.getString("payload"),
                        rs.getInt("attempts")))
                .list();
    }

    void delivered(long id, int status, Instant at) {
        jdbc.sql("""
                        UPDATE webhook_delivery SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = :at,
                            last_status = :status, last_error = NULL
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("at", UtcDateTime.toColumn(at))
                .update();
    }

    /** A failed attempt: retried at {@code next}, or FAILED for good when {@code next} is null. */
    void failed(long id, @Nullable Integer status, String error, @Nullable Instant next) {
        jdbc.sql("""
                        UPDATE webhook_delivery SET attempts = attempts + 1, last_status = :status, last_error = :error,
                            status = :state, next_attempt_at = COALESCE(:next, next_attempt_at)
                        WHERE id = :id
                        """)
                .param("id", id)
                .param("status", status)
                .param("error", error.length() > 500 ? error.substring(0, 500) : error)
                .param("state", next == null ? "FAILED" : "PENDING")
                .param("next", next == null ? null : UtcDateTime.toColumn(next))
                .update();
    }

    /** An endpoint's log, newest first; ix_webhook_delivery_endpoint. */
    List<WebhookDelivery> deliveries(long tenantId, long endpointId, int offset, int limit) {
        return jdbc.sql("""
                        SELECT id, event_type, idempotency_key, status, attempts, created_at, next_attempt_at,
                               delivered_at, last_status, last_error, LENGTH(payload) AS payload_bytes
                        FROM webhook_delivery
                        WHERE endpoint_id = :endpointId AND tenant_id = :tenantId
                        ORDER BY id DESC
                        LIMIT :limit OFFSET :offset
                        """)
                .param("tenantId", tenantId)
                .param("endpointId", endpointId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new WebhookDelivery(
                        rs.getLong("id"),
                        rs.getString("event_type"),
                        rs.getString("idempotency_key"),
                        WebhookDelivery.Status.valueOf(rs.getString("status")),
                        rs.getInt("attempts"),
                        instant(rs, "created_at"),
                        instant(rs, "next_attempt_at"),
                        rs.getObject("delivered_at") == null ? null : instant(rs, "delivered_at"),
                        rs.getObject("last_status", Integer.class),
                        rs.getString("last_error"),
                        rs.getInt("payload_bytes")))
                .list();
    }

    /** Deletes up to {@code limit} delivered or failed deliveries created before the moment; returns how many. */
    int purgeBefore(Instant before, int limit) {
        return jdbc.sql("""
                        DELETE FROM webhook_delivery
                        WHERE status <> 'PENDING' AND created_at < :before
                        ORDER BY id LIMIT :limit
                        """)
                .param("before", UtcDateTime.toColumn(before))
                .param("limit", limit)
                .update();
    }

    private static WebhookEndpoint endpoint(ResultSet rs) throws SQLException {
        return new WebhookEndpoint(
                rs.getLong("id"),
                WebhookKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("url"),
                rs.getString("created_by"),
                instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return UtcDateTime.fromColumn(rs.getObject(column, LocalDateTime.class));
    }
}
