package org.commsportal.quality;

import java.time.LocalDate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a tenant's call quality read model from its kept raw sessions, one UTC day per transaction: for sessions
 * stored without the write path (the benchmarks' set-based load). The write path never needs it.
 */
@Service
public class QualityRebuild {

    private final QualityStreamRepository repository;
    private final QualityPeriodTotals periodTotals;
    private final TransactionTemplate transactions;

    QualityRebuild(
            QualityStreamRepository repository, QualityPeriodTotals periodTotals, TransactionTemplate transactions) {
        this.repository = repository;
        this.periodTotals = periodTotals;
        this.transactions = transactions;
    }

    /** Forgets the tenant's rows and builds them again for the sessions of [first, last] (UTC days). */
    public void rebuild(long tenantId, LocalDate first, LocalDate last) {
        transactions.executeWithoutResult(status -> repository.forget(tenantId));
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate built = day;
            transactions.executeWithoutResult(status -> repository.build(tenantId, built));
        }
        transactions.executeWithoutResult(status -> periodTotals.rebuilt(tenantId));
    }
}
