package org.commsportal.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.commsportal.common.UtcDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class IngestionKeyRepository {

    private static final String SELECT_SUMMARY =
            "SELECT id, name, key_prefix, created_at, created_by, revoked_at, last_used_at FROM ingestion_key";

    private final JdbcClient jdbc;

    IngestionKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long tenantId, String name, String prefix, String hash, Instant at, String createdBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ingestion_key (tenant_id, name, key_prefix, key_hash, created_at, created_by)
                VALUES (:tenantId, :name, :prefix, :hash, :at, :createdBy)
                """)
                .param("tenantId", tenantId)
                .param("name", name)
                .param("prefix", prefix)
                .param("hash", hash)
                .param("at", UtcDateTime.toColumn(at))
                .param("createdBy", createdBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<IngestionKeySummary> ofTenant(long tenantId) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE tenant_id = :tenantId ORDER BY created_at DESC, id DESC")
                .param("tenantId", tenantId)
                .query(IngestionKeyRepository::toSummary)
                .list();
    }

    Optional<IngestionKeySummary> find(long tenantId, long id) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE tenant_id = :tenantId AND id = :id")
                .param("tenantId", tenantId)
                .param("id", id)
                .query(IngestionKeyRepository::toSummary)
                .optional();
    }

    void revoke(long id, Instant at) {
        jdbc.sql("UPDATE ingestion_key SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .param("at", UtcDateTime.toColumn(at))
                .param("id", id)
                .update();
    }

    /** The key id and tenant of an unrevoked key with this hash. */
    Optional<long[]> usable(String hash) {
        return jdbc.sql("SELECT id, tenant_id FROM ingestion_key WHERE key_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash)
                .query((rs, row) -> new long[] {rs.getLong("id"), rs.getLong("tenant_id")})
                .optional();
    }

    void markUsed(long id, Instant at) {
        jdbc.sql("UPDATE ingestion_key SET last_used_at = :at WHERE id = :id")
                .param("at", UtcDateTime.toColumn(at))
                .param("id", id)
                .update();
    }

    private static IngestionKeySummary toSummary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new IngestionKeySummary(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("key_prefix"),
                UtcDateTime.fromColumn(rs.getObject("created_at", LocalDateTime.class)),
                rs.getString("created_by"),
                UtcDateTime.fromNullableColumn(rs.getObject("revoked_at", LocalDateTime.class)),
                UtcDateTime.fromNullableColumn(rs.getObject("last_used_at", LocalDateTime.class)));
    }
}
