package org.commsportal.sessions;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk path of the imports, for a history backfill (docs/ingest.md, "Bulk imports"): {@link #start} marks the
 * signed-in tenant's import as running, each {@link #write} stores a batch's raw rows only (multi-row and batched
 * inserts, one transaction per batch, the same replacement of stored dialog ids as {@link SessionWriter}) and widens
 * the days to rebuild, and {@link #finish} rebuilds the daily rollups and every read model of those days set-based,
 * in bounded steps, then clears the mark: the reports are exact again when it returns. Until then the usage and
 * quality pages say that an import is in progress ({@link BulkImportStatus}). The change feed (webhooks) does not
 * hear of sessions written this way.
 */
@Service
public class BulkSessionWriter {

    private final SessionRepository sessions;
    private final BulkImportRepository state;
    private final TenantWriteLock writeLock;
    private final ReadModelCheck readModels;
    private final CurrentTenant currentTenant;
    private final DataVersion dataVersion;
    private final IngestMetrics ingestMetrics;
    private final SessionQualityRank qualityRank;
    private final Clock clock;
    private final TransactionTemplate transactions;

    BulkSessionWriter(
            SessionRepository sessions,
            BulkImportRepository state,
            TenantWriteLock writeLock,
            ReadModelCheck readModels,
            CurrentTenant currentTenant,
            DataVersion dataVersion,
            IngestMetrics ingestMetrics,
            SessionQualityRank qualityRank,
            Clock clock,
            TransactionTemplate transactions) {
        this.sessions = sessions;
        this.state = state;
        this.writeLock = writeLock;
        this.readModels = readModels;
        this.currentTenant = currentTenant;
        this.dataVersion = dataVersion;
        this.ingestMetrics = ingestMetrics;
        this.qualityRank = qualityRank;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Marks the signed-in tenant's bulk import as running, and commits, so that the pages say so at once. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void start() {
        state.start(currentTenant.id(), clock.instant());
    }

    /** Stores a batch's raw rows; returns how many stored sessions it replaced. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int write(List<SessionRecord> records) {
        return replace(records, List.of());
    }

    /**
     * Stores a batch's raw rows and removes the stored sessions of the other dialog ids given (an importer's later
     * version of a record), in one transaction; a dialog id that comes twice in the batch ends as its last copy, as
     * if sent twice. Returns how many stored sessions it replaced or removed. Nothing of it counts in a report
     * before {@link #finish}.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int replace(List<SessionRecord> records, Collection<String> removedDialogIds) {
        long tenantId = currentTenant.id();
        Map<String, SessionRecord> last = new LinkedHashMap<>();
        records.forEach(record -> last.put(record.dialogId(), record));
        List<SessionRecord> batch = last.values().stream()
                .sorted(Comparator.comparing(SessionRecord::dialogId))
                .toList();
        var dialogIds = new TreeSet<String>(removedDialogIds);
        dialogIds.addAll(last.keySet());
        if (dialogIds.isEmpty()) {
            return 0;
        }
        // shared, as every session write: a write of users (exclusive) never sees these links half done
        writeLock.lockShared(tenantId);
        @Nullable LocalDate keptFrom = writeLock.keptFrom(tenantId);
        if (keptFrom != null) {
            List<String> tooOld = batch.stream()
                    .filter(s -> s.startsBefore(keptFrom))
                    .map(SessionRecord::dialogId)
                    .toList();
            if (!tooOld.isEmpty()) {
                throw new SessionsBeforeKeptDaysException(tooOld, keptFrom);
            }
        }
        Set<String> upns = new LinkedHashSet<>();
        for (SessionRecord s : batch) {
            upns.add(s.fromUpn());
            if (s.toUpn() != null) {
                upns.add(s.toUpn());
            }
        }
        PartyLinks links = sessions.partyLinks(tenantId, upns);
        SessionRepository.Existing existing = sessions.lockExisting(tenantId, List.copyOf(dialogIds));
        List<CountedSession> stored = existing.sessions();
        sessions.delete(stored.stream().map(SessionRepository.RowKey::of).toList());
        if (batch.size() < dialogIds.size()) {
            dialogIds.removeAll(last.keySet());
            sessions.deleteDialogs(tenantId, dialogIds);
        }
        Map<String, Long> ids = sessions.insertSessions(tenantId, batch, links, qualityRank, existing.dialogIds());
        sessions.insertMedia(tenantId, batch, ids);
        sessions.insertQuality(tenantId, batch, ids);
        // the days whose rows the rebuild replaces: the new sessions' and those of the stored ones they replace, with
        // the last day one of them is in progress on (a session's end; on a midnight, one day more than needed)
        List<Instant> starts = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        batch.forEach(s -> {
            starts.add(s.startTime());
            ends.add(s.endTime());
        });
        stored.forEach(s -> {
            starts.add(s.start());
            ends.add(s.end());
        });
        if (!starts.isEmpty()) {
            LocalDate lastStart =
                    day(starts.stream().max(Comparator.naturalOrder()).orElseThrow());
            LocalDate lastEnd = day(ends.stream().max(Comparator.naturalOrder()).orElseThrow());
            state.addDays(
                    tenantId,
                    day(starts.stream().min(Comparator.naturalOrder()).orElseThrow()),
                    lastStart,
                    lastEnd.isAfter(lastStart) ? lastEnd : lastStart,
                    clock.instant());
        }
        dataVersion.bump();
        ingestMetrics.written(batch.size());
        return stored.size();
    }

    /**
     * Rebuilds the daily rollups and every read model of the days the signed-in tenant's bulk import stored
     * (ReadModelCheck#rebuildDays), then clears its mark; returns the names of the read models rebuilt. A finish
     * that was killed leaves the mark, and the next bulk import's finish rebuilds those days too.
     */
    public List<String> finish() {
        return finish(ReadModelCheck.RebuildSteps.NONE);
    }

    /** {@link #finish()}, telling {@code steps} of each step of the rebuild (an upload page shows them). */
    public List<String> finish(ReadModelCheck.RebuildSteps steps) {
        long tenantId = currentTenant.id();
        var current = state.state(tenantId);
        List<String> rebuilt = List.of();
        if (current.isPresent()
                && current.get().firstDay() != null
                && current.get().lastDay() != null) {
            rebuilt = readModels.rebuildDays(
                    tenantId,
                    current.get().firstDay(),
                    current.get().lastDay(),
                    current.get().lastDayInProgress(),
                    steps);
        }
        transactions.executeWithoutResult(status -> {
            state.finish(tenantId);
            dataVersion.bump();
        });
        return rebuilt;
    }

    private static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
