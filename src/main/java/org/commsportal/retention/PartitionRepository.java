package org.commsportal.retention;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.sessions.RawSessionTables;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The weekly RANGE partitions of the raw session tables (changeset 012): one partition per UTC week, Monday 00:00 to
 * the next Monday, named {@code p<yyyyMMdd of the Monday>}, plus the catch-all {@code pmax}. The first partition
 * also holds anything older than its week. Every table is partitioned alike, on its session's start time.
 */
@Repository
class PartitionRepository {

    private static final Logger log = LoggerFactory.getLogger(PartitionRepository.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMMdd");

    private final JdbcClient jdbc;

    PartitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A partition of a table; {@code end} is its exclusive upper bound, null for the catch-all. */
    public record Partition(String name, @Nullable LocalDate end) {}

    /** The Monday that starts the UTC week of the day. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The table's partitions in order. */
    public List<Partition> partitions(String table) {
        return jdbc.sql("""
                SELECT PARTITION_NAME, PARTITION_DESCRIPTION FROM information_schema.PARTITIONS
                WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table AND PARTITION_NAME IS NOT NULL
                ORDER BY PARTITION_ORDINAL_POSITION
                """)
                .param("table", table)
                .query((rs, row) -> new Partition(rs.getString(1), bound(rs.getString(2))))
                .list();
    }

    /** "'2026-11-23 00:00:00'" or "MAXVALUE". */
    private static @Nullable LocalDate bound(String description) {
        return description.equalsIgnoreCase("MAXVALUE")
                ? null
                : LocalDate.parse(description.replace("'", "").substring(0, 10));
    }

    /**
     * Makes every table have weekly partitions up to the week of {@code until}, adding weeks after its last one by
     * splitting the (normally empty) catch-all; a table with none yet starts at the week of {@code from}. Returns how
     * many partitions it added.
     */
    public int ensureWeeks(LocalDate from, LocalDate until) {
        int added = 0;
        for (var table : RawSessionTables.START_COLUMNS.keySet()) {
            List<Partition> existing = partitions(table);
            LocalDate next = existing.stream()
                    .map(Partition::end)
                    .filter(java.util.Objects::nonNull)
                    .max(LocalDate::compareTo)
                    .map(last -> last.plusWeeks(1))
                    .orElse(weekOf(from).plusWeeks(1));
            List<String> weeks = new ArrayList<>();
            for (LocalDate end = next; !end.isAfter(weekOf(until).plusWeeks(1)); end = end.plusWeeks(1)) {
                weeks.add("PARTITION " + end.minusWeeks(1).format(NAME) + " VALUES LESS THAN ('" + end + "')");
            }
            if (!weeks.isEmpty()) {
                jdbc.sql("ALTER TABLE " + table + " REORGANIZE PARTITION pmax INTO (" + String.join(", ", weeks)
                                + ", PARTITION pmax VALUES LESS THAN (MAXVALUE))")
                        .update();
                added += weeks.size();
            }
        }
        if (added > 0) {
            log.info("Added {} weekly partitions to the session tables, up to the week of {}", added, weekOf(until));
        }
        return added;
    }

    /**
     * Drops, in every table, the weekly partitions that end on or before the day (whose sessions all started before
     * it); returns how many it dropped. The catch-all is never dropped.
     */
    public int dropEndingBy(LocalDate day) {
        int dropped = 0;
        for (var table : RawSessionTables.START_COLUMNS.keySet()) {
            List<String> old = partitions(table).stream()
                    .filter(p -> p.end() != null && !p.end().isAfter(day))
                    .map(Partition::name)
                    .toList();
            if (!old.isEmpty()) {
                jdbc.sql("ALTER TABLE " + table + " DROP PARTITION " + String.join(", ", old))
                        .update();
                dropped += old.size();
            }
        }
        if (dropped > 0) {
            log.info("Dropped {} partitions of sessions that started before {}", dropped, day);
        }
        return dropped;
    }
}
