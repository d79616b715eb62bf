package org.commsportal.security;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.commsportal.common.UtcDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ApiTokenRepository {

    private static final String SELECT_SUMMARY = """
            SELECT id, name, token_prefix, created_at, expires_at, revoked_at, last_used_at FROM api_token""";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(
            long tenantId,
            long accountId,
            String name,
            String prefix,
            String hash,
            Instant createdAt,
            Instant expiresAt) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO api_token (tenant_id, account_id, name, token_prefix, token_hash, created_at, expires_at)
                VALUES (:tenantId, :accountId, :name, :prefix, :hash, :createdAt, :expiresAt)
                """)
                .param("tenantId", tenantId)
                .param("accountId", accountId)
                .param("name", name)
                .param("prefix", prefix)
                .param("hash", hash)
                .param("createdAt", UtcDateTime.toColumn(createdAt))
                .param("expiresAt", UtcDateTime.toColumn(expiresAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    List<ApiTokenSummary> ofAccount(long tenantId, long accountId) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE tenant_id = :tenantId AND account_id = :accountId "
                        + "ORDER BY created_at DESC, id DESC")
                .param("tenantId", tenantId)
                .param("accountId", accountId)
                .query(ApiTokenRepository::toSummary)
                .list();
    }

    Optional<ApiTokenSummary> find(long tenantId, long accountId, long tokenId) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE tenant_id = :tenantId AND account_id = :accountId AND id = :id")
                .param("tenantId", tenantId)
                .param("accountId", accountId)
                .param("id", tokenId)
                .query(ApiTokenRepository::toSummary)
                .optional();
    }

    void revoke(long tokenId, Instant at) {
        jdbc.sql("UPDATE api_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .param("at", UtcDateTime.toColumn(at))
                .param("id", tokenId)
                .update();
    }

    /** The user name of the account owning a token with this hash that is neither revoked nor expired at the moment. */
    Optional<TokenOwner> usableOwner(String hash, Instant now) {
        return jdbc.sql("""
                SELECT t.id, a.username, t.last_used_at FROM api_token t JOIN portal_account a ON a.id = t.account_id
                WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND t.expires_at > :now
                """)
                .param("hash", hash)
                .param("now", UtcDateTime.toColumn(now))
                .query((rs, row) -> new TokenOwner(
                        rs.getLong("id"),
                        rs.getString("username"),
                        UtcDateTime.fromNullableColumn(rs.getObject("last_used_at", LocalDateTime.class))))
                .optional();
    }

    void markUsed(long tokenId, Instant at) {
        jdbc.sql("UPDATE api_token SET last_used_at = :at WHERE id = :id")
                .param("at", UtcDateTime.toColumn(at))
                .param("id", tokenId)
                .update();
    }

    record TokenOwner(
            long tokenId, String username, @Nullable Instant lastUsedAt) {}

    private static ApiTokenSummary toSummary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ApiTokenSummary(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("token_prefix"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                UtcDateTime.fromNullableColumn(rs.getObject("revoked_at", LocalDateTime.class)),
                UtcDateTime.fromNullableColumn(rs.getObject("last_used_at", LocalDateTime.class)));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return UtcDateTime.fromColumn(rs.getObject(column, LocalDateTime.class));
    }
}
