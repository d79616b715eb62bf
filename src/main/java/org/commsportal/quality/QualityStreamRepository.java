package org.commsportal.quality;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.commsportal.common.Chunks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The write side of the call quality read model (changesets 020, 021 and 047): stream rows and the day rows they add
 * up to.
 */
@Repository
class QualityStreamRepository {

    /** A session as the raw tables key it: id and start time (the partition column). */
    record SessionKey(long id, LocalDateTime start) {}

    private static final String KEPT = "s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k"
            + " WHERE k.tenant_id = s.tenant_id), '1000-01-01')";

    private static final String SUBTRACT = QualitySql.addDays(
            QualitySql.days("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD = QualitySql.addDays(
            QualitySql.days("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    private static final String SUBTRACT_SPLITS = QualitySql.addSplitDays(
            QualitySql.splitDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD_SPLITS = QualitySql.addSplitDays(
            QualitySql.splitDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    private static final String SUBTRACT_FILTERS = QualitySql.addFilterDays(
            QualitySql.filterDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD_FILTERS = QualitySql.addFilterDays(
            QualitySql.filterDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    private static final String SUBTRACT_SESSIONS = QualitySql.addSessionDays(
            QualitySql.sessionDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD_SESSIONS = QualitySql.addSessionDays(
            QualitySql.sessionDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    private static final String SUBTRACT_QUARTERS = QualitySql.addSessionQuarters(
            QualitySql.sessionQuarters("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD_QUARTERS = QualitySql.addSessionQuarters(
            QualitySql.sessionQuarters("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    private static final String SUBTRACT_USERS = QualitySql.addUserDays(
            QualitySql.userDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD_USERS = QualitySql.addUserDays(
            QualitySql.userDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    private static final String SUBTRACT_USER_PAIRS = QualitySql.addUserPairDays(
            QualitySql.userPairDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", -1));

    private static final String ADD_USER_PAIRS = QualitySql.addUserPairDays(
            QualitySql.userPairDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    /**
     * Deletes the user-day rows the sessions' streams were counted in that count nothing now, each found by its key: a
     * day's every row would be read otherwise (about 95,000 per modality at 100,000 users).
     */
    private static final String DELETE_EMPTIED_USERS = deleteEmptied(
            "quality_user_day",
            QualitySql.USER_DAY_KEY,
            QualitySql.userDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    /** The same for the user-pair-day rows. */
    private static final String DELETE_EMPTIED_USER_PAIRS = deleteEmptied(
            "quality_user_pair_day",
            QualitySql.USER_PAIR_DAY_KEY,
            QualitySql.userPairDays("quality_stream q", "q.tenant_id = :tenantId AND q.session_id IN (:ids)", 1));

    /** The sessions per day, modality and criterion with a matching stream (changesets 052 and 057). */
    private static final String SESSION_DAYS = "quality_session_day";

    /** The same per quarter of an hour of the sessions' start (changeset 059). */
    private static final String SESSION_QUARTERS = "quality_session_quarter";

    /**
     * The read model's summing tables: day rows by every split value at once, by one split at a time, and by the few-
     * valued splits with at most one of the many-valued ones (changeset 047).
     */
    private static final List<String> SUM_TABLES = List.of("quality_day", "quality_split_day", "quality_filter_day");

    /**
     * The users' verdict counts per modality, day and user (changeset 061), keyed by modality before the day: its rows
     * of some days are found with every modality listed ({@link #OF_EVERY_MODALITY}).
     */
    private static final String USER_DAYS = "quality_user_day";

    /** The same per few-valued split value (changeset 063), keyed by its pair code before the modality. */
    private static final String USER_PAIR_DAYS = "quality_user_pair_day";

    /** The user-day rows' modalities, so that a condition on their day reads ranges of their key. */
    private static final String OF_EVERY_MODALITY = " AND modality IN (" + QualitySql.EVERY_MODALITY_IDS + ")";

    /** The user-pair-day rows' pair codes and modalities, likewise. */
    private static final String OF_EVERY_PAIR = " AND pair IN (" + QualitySql.PAIR_CODES + ")" + OF_EVERY_MODALITY;

    /** Every table of the read model, the stream rows last. */
    private static final List<String> TABLES = java.util.stream.Stream.concat(
                    SUM_TABLES.stream(),
                    java.util.stream.Stream.of(
                            SESSION_DAYS, SESSION_QUARTERS, USER_DAYS, USER_PAIR_DAYS, "quality_stream"))
            .toList();

    private static final String INSERT = QualitySql.insertStreams(
            "s.tenant_id = :tenantId AND s.id IN (:ids) AND s.start_time IN (:starts)",
            "%1$s.session_start IN (:starts)");

    /**
     * Deletes the rows of the table (its key columns after tenant_id) that the rows {@code rowsQuery} gives name by key
     * and whose counters are all zero.
     */
    private static String deleteEmptied(String table, List<String> key, String rowsQuery) {
        return "DELETE u FROM " + table + " u JOIN (\n" + rowsQuery + "\n) k ON u.tenant_id = k.tenant_id"
                + key.stream().map(c -> " AND u." + c + " = k." + c).collect(Collectors.joining())
                + "\nWHERE "
                + QualitySql.USER_DAY_COUNTERS.stream()
                        .map(c -> "u." + c + " = 0")
                        .collect(Collectors.joining(" AND "));
    }

    private final JdbcClient jdbc;

    QualityStreamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes away the stored streams of the sessions (from the day rows, then the stream rows); returns the days
     * they were on, whose emptied day rows {@link #deleteEmptyDays} removes.
     */
    List<LocalDate> remove(long tenantId, Collection<Long> sessionIds) {
        List<LocalDate> days = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(sessionIds))) {
            days.addAll(jdbc.sql("SELECT DISTINCT day FROM quality_stream WHERE tenant_id = :tenantId"
                            + " AND session_id IN (:ids)")
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .query(LocalDate.class)
                    .list());
            jdbc.sql(SUBTRACT).param("tenantId", tenantId).param("ids", chunk).update();
            jdbc.sql(SUBTRACT_SPLITS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(SUBTRACT_FILTERS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(SUBTRACT_SESSIONS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(SUBTRACT_QUARTERS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(SUBTRACT_USERS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(DELETE_EMPTIED_USERS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(SUBTRACT_USER_PAIRS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql(DELETE_EMPTIED_USER_PAIRS)
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
            jdbc.sql("DELETE FROM quality_stream WHERE tenant_id = :tenantId AND session_id IN (:ids)")
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .update();
        }
        return days;
    }

    /** Classifies the streams of the stored sessions from their raw quality rows and adds them. */
    void add(long tenantId, List<SessionKey> sessions) {
        for (List<SessionKey> chunk : Chunks.of(sessions)) {
            List<Long> ids = chunk.stream().map(SessionKey::id).toList();
            jdbc.sql(INSERT)
                    .param("tenantId", tenantId)
                    .param("ids", ids)
                    .param(
                            "starts",
                            chunk.stream().map(SessionKey::start).distinct().toList())
                    .update();
            jdbc.sql(ADD).param("tenantId", tenantId).param("ids", ids).update();
            jdbc.sql(ADD_SPLITS).param("tenantId", tenantId).param("ids", ids).update();
            jdbc.sql(ADD_FILTERS).param("tenantId", tenantId).param("ids", ids).update();
            jdbc.sql(ADD_SESSIONS).param("tenantId", tenantId).param("ids", ids).update();
            jdbc.sql(ADD_QUARTERS).param("tenantId", tenantId).param("ids", ids).update();
            jdbc.sql(ADD_USERS).param("tenantId", tenantId).param("ids", ids).update();
            jdbc.sql(ADD_USER_PAIRS)
                    .param("tenantId", tenantId)
                    .param("ids", ids)
                    .update();
        }
    }

    /**
     * Deletes the tenant's day rows of the days that count no stream any more (the user-day rows are deleted by
     * {@link #remove}, each by its key).
     */
    void deleteEmptyDays(long tenantId, Collection<LocalDate> days) {
        List<LocalDate> distinct = days.stream().distinct().sorted().toList();
        for (List<LocalDate> chunk : Chunks.of(distinct)) {
            for (String table : SUM_TABLES) {
                jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day IN (:days)"
                                + " AND good = 0 AND poor = 0 AND unclassified = 0")
                        .param("tenantId", tenantId)
                        .param("days", chunk)
                        .update();
            }
            for (String table : List.of(SESSION_DAYS, SESSION_QUARTERS)) {
                jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day IN (:days)"
                                + " AND sessions = 0 AND streams = 0")
                        .param("tenantId", tenantId)
                        .param("days", chunk)
                        .update();
            }
        }
    }

    /** Retention: forgets the days before the day. */
    void deleteBefore(long tenantId, LocalDate day) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId" + ofEveryModality(table)
                            + " AND day < :day")
                    .param("tenantId", tenantId)
                    .param("day", day)
                    .update();
        }
    }

    /** Deletes the tenant's rows of the UTC day, before a rebuild of that day (a bulk import's). */
    void forgetDay(long tenantId, LocalDate day) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId" + ofEveryModality(table)
                            + " AND day = :day")
                    .param("tenantId", tenantId)
                    .param("day", day)
                    .update();
        }
    }

    private static String ofEveryModality(String table) {
        return table.equals(USER_DAYS) ? OF_EVERY_MODALITY : table.equals(USER_PAIR_DAYS) ? OF_EVERY_PAIR : "";
    }

    /** Builds the rows of the tenant's kept sessions that start on the UTC day (none may be stored yet). */
    void build(long tenantId, LocalDate day) {
        jdbc.sql(QualitySql.insertStreams(
                        "s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :to AND " + KEPT,
                        "%1$s.session_start >= :from AND %1$s.session_start < :to"))
                .param("tenantId", tenantId)
                .param("from", day.atStartOfDay())
                .param("to", day.plusDays(1).atStartOfDay())
                .update();
        jdbc.sql(QualitySql.addDays(QualitySql.days("quality_stream q", "q.tenant_id = :tenantId AND q.day = :day", 1)))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
        jdbc.sql(QualitySql.addSplitDays(QualitySql.splitDaysOfDayRows("q.tenant_id = :tenantId AND q.day = :day")))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
        jdbc.sql(QualitySql.addFilterDays(QualitySql.filterDaysOfDayRows("q.tenant_id = :tenantId AND q.day = :day")))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
        jdbc.sql(QualitySql.addSessionDays(
                        QualitySql.sessionDays("quality_stream q", "q.tenant_id = :tenantId AND q.day = :day", 1)))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
        jdbc.sql(QualitySql.addSessionQuarters(
                        QualitySql.sessionQuarters("quality_stream q", "q.tenant_id = :tenantId AND q.day = :day", 1)))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
        jdbc.sql(QualitySql.addUserDays(
                        QualitySql.userDays("quality_stream q", "q.tenant_id = :tenantId AND q.day = :day", 1)))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
        jdbc.sql(QualitySql.addUserPairDays(
                        QualitySql.userPairDays("quality_stream q", "q.tenant_id = :tenantId AND q.day = :day", 1)))
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
    }

    /** Stream rows and day rows that differ from a recomputation from the raw rows, described, at most limit. */
    List<String> differences(long tenantId, int limit) {
        List<String> found = new ArrayList<>();
        String recomputedStreams = "(" + QualitySql.streams("s.tenant_id = :tenantId AND " + KEPT, "TRUE") + ")";
        String streamSignature = QualitySql.STREAM_COLUMNS.stream()
                .map(c -> "COALESCE(" + c + ", '-')")
                .collect(Collectors.joining(", '|', "));
        found.addAll(jdbc.sql("""
                        SELECT session_id, modality, stream_id, GROUP_CONCAT(src, ': ', sig SEPARATOR ' / ') AS what
                        FROM (
                            SELECT 'stored' AS src, session_id, modality, stream_id, CONCAT(%1$s) AS sig
                            FROM quality_stream WHERE tenant_id = :tenantId
                            UNION ALL
                            SELECT 'recomputed', session_id, modality, stream_id, CONCAT(%1$s) FROM %2$s r
                        ) u
                        GROUP BY session_id, modality, stream_id
                        HAVING COUNT(*) <> 2 OR MIN(sig) <> MAX(sig)
                        LIMIT :limit
                        """.formatted(streamSignature, recomputedStreams))
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "quality_stream session " + rs.getLong("session_id") + " modality "
                        + rs.getInt("modality") + " stream " + rs.getLong("stream_id") + ": " + rs.getString("what"))
                .list());
        if (found.size() >= limit) {
            return found;
        }
        // stream rows equal to their recomputation, in every column, sum to the same day rows: then the day rows are
        // recomputed from the stored streams, read once each, instead of recomputing the streams four times more
        String recomputed = found.isEmpty() ? "quality_stream q" : recomputedStreams + " q";
        String where = found.isEmpty() ? "q.tenant_id = :tenantId" : "TRUE";
        List<String> tables = SUM_TABLES;
        List<List<String>> keys = List.of(QualitySql.DAY_KEY, QualitySql.SPLIT_DAY_KEY, QualitySql.FILTER_DAY_KEY);
        List<String> recomputations = List.of(
                QualitySql.days(recomputed, where, 1),
                QualitySql.splitDays(recomputed, where, 1),
                QualitySql.filterDays(recomputed, where, 1));
        for (int i = 0; i < tables.size() && found.size() < limit; i++) {
            found.addAll(summingTableDifferences(
                    tenantId,
                    tables.get(i),
                    keys.get(i),
                    QualitySql.dayCounters(),
                    recomputations.get(i),
                    limit - found.size()));
        }
        if (found.size() < limit) {
            found.addAll(summingTableDifferences(
                    tenantId,
                    SESSION_DAYS,
                    List.of("day", "modality", "criterion"),
                    List.of("sessions", "streams"),
                    QualitySql.sessionDays(recomputed, where, 1),
                    limit - found.size()));
        }
        if (found.size() < limit) {
            found.addAll(summingTableDifferences(
                    tenantId,
                    SESSION_QUARTERS,
                    List.of("day", "modality", "criterion", "quarter"),
                    List.of("sessions", "streams"),
                    QualitySql.sessionQuarters(recomputed, where, 1),
                    limit - found.size()));
        }
        if (found.size() < limit) {
            found.addAll(summingTableDifferences(
                    tenantId,
                    USER_DAYS,
                    QualitySql.USER_DAY_KEY,
                    QualitySql.USER_DAY_COUNTERS,
                    QualitySql.userDays(recomputed, where, 1),
                    limit - found.size()));
        }
        if (found.size() < limit) {
            found.addAll(summingTableDifferences(
                    tenantId,
                    USER_PAIR_DAYS,
                    QualitySql.USER_PAIR_DAY_KEY,
                    QualitySql.USER_DAY_COUNTERS,
                    QualitySql.userPairDays(recomputed, where, 1),
                    limit - found.size()));
        }
        return found;
    }

    /**
     * The rows of a summing table (its key columns after tenant_id) whose counters differ from the recomputation's (a
     * query giving the same columns), described as "table column value ...: stored / recomputed", at most limit.
     */
    private List<String> summingTableDifferences(
            long tenantId,
            String table,
            List<String> keyColumns,
            List<String> counters,
            String recomputation,
            int limit) {
        String key = String.join(", ", keyColumns);
        String signature = counters.stream().collect(Collectors.joining(", '|', "));
        return jdbc.sql("""
                        SELECT %1$s, GROUP_CONCAT(src, ': ', sig SEPARATOR ' / ') AS what
                        FROM (
                            SELECT 'stored' AS src, %1$s, CONCAT(%2$s) AS sig FROM %3$s WHERE tenant_id = :tenantId
                            UNION ALL
                            SELECT 'recomputed', %1$s, CONCAT(%2$s) FROM (%4$s) r
                        ) u
                        GROUP BY %1$s
                        HAVING COUNT(*) <> 2 OR MIN(sig) <> MAX(sig)
                        LIMIT :limit
                        """.formatted(key, signature, table, recomputation))
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> {
                    StringBuilder described = new StringBuilder(table);
                    for (String column : keyColumns) {
                        described
                                .append(' ')
                                .append(column)
                                .append(" '")
                                .append(rs.getString(column))
                                .append('\'');
                    }
                    return described.append(": ").append(rs.getString("what")).toString();
                })
                .list();
    }
}
