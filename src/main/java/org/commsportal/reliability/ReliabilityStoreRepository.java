package org.commsportal.reliability;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.commsportal.common.Chunks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The write side of the reliability and feedback read models (changeset 022): session and rating rows and the day
 * rows they add up to.
 */
@Repository
class ReliabilityStoreRepository {

    /** A session as the raw tables key it: id and start time (the partition column). */
    record SessionKey(long id, LocalDateTime start) {}

    static final String KEPT = "s.start_time >= COALESCE((SELECT k.kept_from FROM user_period_state k"
            + " WHERE k.tenant_id = s.tenant_id), '1000-01-01')";

    private static final String TOUCHED_SESSIONS = "r.tenant_id = :tenantId AND r.session_id IN (:ids)";
    private static final String TOUCHED_RATINGS = "f.tenant_id = :tenantId AND f.session_id IN (:ids)";
    private static final String STORED = "s.tenant_id = :tenantId AND s.id IN (:ids) AND s.start_time IN (:starts)";

    private static final String SUBTRACT_SESSIONS = ReliabilitySql.addSessionDays(TOUCHED_SESSIONS, -1);
    private static final String ADD_SESSIONS = ReliabilitySql.addSessionDays(TOUCHED_SESSIONS, 1);
    private static final String SUBTRACT_SUBNETS = ReliabilitySql.addSubnetDays(TOUCHED_SESSIONS, -1);
    private static final String ADD_SUBNETS = ReliabilitySql.addSubnetDays(TOUCHED_SESSIONS, 1);
    private static final String SUBTRACT_RATINGS = ReliabilitySql.addRatingDays(TOUCHED_RATINGS, -1);
    private static final String ADD_RATINGS = ReliabilitySql.addRatingDays(TOUCHED_RATINGS, 1);
    private static final String SUBTRACT_TOKENS = ReliabilitySql.addTokenDays(TOUCHED_RATINGS, -1);
    private static final String ADD_TOKENS = ReliabilitySql.addTokenDays(TOUCHED_RATINGS, 1);
    private static final String STORED_STARTS = "%1$s.session_start IN (:starts)";
    private static final String INSERT_SESSIONS = ReliabilitySql.insertSessions(STORED, STORED_STARTS);
    private static final String INSERT_RATINGS = ReliabilitySql.insertRatings(STORED, STORED_STARTS);

    private static final List<String> TABLES = List.of(
            "reliability_day",
            "reliability_subnet_day",
            "reliability_session",
            "feedback_token_day",
            "feedback_day",
            "feedback_rating");

    private final JdbcClient jdbc;

    ReliabilityStoreRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes away the stored rows of the sessions; returns the days they were on. */
    List<LocalDate> remove(long tenantId, Collection<Long> sessionIds) {
        List<LocalDate> days = new ArrayList<>();
        for (List<Long> chunk : Chunks.of(List.copyOf(sessionIds))) {
            days.addAll(jdbc.sql("SELECT DISTINCT day FROM reliability_session WHERE tenant_id = :tenantId"
                            + " AND session_id IN (:ids)"
                            + " UNION SELECT DISTINCT day FROM feedback_rating WHERE tenant_id = :tenantId"
                            + " AND session_id IN (:ids)")
                    .param("tenantId", tenantId)
                    .param("ids", chunk)
                    .query(LocalDate.class)
                    .list());
            for (String statement : List.of(
                    SUBTRACT_SESSIONS,
                    SUBTRACT_SUBNETS,
                    "DELETE FROM reliability_session WHERE tenant_id = :tenantId AND session_id IN (:ids)",
                    SUBTRACT_RATINGS,
                    SUBTRACT_TOKENS,
                    "DELETE FROM feedback_rating WHERE tenant_id = :tenantId AND session_id IN (:ids)")) {
                jdbc.sql(statement)
                        .param("tenantId", tenantId)
                        .param("ids", chunk)
                        .update();
            }
        }
        return days;
    }

    /** Classifies the stored sessions and their ratings from the raw rows and adds them. */
    void add(long tenantId, List<SessionKey> sessions) {
        for (List<SessionKey> chunk : Chunks.of(sessions)) {
            List<Long> ids = chunk.stream().map(SessionKey::id).toList();
            List<LocalDateTime> starts =
                    chunk.stream().map(SessionKey::start).distinct().toList();
            for (String statement : List.of(INSERT_SESSIONS, INSERT_RATINGS)) {
                jdbc.sql(statement)
                        .param("tenantId", tenantId)
                        .param("ids", ids)
                        .param("starts", starts)
                        .update();
            }
            for (String statement : List.of(ADD_SESSIONS, ADD_SUBNETS, ADD_RATINGS, ADD_TOKENS)) {
                jdbc.sql(statement)
                        .param("tenantId", tenantId)
                        .param("ids", ids)
                        .update();
            }
        }
    }

    /** Deletes the tenant's day rows of the days that count nothing any more. */
    void deleteEmptyDays(long tenantId, Collection<LocalDate> days) {
        List<LocalDate> distinct = days.stream().distinct().sorted().toList();
        for (List<LocalDate> chunk : Chunks.of(distinct)) {
            for (String statement : List.of(
                    "DELETE FROM reliability_day WHERE tenant_id = :tenantId AND day IN (:days)"
                            + " AND attempts = 0 AND expected = 0",
                    "DELETE FROM reliability_subnet_day WHERE tenant_id = :tenantId AND day IN (:days)"
                            + " AND attempts = 0 AND expected = 0",
                    "DELETE FROM feedback_day WHERE tenant_id = :tenantId AND day IN (:days) AND rated = 0",
                    "DELETE FROM feedback_token_day WHERE tenant_id = :tenantId AND day IN (:days) AND ratings = 0")) {
                jdbc.sql(statement)
                        .param("tenantId", tenantId)
                        .param("days", chunk)
                        .update();
            }
        }
    }

    /** Retention: forgets the days before the day. */
    void deleteBefore(long tenantId, LocalDate day) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day < :day")
                    .param("tenantId", tenantId)
                    .param("day", day)
                    .update();
        }
    }

    /** Deletes every row of the tenant, in steps, before a rebuild. */
    void forget(long tenantId) {
        for (String table : TABLES) {
            while (jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId LIMIT 50000")
                            .param("tenantId", tenantId)
                            .update()
                    > 0) {
                // next step
            }
        }
    }

    /** Deletes the tenant's rows of the UTC days [from, until), before a rebuild of those days (a bulk import's). */
    void forgetDays(long tenantId, LocalDate from, LocalDate until) {
        for (String table : TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :tenantId AND day >= :from AND day < :until")
                    .param("tenantId", tenantId)
                    .param("from", from)
                    .param("until", until)
                    .update();
        }
    }

    /** Builds the rows of the tenant's kept sessions that start in [from, until) (none may be stored yet). */
    void build(long tenantId, LocalDateTime from, LocalDateTime until) {
        String sessions = "s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :until AND " + KEPT;
        String starts = "%1$s.session_start >= :from AND %1$s.session_start < :until";
        for (String statement : List.of(
                ReliabilitySql.insertSessions(sessions, starts), ReliabilitySql.insertRatings(sessions, starts))) {
            jdbc.sql(statement)
                    .param("tenantId", tenantId)
                    .param("from", from)
                    .param("until", until)
                    .update();
        }
        String rows = "%s.tenant_id = :tenantId AND %<s.day >= :from AND %<s.day < :until";
        for (String statement : List.of(
                ReliabilitySql.addSessionDays(rows.formatted("r"), 1),
                ReliabilitySql.addSubnetDays(rows.formatted("r"), 1),
                ReliabilitySql.addRatingDays(rows.formatted("f"), 1),
                ReliabilitySql.addTokenDays(rows.formatted("f"), 1))) {
            jdbc.sql(statement)
                    .param("tenantId", tenantId)
                    .param("from", from.toLocalDate())
                    .param("until", until.toLocalDate())
                    .update();
        }
    }

    /**
     * Session rows whose classification differs from a recomputation from the raw rows, ratings whose caller subnet is
     * not their session row's, and per-subnet day rows that differ from a recount of the session rows, at most limit.
     */
    List<String> differences(long tenantId, int limit) {
        List<String> found = new ArrayList<>(sessionDifferences(tenantId, limit));
        if (found.size() < limit) {
            found.addAll(callerSubnetDifferences(tenantId, limit - found.size()));
        }
        if (found.size() < limit) {
            found.addAll(jdbc.sql("""
                            SELECT modality, kind, subnet, day, split_value,
                                GROUP_CONCAT(src, ': ', sig SEPARATOR ' / ') AS what
                            FROM (
                                SELECT 'stored' AS src, modality, kind, subnet, day, split_value,
                                    CONCAT_WS('/', attempts, setup_failures, drops, expected) AS sig
                                FROM reliability_subnet_day WHERE tenant_id = :tenantId
                                UNION ALL
                                SELECT 'recounted', modality, kind, subnet, day, split_value,
                                    CONCAT_WS('/', attempts, setup_failures, drops, expected)
                                FROM (%s) c
                            ) u
                            GROUP BY modality, kind, subnet, day, split_value
                            HAVING COUNT(*) <> 2 OR MIN(sig) <> MAX(sig)
                            LIMIT :limit
                            """.formatted(ReliabilitySql.subnetDays("r.tenant_id = :tenantId", 1)))
                    .param("tenantId", tenantId)
                    .param("limit", limit - found.size())
                    .query((rs, row) -> "reliability_subnet_day modality " + rs.getInt("modality") + " kind "
                            + rs.getInt("kind") + " subnet " + rs.getString("subnet") + " day "
                            + rs.getString("day") + " value '" + rs.getString("split_value") + "': "
                            + rs.getString("what"))
                    .list());
        }
        return found;
    }

    /** Ratings whose caller subnet is not their session row's subnet (modality 0; '' without one), at most limit. */
    private List<String> callerSubnetDifferences(long tenantId, int limit) {
        return jdbc.sql("""
                        SELECT f.session_id, f.side, f.caller_subnet, COALESCE(rp.subnet, '') AS session_subnet
                        FROM feedback_rating f
                        LEFT JOIN reliability_session rp ON rp.tenant_id = f.tenant_id AND rp.session_id = f.session_id
                            AND rp.modality = 0
                        WHERE f.tenant_id = :tenantId AND f.caller_subnet <> COALESCE(rp.subnet, '')
                        LIMIT :limit
                        """)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "feedback_rating session " + rs.getLong("session_id") + " side "
                        + rs.getString("side") + ": caller subnet stored '" + rs.getString("caller_subnet")
                        + "', its session's '" + rs.getString("session_subnet") + "'")
                .list();
    }

    private List<String> sessionDifferences(long tenantId, int limit) {
        return jdbc.sql("""
                        SELECT session_id, modality, GROUP_CONCAT(src, ': ', sig SEPARATOR ' / ') AS what
                        FROM (
                            SELECT 'stored' AS src, session_id, modality, CONCAT(outcome, '|', day) AS sig
                            FROM reliability_session WHERE tenant_id = :tenantId
                            UNION ALL
                            SELECT 'recomputed', c.session_id, c.modality, CONCAT(c.outcome, '|', c.day)
                            FROM (%s) c
                        ) u
                        GROUP BY session_id, modality
                        HAVING COUNT(*) <> 2 OR MIN(sig) <> MAX(sig)
                        LIMIT :limit
                        """.formatted(ReliabilitySql.sessionRows("s.tenant_id = :tenantId AND " + KEPT, "TRUE")))
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "reliability_session session " + rs.getLong("session_id") + " modality "
                        + rs.getInt("modality") + ": " + rs.getString("what"))
                .list();
    }
}
