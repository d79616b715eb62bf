package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bounded steps of a bulk import's rebuild (SessionChangeListener#rebuildDays): each step its own transaction
 * that first takes the tenant's write lock exclusively, so that writes arriving meanwhile wait for a step and never
 * see it half done. A step's GROUP BY may build millions of groups (a week of a large tenant): its connection may keep
 * temporary tables in memory up to {@code portal.import.rebuild-temp-table-bytes} instead of MariaDB's 16 MB, past
 * which they go to disk (three times slower; docs/ingest.md, "Bulk imports").
 */
@Component
public class LockedSteps {

    private final TenantWriteLock writeLock;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final long tempTableBytes;

    LockedSteps(
            TenantWriteLock writeLock,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            @Value("${portal.import.rebuild-temp-table-bytes:268435456}") long tempTableBytes) {
        this.writeLock = writeLock;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.tempTableBytes = tempTableBytes;
    }

    /** Runs {@code week} for each [from, until) of at most 7 of the UTC days [first, last], one step each. */
    public void forEachWeek(long tenantId, LocalDate first, LocalDate last, BiConsumer<LocalDate, LocalDate> week) {
        for (LocalDate from = first; !from.isAfter(last); from = from.plusDays(7)) {
            LocalDate weekFrom = from;
            LocalDate until = from.plusDays(7).isAfter(last.plusDays(1)) ? last.plusDays(1) : from.plusDays(7);
            once(tenantId, () -> week.accept(weekFrom, until));
        }
    }

    /**
     * Whether the tenant has a session that starts before the UTC day {@code first} or after the day {@code last}: a
     * read model with no rows of other days to keep is rebuilt whole faster than day by day.
     */
    public boolean hasSessionsOutside(long tenantId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM comm_session WHERE tenant_id = :t AND start_time < :from)
                    OR EXISTS (SELECT 1 FROM comm_session WHERE tenant_id = :t AND start_time >= :until)
                """)
                .param("t", tenantId)
                .param("from", first.atStartOfDay())
                .param("until", last.plusDays(1).atStartOfDay())
                .query(Boolean.class)
                .single();
    }

    /** Runs {@code step} as one step. */
    public void once(long tenantId, Runnable step) {
        call(tenantId, () -> {
            step.run();
            return null;
        });
    }

    /** Runs {@code step} as one step; what it answers. */
    public <T> @Nullable T call(long tenantId, Supplier<T> step) {
        return transactions.execute(status -> {
            writeLock.lockExclusive(tenantId);
            // the transaction's connection: set for the step, back to the server's values before the pool has it again
            jdbc.sql("SET SESSION tmp_table_size = :bytes, max_heap_table_size = :bytes")
                    .param("bytes", tempTableBytes)
                    .update();
            T result;
            try {
                result = step.get();
            } catch (RuntimeException e) {
                try {
                    resetTempTableSize();
                } catch (RuntimeException resetFailed) {
                    e.addSuppressed(resetFailed); // a broken connection: the pool drops it
                }
                throw e;
            }
            resetTempTableSize();
            return result;
        });
    }

    private void resetTempTableSize() {
        jdbc.sql("SET SESSION tmp_table_size = DEFAULT, max_heap_table_size = DEFAULT")
                .update();
    }
}
