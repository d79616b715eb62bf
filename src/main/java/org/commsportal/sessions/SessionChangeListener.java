package org.commsportal.sessions;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A report's read model, kept by the write core inside every write transaction, so that the report equals a
 * recomputation from the raw rows the moment the write commits. Listeners are called in their {@code @Order}
 * (docs/architecture.md lists it), each phase at its place in the lock order: the tenant's write lock, then each
 * listener's {@link #begin}, the raw rows, each listener's {@link #lockUsers}, the daily rollups, then each
 * listener's {@link #apply}. A new report adds a listener; it never edits the writer.
 */
public interface SessionChangeListener {

    /** First thing after the tenant's write lock: take this read model's own tenant-wide lock, if it has one. */
    default void begin(long tenantId) {}

    /** Before any daily rollup row: lock the users whose rows {@link #apply} will change, in id order. */
    default void lockUsers(SessionChanges changes) {}

    /** Changes the read model by the write's changes, after the daily rollups. */
    void apply(SessionChanges changes);

    /** Licensed users were written: rows for the new ones, before their sessions are matched to them. */
    default void usersWritten(long tenantId, Collection<String> upns) {}

    /** Retention: forget the UTC days before the day, as a recomputation from the later sessions would. */
    default void forgetBefore(long tenantId, LocalDate day) {}

    /**
     * Replaces the tenant's rows by a recomputation from the raw sessions, for sessions stored without the write
     * path (the benchmarks' set-based loads). Whether this read model can: one that cannot leaves this alone and
     * answers false.
     */
    default boolean rebuild(long tenantId) {
        return false;
    }

    /**
     * Replaces, for the bulk import (docs/ingest.md, "Bulk imports"), at least the rows that the raw sessions starting
     * on the UTC days [first, last] decide by a recomputation from the raw sessions, after the daily rollups of those
     * days were rebuilt. Runs its own transactions, in bounded steps, each taking the tenant's write lock exclusively
     * first ({@link TenantWriteLock#lockExclusive}), so that no write of the tenant is half done meanwhile. One that
     * does not answers false, and {@link ReadModelCheck#rebuildDays} runs its {@link #rebuild(long)} in one
     * transaction under that lock instead.
     */
    default boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        return false;
    }

    /**
     * {@link #rebuildDays(long, LocalDate, LocalDate)}, knowing that no session the import stored or replaced is in
     * progress after the UTC day {@code lastInProgress} (null: not known): for a read model whose rows of a day count
     * the sessions in progress on it, not only those starting on it (active users).
     */
    default boolean rebuildDays(long tenantId, LocalDate first, LocalDate last, @Nullable LocalDate lastInProgress) {
        return rebuildDays(tenantId, first, last);
    }

    /** For verify-rollups: every row that differs from a recomputation, human-readable, at most {@code limit}. */
    default List<String> differences(long tenantId, int limit) {
        return List.of();
    }
}
