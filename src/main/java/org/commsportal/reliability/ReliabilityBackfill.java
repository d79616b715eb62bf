package org.commsportal.reliability;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds, in the background after start-up, the reliability and Rate My Call rows of tenants whose sessions were
 * stored before those read models existed (a database upgraded past changeset 022 with sessions in it; changeset 042
 * lists them; docs/reliability.md, "Upgrading"). Writes go on meanwhile: each week is rebuilt under the tenant's write
 * lock. A tenant's row goes once all its weeks are done, so an interrupted backfill starts again at the next start.
 */
@Component
class ReliabilityBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReliabilityBackfill.class);

    private final JdbcClient jdbc;
    private final ReliabilityRebuild rebuild;

    ReliabilityBackfill(JdbcClient jdbc, ReliabilityRebuild rebuild) {
        this.jdbc = jdbc;
        this.rebuild = rebuild;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Long> tenants = pendingTenants();
        if (tenants.isEmpty()) {
            return;
        }
        Thread thread = new Thread(() -> tenants.forEach(this::backfillQuietly), "reliability-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    List<Long> pendingTenants() {
        return jdbc.sql("SELECT tenant_id FROM reliability_backfill ORDER BY tenant_id")
                .query(Long.class)
                .list();
    }

    private void backfillQuietly(long tenantId) {
        try {
            backfill(tenantId);
        } catch (RuntimeException e) {
            // the next start tries again
            log.warn("Building the reliability figures of tenant {} failed: {}", tenantId, e.toString());
        }
    }

    void backfill(long tenantId) {
        log.info("Building the reliability and Rate My Call figures of tenant {} from its stored sessions", tenantId);
        long started = System.nanoTime();
        rebuild.rebuildWhileWriting(tenantId);
        jdbc.sql("DELETE FROM reliability_backfill WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
        log.info(
                "Built the reliability figures of tenant {} in {} ms",
                tenantId,
                (System.nanoTime() - started) / 1_000_000);
    }
}
