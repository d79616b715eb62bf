package org.commsportal.importing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.sessions.BulkSessionWriter;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a batch of mapped call records in one transaction: the sessions through the write core, the sessions an
 * earlier version listed and this one does not removed, and each record's version. A record older than the stored
 * version is skipped, so a re-run or an out-of-order file never goes back (docs/import-teams-call-records.md).
 */
@Component
class CallRecordWriter {

    /** A call record ready to write: its sessions, already checked. */
    record Ready(String recordId, long version, List<SessionRecord> sessions) {}

    /** What a batch did. */
    record Written(int records, int sessions, int replaced, int skippedOlder) {}

    private final SessionWriter sessions;
    private final BulkSessionWriter bulkSessions;
    private final ImportedCallRecordRepository imported;
    private final CurrentTenant currentTenant;
    private final Clock clock;

    CallRecordWriter(
            SessionWriter sessions,
            BulkSessionWriter bulkSessions,
            ImportedCallRecordRepository imported,
            CurrentTenant currentTenant,
            Clock clock) {
        this.sessions = sessions;
        this.bulkSessions = bulkSessions;
        this.imported = imported;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    /**
     * Writes the batch through the write core, or with {@code bulk} its raw rows only (BulkSessionWriter, whose
     * finish rebuilds the read models).
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Written write(List<Ready> records, boolean bulk) {
        long tenantId = currentTenant.id();
        Map<String, ImportedCallRecordRepository.Stored> stored = imported.lock(
                tenantId,
                records.stream().map(Ready::recordId).sorted().distinct().toList());
        List<SessionRecord> batch = new ArrayList<>();
        Set<String> removed = new HashSet<>();
        Map<String, ImportedCallRecordRepository.Stored> versions = new LinkedHashMap<>();
        int skipped = 0;
        for (Ready record : records) {
            ImportedCallRecordRepository.Stored before = stored.get(record.recordId());
            if (before != null && before.version() > record.version()) {
                skipped++;
                continue;
            }
            List<String> dialogIds =
                    record.sessions().stream().map(SessionRecord::dialogId).toList();
            if (before != null) {
                before.dialogIds().stream()
                        .filter(id -> !dialogIds.contains(id))
                        .forEach(removed::add);
            }
            batch.addAll(record.sessions());
            versions.put(record.recordId(), new ImportedCallRecordRepository.Stored(record.version(), dialogIds));
        }
        int replaced = bulk ? bulkSessions.replace(batch, removed) : sessions.replace(batch, removed);
        imported.upsert(tenantId, versions, clock.instant());
        return new Written(versions.size(), batch.size(), replaced, skipped);
    }
}
