package org.commsportal.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The statement with which an additive read model adds a write's differences to its rows: a batch of
 * {@code INSERT ... ON DUPLICATE KEY UPDATE counter = counter + VALUES(counter)}, one parameter per key column, then
 * one per counter (docs/architecture.md, "The write path").
 */
public final class AddingUpsert {

    private AddingUpsert() {}

    public static String sql(String table, List<String> keys, List<String> counters) {
        List<String> columns = new ArrayList<>(keys);
        columns.addAll(counters);
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES (?"
                + ", ?".repeat(columns.size() - 1) + ") ON DUPLICATE KEY UPDATE "
                + String.join(
                        ", ",
                        counters.stream()
                                .map(c -> c + " = " + c + " + VALUES(" + c + ")")
                                .toList());
    }
}
