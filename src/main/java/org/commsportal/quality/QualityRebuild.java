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

    /**
     * Builds the tenant's rows of the sessions of [first, last] (UTC days) again, each day's rows forgotten first;
     * the rows of other days stay (forgetting every row first was one transaction deleting tens of millions of rows
     * at 100,000 users x 30 days), then the period totals are recounted.
     */
    public void rebuild(long tenantId, LocalDate first, LocalDate last) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate built = day;
            transactions.executeWithoutResult(status -> {
                repository.forgetDay(tenantId, built);
                repository.build(tenantId, built);
            });
        }
        transactions.executeWithoutResult(status -> periodTotals.rebuilt(tenantId));
    }
}
