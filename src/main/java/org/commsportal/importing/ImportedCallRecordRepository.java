package org.commsportal.importing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The version and dialog ids of each imported Teams call record ({@code imported_call_record}). */
@Repository
class ImportedCallRecordRepository {

    /** A stored call record: its version and the dialog ids its sessions were written under. */
    record Stored(long version, List<String> dialogIds) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ImportedCallRecordRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The stored records among these ids, locked until the transaction ends (by primary key). */
    Map<String, Stored> lock(long tenantId, List<String> recordIds) {
        Map<String, Stored> stored = new HashMap<>();
        if (recordIds.isEmpty()) {
            return stored;
        }
        jdbc.sql("""
                SELECT record_id, version, dialog_ids FROM imported_call_record
                WHERE tenant_id = :t AND record_id IN (:ids) ORDER BY record_id FOR UPDATE
                """)
                .param("t", tenantId)
                .param("ids", recordIds)
                .query((rs, row) -> stored.put(
                        rs.getString("record_id"),
                        new Stored(
                                rs.getLong("version"),
                                Arrays.stream(rs.getString("dialog_ids").split("\n"))
                                        .filter(id -> !id.isEmpty())
                                        .toList())))
                .list();
        return stored;
    }

    void upsert(long tenantId, Map<String, Stored> records, Instant now) {
        List<Object[]> rows = new ArrayList<>();
        records.forEach((id, record) -> rows.add(
                new Object[] {tenantId, id, record.version(), String.join("\n", record.dialogIds()), Timestamp.from(now)
                }));
        batch.batchUpdate("""
                INSERT INTO imported_call_record (tenant_id, record_id, version, dialog_ids, imported_at)
                VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE version = VALUES(version), dialog_ids = VALUES(dialog_ids),
                    imported_at = VALUES(imported_at)
                """, rows);
    }

    long count(long tenantId) {
        return jdbc.sql("SELECT COUNT(*) FROM imported_call_record WHERE tenant_id = :t")
                .param("t", tenantId)
                .query(Long.class)
                .single();
    }
}
