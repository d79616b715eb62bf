package org.commsportal.tenant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How often the signed-in tenant's report data (sessions, users) has changed: writers bump it in their own
 * transaction, as their last statement, and report ETags include it, so a tag changes exactly when data does.
 * Writers of the directory bump a second counter with it ({@link #bumpDirectory()}).
 */
@Service
public class DataVersion {

    private final JdbcClient jdbc;
    private final CurrentTenant currentTenant;

    DataVersion(JdbcClient jdbc, CurrentTenant currentTenant) {
        this.jdbc = jdbc;
        this.currentTenant = currentTenant;
    }

    @Transactional(readOnly = true)
    public long current() {
        return counter("version");
    }

    /**
     * How often the signed-in tenant's directory (its users, their calling plans, its calling plan allowances) has
     * changed: a part of {@link #current()} that writes of sessions leave alone (changeset 054).
     */
    @Transactional(readOnly = true)
    public long directory() {
        return counter("directory_version");
    }

    /** A counter of the tenant's row: a fixed column name, never input. */
    private long counter(String column) {
        return jdbc.sql("SELECT " + column + " FROM tenant_data_version WHERE tenant_id = :tenantId")
                .param("tenantId", currentTenant.id())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * {@link #bump()} for a write of the tenant's directory: both versions change. Returns the directory version this
     * write made, read under the row lock the bump holds until the commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long bumpDirectory() {
        jdbc.sql("""
                INSERT INTO tenant_data_version (tenant_id, version, directory_version) VALUES (:tenantId, 1, 1)
                ON DUPLICATE KEY UPDATE version = version + 1, directory_version = directory_version + 1
                """).param("tenantId", currentTenant.id()).update();
        return directory();
    }

    /** Marks the tenant's data as changed; call it last in the writing transaction to hold its row lock briefly. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void bump() {
        jdbc.sql("""
                INSERT INTO tenant_data_version (tenant_id, version) VALUES (:tenantId, 1)
                ON DUPLICATE KEY UPDATE version = version + 1
                """).param("tenantId", currentTenant.id()).update();
    }
}
