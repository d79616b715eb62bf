package org.commsportal.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
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
                .query((rs, row) -> new PortalUser(rs.getLong("id"), rs.getLong("tenant_id"),
                        rs.getString("tenant_name"), rs.getString("username"), rs.getString("display_name"),
                        rs.getString("password_hash"), rs.getBoolean("enabled"), rs.getString("time_zone"),
                        roles(rs.getString("roles"))))
                .optional();
    }

    Optional<Long> tenantOfUsername(String username) {
        return jdbc.sql("SELECT tenant_id FROM portal_account WHERE username = :username")
                .param("username", username)
                .query(Long.class)
                .optional();
    }

    long insert(long tenantId, String username, String displayName, String passwordHash, Set<Role> roles) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO portal_account (tenant_id, username, display_name, password_hash)
                VALUES (:tenantId, :username, :displayName, :passwordHash)
                """)
                .param("tenantId", tenantId)
                .param("username", username)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO portal_account_role (account_id, role) VALUES (:id, :role)")
                    .param("id", id)
                    .param("role", role.name())
                    .update();
        }
        return id;
    }

    Optional<String> preference(long accountId, String key) {
        return jdbc.sql("SELECT pref_value FROM account_preference WHERE account_id = :id AND pref_key = :key")
                .param("id", accountId).param("key", key).query(String.class).optional();
    }

    void savePreference(long accountId, String key, String value) {
        jdbc.sql("""
                INSERT INTO account_preference (account_id, pref_key, pref_value) VALUES (:id, :key, :value)
                ON DUPLICATE KEY UPDATE pref_value = VALUES(pref_value)
                """).param("id", accountId).param("key", key).param("value", value).update();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM portal_account").query(Long.class).single();
    }

    private static Set<Role> roles(String csv) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }
}
