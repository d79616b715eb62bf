package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's write lock and its retention boundary, one row per tenant in user_period_state (named after the period
 * totals, whose report date shares the row). Session writes hold the lock shared from the start of their
 * transaction; whatever must see no write half done holds it exclusively: a write of users, retention, moving a
 * read model to a new report date. First in the lock order of docs/architecture.md.
 */
@Component
public class TenantWriteLock {

    private final JdbcClient jdbc;

    TenantWriteLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the lock shared until the transaction ends (session writes). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockShared(long tenantId) {
        createRow(tenantId);
        row(tenantId, " LOCK IN SHARE MODE");
    }

    /**
     * Holds the lock exclusively until the transaction ends. The row is created only when missing: the insert's
     * shared lock on an existing row would let two exclusive lockers deadlock on the upgrade.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockExclusive(long tenantId) {
        if (row(tenantId, " FOR UPDATE").isEmpty()) {
            createRow(tenantId);
            row(tenantId, " FOR UPDATE");
        }
    }

    /** The first UTC day whose sessions the tenant keeps (retention), if set; read under the caller's lock. */
    public @Nullable LocalDate keptFrom(long tenantId) {
        return row(tenantId, "").stream().findFirst().flatMap(day -> day).orElse(null);
    }

    void setKeptFrom(long tenantId, LocalDate day) {
        jdbc.sql("UPDATE user_period_state SET kept_from = :d WHERE tenant_id = :t")
                .param("t", tenantId)
                .param("d", day)
                .update();
    }

    private List<Optional<LocalDate>> row(long tenantId, String lock) {
        return jdbc.sql("SELECT kept_from FROM user_period_state WHERE tenant_id = :t" + lock)
                .param("t", tenantId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject("kept_from", LocalDate.class)))
                .list();
    }

    private void createRow(long tenantId) {
        jdbc.sql("INSERT IGNORE INTO user_period_state (tenant_id, report_date) VALUES (:t, NULL)")
                .param("t", tenantId)
                .update();
    }
}
