package org.commsportal.sessions;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

/**
 * For {@code verify-rollups}: the daily rollups and distinct users per day against a recomputation from the raw
 * sessions, then each read model against its own recomputation, in the read models' order. Each check runs in
 * its own transaction.
 */
@Service
public class ReadModelCheck {

    private static final Logger log = LoggerFactory.getLogger(ReadModelCheck.class);

    private final RollupCheckRepository rollups;
    private final List<SessionChangeListener> readModels;
    private final BulkImportRepository bulkImports;
    private final TenantWriteLock writeLock;
    private final TransactionTemplate transactions;

    ReadModelCheck(
            RollupCheckRepository rollups,
            List<SessionChangeListener> readModels,
            BulkImportRepository bulkImports,
            TenantWriteLock writeLock,
            TransactionTemplate transactions) {
        this.rollups = rollups;
        this.readModels = readModels;
        this.bulkImports = bulkImports;
        this.writeLock = writeLock;
        this.transactions = transactions;
    }

    /** Every difference found, human-readable, at most {@code limit}; empty when everything is exact. */
    public List<String> differences(long tenantId, int limit) {
        List<String> differences = new ArrayList<>(rollups.differences(tenantId, limit));
        for (SessionChangeListener readModel : readModels) {
            if (differences.size() >= limit) {
                break;
            }
            differences.addAll(readModel.differences(tenantId, limit - differences.size()));
        }
        return differences;
    }

    /**
     * Rebuilds from the raw sessions every read model that can (SessionChangeListener#rebuild), each in its own
     * transaction; the names of the read models rebuilt.
     */
    public List<String> rebuild(long tenantId) {
        List<String> rebuilt = new ArrayList<>();
        for (SessionChangeListener readModel : readModels) {
            if (readModel.rebuild(tenantId)) {
                rebuilt.add(ClassUtils.getUserClass(readModel).getSimpleName());
            }
        }
        return rebuilt;
    }

    /**
     * After a bulk load of raw rows (BulkSessionWriter): rebuilds the tenant's daily rollups of the UTC days [first,
     * last], a week of days per transaction, then every read model in its order, each with
     * SessionChangeListener#rebuildDays, or else its whole rebuild in one transaction; each transaction first takes
     * the tenant's write lock exclusively, so concurrent writers of the tenant wait for a step instead of seeing it
     * half done. Returns the names of the read models rebuilt; one that can do neither (the change feed) is left
     * alone (docs/ingest.md, "Bulk imports").
     */
    public List<String> rebuildDays(long tenantId, java.time.LocalDate first, java.time.LocalDate last) {
        long started = System.nanoTime();
        for (java.time.LocalDate from = first; !from.isAfter(last); from = from.plusDays(7)) {
            java.time.LocalDate until =
                    from.plusDays(7).isAfter(last.plusDays(1)) ? last.plusDays(1) : from.plusDays(7);
            java.time.LocalDate weekFrom = from;
            transactions.executeWithoutResult(status -> {
                writeLock.lockExclusive(tenantId);
                bulkImports.rebuildRollups(tenantId, weekFrom, until);
            });
        }
        log.info(
                "Bulk rebuild of tenant {}: daily rollups of {}..{} in {} ms",
                tenantId,
                first,
                last,
                millisSince(started));
        List<String> rebuilt = new ArrayList<>();
        for (SessionChangeListener readModel : readModels) {
            long step = System.nanoTime();
            boolean done = readModel.rebuildDays(tenantId, first, last)
                    || Boolean.TRUE.equals(transactions.execute(status -> {
                        writeLock.lockExclusive(tenantId);
                        return readModel.rebuild(tenantId);
                    }));
            String name = ClassUtils.getUserClass(readModel).getSimpleName();
            if (done) {
                rebuilt.add(name);
                log.info("Bulk rebuild of tenant {}: {} in {} ms", tenantId, name, millisSince(step));
            }
        }
        return rebuilt;
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
