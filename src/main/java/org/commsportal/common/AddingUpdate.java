package org.commsportal.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statement with which a read model adds a write's differences to rows that must exist already and are never
 * created by a write (per-user period totals: one row per licensed user and period): a single UPDATE joining the
 * differences, read first and each stored row found by its key. A batch of single-row UPDATEs runs one by one on the
 * server (8,000 rows of activity period totals took about 1 s at 100,000 users; joined, 0.13 s). A difference
 * without a stored row changes nothing, as a single-row UPDATE would. Parameters: per row its key columns, then its
 * counters, and last the tenant (docs/architecture.md, "The write path").
 */
public final class AddingUpdate {

    private AddingUpdate() {}

    /**
     * Adds the rows' counters (each row its key columns, then its counters, in the order given) to the tenant's stored
     * rows, a chunk of rows per statement.
     */
    public static void run(
            JdbcTemplate jdbc,
            String table,
            long tenantId,
            List<String> keys,
            List<String> counters,
            List<Object[]> rows) {
        update(jdbc, table, tenantId, keys, counters, rows, c -> "t." + c + " + d." + c);
    }

    /**
     * Moves the rows' dates (each row its key columns, then its dates, in the order given; a null date moves nothing)
     * forward to the later of the stored and the given date: a write that only added day rows makes no "last day"
     * earlier, so it needs no look at the day rows.
     */
    public static void raiseDates(
            JdbcTemplate jdbc,
            String table,
            long tenantId,
            List<String> keys,
            List<String> dates,
            List<Object[]> rows) {
        update(
                jdbc,
                table,
                tenantId,
                keys,
                dates,
                rows,
                c -> "GREATEST(COALESCE(t.%1$s, CAST(d.%1$s AS DATE)), COALESCE(CAST(d.%1$s AS DATE), t.%1$s))"
                        .formatted(c));
    }

    private static void update(
            JdbcTemplate jdbc,
            String table,
            long tenantId,
            List<String> keys,
            List<String> columns,
            List<Object[]> rows,
            Function<String, String> value) {
        for (List<Object[]> chunk : Chunks.of(rows)) {
            Object[] parameters = java.util.stream.Stream.concat(
                            chunk.stream().flatMap(java.util.Arrays::stream), java.util.stream.Stream.of(tenantId))
                    .toArray();
            jdbc.update(sql(table, keys, columns, chunk.size(), value), parameters);
        }
    }

    /** The statement for {@code rows} rows of one tenant (its id the last parameter), each column set to its value. */
    static String sql(String table, List<String> keys, List<String> columns, int rows, Function<String, String> value) {
        List<String> selected = new ArrayList<>(keys);
        selected.addAll(columns);
        String first = selected.stream().map(c -> "? AS " + c).collect(Collectors.joining(", "));
        String row = "(?" + ", ?".repeat(selected.size() - 1) + ")";
        String more = rows > 1 ? " UNION ALL VALUES " + String.join(", ", Collections.nCopies(rows - 1, row)) : "";
        return "UPDATE (SELECT " + first + more + ") d STRAIGHT_JOIN " + table + " t ON t.tenant_id = ? AND "
                + keys.stream().map(k -> "t." + k + " = d." + k).collect(Collectors.joining(" AND "))
                + " SET "
                + columns.stream().map(c -> "t." + c + " = " + value.apply(c)).collect(Collectors.joining(", "));
    }
}
