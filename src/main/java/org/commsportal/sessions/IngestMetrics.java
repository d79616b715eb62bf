package org.commsportal.sessions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The counters {@code portal.ingest.sessions} and {@code portal.ingest.batches}: what the one write path stored.
 * Called inside the writing transaction, they count only once it commits, so a rejected batch counts nothing.
 */
@Component
public class IngestMetrics {

    private final Counter sessions;
    private final Counter batches;

    IngestMetrics(MeterRegistry registry) {
        sessions = Counter.builder("portal.ingest.sessions")
                .description("Sessions written (new or replacing a stored one), counted at commit")
                .register(registry);
        batches = Counter.builder("portal.ingest.batches")
                .description("Session batches written, counted at commit")
                .register(registry);
    }

    /** Counts a batch of written sessions when the current transaction commits, or at once outside one. */
    public void written(int sessionCount) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count(sessionCount);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count(sessionCount);
            }
        });
    }

    private void count(int sessionCount) {
        sessions.increment(sessionCount);
        batches.increment();
    }
}
