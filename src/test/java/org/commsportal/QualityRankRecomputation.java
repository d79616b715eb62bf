package org.commsportal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Quality column's rank (comm_session.quality_rank) recomputed from the raw QoE rows in SQL: the statement
 * with which changeset 011 ranked the sessions stored before it, read from the changeset itself so that there is
 * one SQL version of the rules. Loaders that write sessions and quality records with SQL rank them with it, and
 * a test checks it against the Java rules.
 */
public final class QualityRankRecomputation {

    private static final String UPDATE_PREFIX = "UPDATE comm_session s SET s.quality_rank = ";
    /** GREATEST(...) over comm_session s: the rank of session s. */
    private static final String RANK = rankExpression();

    private QualityRankRecomputation() {}

    /** Stores the recomputed rank in every real-time session of the tenant (the others keep 0). */
    public static void store(JdbcClient jdbc, long tenantId) {
        jdbc.sql(UPDATE_PREFIX + RANK + " WHERE s.tenant_id = :t AND s.media_mask & 56")
                .param("t", tenantId)
                .update();
    }

    /** Stores the recomputed rank in the tenant's real-time sessions that start in [from, to). */
    public static void store(JdbcClient jdbc, long tenantId, java.time.LocalDateTime from, java.time.LocalDateTime to) {
        store(jdbc, tenantId, from, to, "");
    }

    /**
     * Stores the recomputed rank in the tenant's real-time sessions that start in [from, to) and whose dialog id starts
     * with the prefix (a loader's own sessions of one day).
     */
    public static void store(
            JdbcClient jdbc,
            long tenantId,
            java.time.LocalDateTime from,
            java.time.LocalDateTime to,
            String dialogPrefix) {
        jdbc.sql(UPDATE_PREFIX + RANK + " WHERE s.tenant_id = :t AND s.media_mask & 56 AND s.start_time >= :from"
                        + " AND s.start_time < :to AND s.dialog_id LIKE :prefix")
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .param("prefix", dialogPrefix + "%")
                .update();
    }

    /** The recomputed rank of every session of the tenant, by session id. */
    public static Map<Long, Integer> ranks(JdbcClient jdbc, long tenantId) {
        Map<Long, Integer> ranks = new HashMap<>();
        jdbc.sql("SELECT s.id, " + RANK + " AS quality_rank FROM comm_session s WHERE s.tenant_id = :t")
                .param("t", tenantId)
                .query((rs, row) -> ranks.put(rs.getLong("id"), rs.getInt("quality_rank")))
                .list();
        return ranks;
    }

    private static String rankExpression() {
        String changeset;
        try (InputStream in =
                QualityRankRecomputation.class.getResourceAsStream("/db/changelog/011-session-quality-rank.sql")) {
            if (in == null) {
                throw new IllegalStateException("Changeset 011 is not on the class path");
            }
            changeset = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = changeset.indexOf(UPDATE_PREFIX);
        int end = changeset.indexOf(';', start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("Changeset 011 no longer holds its backfill statement");
        }
        return partitionPruned(changeset.substring(start + UPDATE_PREFIX.length(), end));
    }

    /**
     * The changeset ran before the QoE tables were partitioned by their session's start (changeset 012): each of its
     * lookups by session id alone reads an index of every weekly partition, which at 15 million sessions takes hours.
     * The same lookups also naming the session's start read one partition, with the rules unchanged.
     */
    private static String partitionPruned(String rank) {
        String pruned = rank;
        for (String stream : new String[] {"a", "v", "p"}) {
            pruned = pruned.replace(
                    stream + ".session_id = s.id",
                    stream + ".session_id = s.id AND " + stream + ".session_start = s.start_time");
            pruned = pruned.replace(
                    "l.session_id = " + stream + ".session_id",
                    "l.session_id = " + stream + ".session_id AND l.session_start = " + stream + ".session_start");
        }
        if (pruned.split("session_start", -1).length - 1 != 9) {
            throw new IllegalStateException("Changeset 011's lookups changed shape; adapt partitionPruned: " + rank);
        }
        return pruned;
    }
}
