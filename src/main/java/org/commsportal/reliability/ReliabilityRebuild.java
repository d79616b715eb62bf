package org.commsportal.reliability;

import java.time.LocalDate;
import org.commsportal.sessions.SessionWeeks;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a tenant's reliability and Rate My Call read models from its kept raw sessions, a week of start days per
 * transaction: for sessions stored without the write path (the benchmarks' quality records, added after their load)
 * or before changeset 022. The write path never needs it. Not part of ReadModelCheck.rebuild, the whole rebuild of
 * every read model; a bulk import's finish rebuilds the days it wrote through the read model's rebuild of days
 * (docs/reliability.md).
 */
@Service
public class ReliabilityRebuild {

    private final ReliabilityStoreRepository repository;
    private final SessionWeeks weeks;
    private final TransactionTemplate transactions;
    private final ReliabilityReadModel readModel;

    ReliabilityRebuild(
            ReliabilityStoreRepository repository,
            SessionWeeks weeks,
            TransactionTemplate transactions,
            ReliabilityReadModel readModel) {
        this.repository = repository;
        this.weeks = weeks;
        this.transactions = transactions;
        this.readModel = readModel;
    }

    /** Forgets the tenant's rows and builds them again from its kept sessions. */
    public void rebuild(long tenantId) {
        transactions.executeWithoutResult(status -> repository.forget(tenantId));
        weeks.forEach(
                tenantId,
                (from, until) -> transactions.executeWithoutResult(status -> repository.build(tenantId, from, until)));
    }

    /**
     * Rebuilds the tenant's rows while its sessions may be written, through the read model's rebuild of days (a
     * bulk import's): each week is forgotten and built again in one transaction that holds the tenant's write lock,
     * so a write waits for that week instead of the whole tenant, and every week is exact when it commits.
     */
    public void rebuildWhileWriting(long tenantId) {
        weeks.forEach(
                tenantId,
                (from, until) -> readModel.rebuildDays(
                        tenantId, from.toLocalDate(), until.toLocalDate().minusDays(1)));
    }

    /**
     * Rebuilds the rows of the sessions of [first, last] (UTC days) as {@link #rebuildWhileWriting} does, the rows of
     * other days left as they are: after raw rows of those days only were stored without the write path.
     */
    public void rebuildWhileWriting(long tenantId, LocalDate first, LocalDate last) {
        readModel.rebuildDays(tenantId, first, last);
    }
}
