package org.commsportal.security;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commsportal.common.UtcDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Portal accounts. Look-up by user name spans tenants (it is how sign-in finds the tenant); every other query
 * takes the tenant it is scoped to.
 */
@Repository
class AccountRepository {

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<PortalUser> findByUsername(String username) {
        return jdbc.sql("""
                SELECT a.id, a.tenant_id, t.name AS tenant_name, a.username, a.display_name, a.password_hash,
                       a.enabled, a.time_zone,
                       (SELECT GROUP_CONCAT(r.role) FROM portal_account_role r WHERE r.account_id = a.id) AS roles
                FROM portal_account a JOIN tenant t ON t.id = a.tenant_id
                WHERE a.username = :username
                """)
                .param("username", username)
                .query((rs, row) -> new PortalUser(
                        rs.getLong("id"),
                        rs.getLong("tenant_id"),
                        rs.getString("tenant_name"),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getString("password_hash"),
                        rs.getBoolean("enabled"),
                        rs.getString("time_zone"),
                        roles(rs.getString("roles"))))
                .optional();
    }

    /** The account a provider's subject signed in to before (uk_portal_account_sso). */
    Optional<PortalUser> findBySsoSubject(long providerId, String subject) {
        return jdbc.sql(
                        "SELECT username FROM portal_account WHERE sso_provider_id = :providerId AND sso_subject = :subject")
                .param("providerId", providerId)
                .param("subject", subject)
                .query(String.class)
                .optional()
                .flatMap(this::findByUsername);
    }

    /** Inserts an account created at a first single sign-on: bound to the provider's subject, with no password. */
    long insertSso(
            long tenantId,
            long providerId,
            String subject,
            String username,
            String displayName,
            Instant createdAt,
            Set<Role> roles) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO portal_account (tenant_id, username, display_name, password_hash, time_zone, created_at,
                                            sso_provider_id, sso_subject)
                SELECT :tenantId, :username, :displayName, '', t.default_time_zone, :createdAt, :providerId, :subject
                FROM tenant t WHERE t.id = :tenantId
                """)
                .param("createdAt", UtcDateTime.toColumn(createdAt))
                .param("tenantId", tenantId)
                .param("username", username)
                .param("displayName", displayName)
                .param("providerId", providerId)
                .param("subject", subject)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        insertRoles(id, roles);
        return id;
    }

    void updateDisplayName(long accountId, String displayName) {
        jdbc.sql("UPDATE portal_account SET display_name = :displayName WHERE id = :id")
                .param("displayName", displayName)
                .param("id", accountId)
                .update();
    }

    /** The tenant's accounts that sign in with a password (not created by single sign-on), id by user name. */
    java.util.Map<String, Long> localAccountsInTenant(long tenantId) {
        var accounts = new java.util.TreeMap<String, Long>();
        jdbc.sql("SELECT id, username FROM portal_account WHERE tenant_id = :tenantId AND sso_subject IS NULL")
                .param("tenantId", tenantId)
                .query((rs, row) -> accounts.put(rs.getString("username"), rs.getLong("id")))
                .list();
        return accounts;
    }

    Optional<Long> tenantOfUsername(String username) {
        return jdbc.sql("SELECT tenant_id FROM portal_account WHERE username = :username")
                .param("username", username)
                .query(Long.class)
                .optional();
    }

    /** Inserts an account; it starts in its tenant's default time zone. */
    long insert(
            long tenantId,
            String username,
            String displayName,
            String passwordHash,
            Instant createdAt,
            Set<Role> roles) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO portal_account (tenant_id, username, display_name, password_hash, time_zone, created_at)
                SELECT :tenantId, :username, :displayName, :passwordHash, t.default_time_zone, :createdAt
                FROM tenant t WHERE t.id = :tenantId
                """)
                .param("createdAt", UtcDateTime.toColumn(createdAt))
                .param("tenantId", tenantId)
                .param("username", username)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        insertRoles(id, roles);
        return id;
    }

    private void insertRoles(long accountId, Set<Role> roles) {
        for (Role role : roles) {
            jdbc.sql("INSERT INTO portal_account_role (account_id, role) VALUES (:id, :role)")
                    .param("id", accountId)
                    .param("role", role.name())
                    .update();
        }
    }

    List<AccountSummary> listInTenant(long tenantId) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE a.tenant_id = :tenantId ORDER BY a.username")
                .param("tenantId", tenantId)
                .query(AccountRepository::toSummary)
                .list();
    }

    /** The account if it belongs to the tenant; another tenant's account is as absent as a missing one. */
    Optional<AccountSummary> findInTenant(long tenantId, long accountId) {
        return jdbc.sql(SELECT_SUMMARY + " WHERE a.tenant_id = :tenantId AND a.id = :id FOR UPDATE")
                .param("tenantId", tenantId)
                .param("id", accountId)
                .query(AccountRepository::toSummary)
                .optional();
    }

    void updateEnabled(long tenantId, long accountId, boolean enabled) {
        jdbc.sql("UPDATE portal_account SET enabled = :enabled WHERE tenant_id = :tenantId AND id = :id")
                .param("enabled", enabled)
                .param("tenantId", tenantId)
                .param("id", accountId)
                .update();
    }

    void updatePasswordHash(long tenantId, long accountId, String passwordHash) {
        jdbc.sql("UPDATE portal_account SET password_hash = :hash WHERE tenant_id = :tenantId AND id = :id")
                .param("hash", passwordHash)
                .param("tenantId", tenantId)
                .param("id", accountId)
                .update();
    }

    /** Replaces the roles of an account the caller has found in its tenant (see {@link #findInTenant}). */
    void replaceRoles(long accountId, Set<Role> roles) {
        jdbc.sql("DELETE FROM portal_account_role WHERE account_id = :id")
                .param("id", accountId)
                .update();
        insertRoles(accountId, roles);
    }

    String passwordHash(long accountId) {
        return jdbc.sql("SELECT password_hash FROM portal_account WHERE id = :id")
                .param("id", accountId)
                .query(String.class)
                .single();
    }

    String timeZone(long accountId) {
        return jdbc.sql("SELECT time_zone FROM portal_account WHERE id = :id")
                .param("id", accountId)
                .query(String.class)
                .single();
    }

    void updateTimeZone(long accountId, String timeZone) {
        jdbc.sql("UPDATE portal_account SET time_zone = :zone WHERE id = :id")
                .param("zone", timeZone)
                .param("id", accountId)
                .update();
    }

    /** Enabled global administrators of the tenant other than the given account. */
    long otherEnabledGlobalAdmins(long tenantId, long accountId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM portal_account a JOIN portal_account_role r ON r.account_id = a.id
                WHERE a.tenant_id = :tenantId AND a.id <> :id AND a.enabled AND r.role = 'GLOBAL_ADMIN'
                """)
                .param("tenantId", tenantId)
                .param("id", accountId)
                .query(Long.class)
                .single();
    }

    Optional<String> preference(long accountId, String key) {
        return jdbc.sql("SELECT pref_value FROM account_preference WHERE account_id = :id AND pref_key = :key")
                .param("id", accountId)
                .param("key", key)
                .query(String.class)
                .optional();
    }

    void savePreference(long accountId, String key, String value) {
        jdbc.sql("""
                INSERT INTO account_preference (account_id, pref_key, pref_value) VALUES (:id, :key, :value)
                ON DUPLICATE KEY UPDATE pref_value = VALUES(pref_value)
                """)
                .param("id", accountId)
                .param("key", key)
                .param("value", value)
                .update();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM portal_account").query(Long.class).single();
    }

    private static final String SELECT_SUMMARY = """
            SELECT a.id, a.username, a.display_name, a.enabled, a.time_zone, a.created_at,
                   (SELECT GROUP_CONCAT(r.role) FROM portal_account_role r WHERE r.account_id = a.id) AS roles
            FROM portal_account a""";

    private static AccountSummary toSummary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AccountSummary(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getBoolean("enabled"),
                roles(rs.getString("roles")),
                rs.getString("time_zone"),
                UtcDateTime.fromColumn(rs.getObject("created_at", LocalDateTime.class)));
    }

    private static Set<Role> roles(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }
}
