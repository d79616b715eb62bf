package org.commsportal.pstn;

import java.util.List;
import org.commsportal.sessions.TenantWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Derives, in the background after start-up, the calls of tenants whose sessions were stored before the PSTN usage
 * read model existed (a database upgraded to changeset 033; docs/pstn-usage.md): one transaction per tenant that
 * holds the tenant's write lock, so no write of the tenant's sessions runs meanwhile.
 */
@Component
class PstnCallsBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PstnCallsBackfill.class);

    private final JdbcClient jdbc;
    private final TenantWriteLock writeLock;
    private final PstnCalls calls;
    private final TransactionTemplate transaction;

    PstnCallsBackfill(JdbcClient jdbc, TenantWriteLock writeLock, PstnCalls calls, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.writeLock = writeLock;
        this.calls = calls;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Long> tenants = jdbc.sql("SELECT tenant_id FROM pstn_call_backfill ORDER BY tenant_id")
                .query(Long.class)
                .list();
        if (tenants.isEmpty()) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    for (long tenantId : tenants) {
                        try {
                            transaction.executeWithoutResult(status -> backfill(tenantId));
                        } catch (RuntimeException e) {
                            // the next start tries again
                            log.warn("Deriving the PSTN calls of tenant {} failed: {}", tenantId, e.toString());
                        }
                    }
                },
                "pstn-calls-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    private void backfill(long tenantId) {
        writeLock.lockExclusive(tenantId);
        boolean pending = jdbc.sql("SELECT COUNT(*) FROM pstn_call_backfill WHERE tenant_id = :t FOR UPDATE")
                        .param("t", tenantId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!pending) {
            return;
        }
        log.info("Deriving the PSTN calls of tenant {} from its stored sessions", tenantId);
        calls.rebuild(tenantId);
        jdbc.sql("DELETE FROM pstn_call_backfill WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }
}
