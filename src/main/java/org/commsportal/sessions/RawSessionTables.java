package org.commsportal.sessions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw session tables, each with the column that holds its session's start time: they are partitioned by that
 * column (changeset 012), and a session's rows are found in one partition when it is given. Quality and media rows
 * come before their sessions, the order in which they are deleted.
 */
public final class RawSessionTables {

    /** Table name to start-time column. */
    public static final Map<String, String> START_COLUMNS = startColumns();

    private RawSessionTables() {}

    private static Map<String, String> startColumns() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("session_media", "session_start");
        QualityTables.tables().stream().sorted().forEach(table -> tables.put(table, "session_start"));
        tables.put("comm_session", "start_time");
        return Collections.unmodifiableMap(tables);
    }
}
