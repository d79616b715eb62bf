package org.commsportal.tenant;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

    private static final String SELECT_TENANT =
            "SELECT id, guid, name, display_concealed_names, retention_days, default_time_zone FROM tenant";

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(UUID guid, String name, byte[] pseudonymSecret, boolean displayConcealedNames) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO tenant (guid, name, pseudonym_secret, display_concealed_names)
                VALUES (:guid, :name, :secret, :concealed)
                """)
                .param("concealed", displayConcealedNames)
                .param("guid", guid.toString())
                .param("name", name)
                .param("secret", pseudonymSecret)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    Optional<Tenant> findById(long id) {
        return jdbc.sql(SELECT_TENANT + " WHERE id = :id")
                .param("id", id)
                .query(TenantRepository::toTenant)
                .optional();
    }

    Optional<Tenant> findByName(String name) {
        return jdbc.sql(SELECT_TENANT + " WHERE name = :name")
                .param("name", name)
                .query(TenantRepository::toTenant)
                .optional();
    }

    List<Tenant> findAll() {
        return jdbc.sql(SELECT_TENANT + " ORDER BY id")
                .query(TenantRepository::toTenant)
                .list();
    }

    void updateSettings(long tenantId, boolean displayConcealedNames, int retentionDays, String defaultTimeZone) {
        jdbc.sql("""
                UPDATE tenant SET display_concealed_names = :concealed, retention_days = :retention,
                                  default_time_zone = :zone
                WHERE id = :id
                """)
                .param("concealed", displayConcealedNames)
                .param("retention", retentionDays)
                .param("zone", defaultTimeZone)
                .param("id", tenantId)
                .update();
    }

    byte[] pseudonymSecret(long tenantId) {
        return jdbc.sql("SELECT pseudonym_secret FROM tenant WHERE id = :id")
                .param("id", tenantId)
                .query(byte[].class)
                .single();
    }

    private static Tenant toTenant(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Tenant(
                rs.getLong("id"),
                UUID.fromString(rs.getString("guid")),
                rs.getString("name"),
                rs.getBoolean("display_concealed_names"),
                rs.getInt("retention_days"),
                rs.getString("default_time_zone"));
    }
}
