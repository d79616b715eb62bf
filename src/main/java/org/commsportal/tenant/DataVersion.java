package org.commsportal.tenant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How often the signed-in tenant's report data (sessions, users) has changed: writers bump it in their own
 * transaction, as their last statement, and report ETags include it, so a tag changes exactly when data does.
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
        return jdbc.sql("SELECT version FROM tenant_data_version WHERE tenant_id = :tenantId")
                .param("tenantId", currentTenant.id())
                .query(Long.class)
                .optional()
                .orElse(0L);
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
