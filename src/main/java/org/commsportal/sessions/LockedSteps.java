package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bounded steps of a bulk import's rebuild (SessionChangeListener#rebuildDays): each step its own transaction
 * that first takes the tenant's write lock exclusively, so that writes arriving meanwhile wait for a step and never
 * see it half done.
 */
@Component
public class LockedSteps {

    private final TenantWriteLock writeLock;
    private final TransactionTemplate transactions;

    LockedSteps(TenantWriteLock writeLock, TransactionTemplate transactions) {
        this.writeLock = writeLock;
        this.transactions = transactions;
    }

    /** Runs {@code week} for each [from, until) of at most 7 of the UTC days [first, last], one step each. */
    public void forEachWeek(long tenantId, LocalDate first, LocalDate last, BiConsumer<LocalDate, LocalDate> week) {
        for (LocalDate from = first; !from.isAfter(last); from = from.plusDays(7)) {
            LocalDate weekFrom = from;
            LocalDate until = from.plusDays(7).isAfter(last.plusDays(1)) ? last.plusDays(1) : from.plusDays(7);
            once(tenantId, () -> week.accept(weekFrom, until));
        }
    }

    /** Runs {@code step} as one step. */
    public void once(long tenantId, Runnable step) {
        transactions.executeWithoutResult(status -> {
            writeLock.lockExclusive(tenantId);
            step.run();
        });
    }

    /** Runs {@code step} as one step; what it answers. */
    public <T> @Nullable T call(long tenantId, Supplier<T> step) {
        return transactions.execute(status -> {
            writeLock.lockExclusive(tenantId);
            return step.get();
        });
    }
}
