package org.commsportal.database;

import java.util.Map;

/**
 * Driver options that send a JDBC batch to MariaDB as one command instead of one statement per row: the ingest
 * writes its rollups, quarter-hours and claims in batches of up to 1,000 rows per statement. Batched plain inserts
 * already go as one bulk command by default. {@code useBulkStmts} extends that to batched updates and deletes;
 * {@code rewriteBatchedStatements} turns a batched {@code INSERT ... ON DUPLICATE KEY UPDATE}, which the server
 * before 11.5 cannot run in bulk, into one multi-row insert with the same rows in the same order. Only the
 * per-row update counts differ (they are not read anywhere). An external database's pool gets the same options from
 * {@code spring.datasource.hikari.data-source-properties} in application.properties.
 */
final class WriteBatching {

    static final Map<String, String> DRIVER_PROPERTIES = Map.of(
            "useBulkStmts", "true",
            "rewriteBatchedStatements", "true");

    private WriteBatching() {}
}
