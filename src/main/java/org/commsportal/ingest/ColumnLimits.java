package org.commsportal.ingest;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The character limits of the text columns that ingested fields land in, read from the schema itself so that
 * validation and columns cannot drift apart.
 */
@Component
class ColumnLimits {

    private final JdbcClient jdbc;
    private volatile @Nullable Map<String, Integer> limits;

    ColumnLimits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The most characters the column takes; unlimited for a column that is not a VARCHAR/CHAR. */
    int of(String table, String column) {
        Map<String, Integer> known = limits;
        if (known == null) {
            known = load();
            limits = known;
        }
        return known.getOrDefault(table + "." + column, Integer.MAX_VALUE);
    }

    private Map<String, Integer> load() {
        Map<String, Integer> loaded = new HashMap<>();
        jdbc.sql("""
                SELECT table_name, column_name, character_maximum_length FROM information_schema.columns
                WHERE table_schema = DATABASE() AND data_type IN ('varchar', 'char')
                """)
                .query((rs, row) -> loaded.put(
                        rs.getString(1).toLowerCase() + "." + rs.getString(2).toLowerCase(), rs.getInt(3)))
                .list();
        return Map.copyOf(loaded);
    }
}
