package org.commsportal.deviceusage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.commsportal.common.Chunks;
import org.commsportal.common.SqlLike;
import org.commsportal.common.UserNameOrder;
import org.commsportal.export.StreamingJdbc;
import org.commsportal.sessions.SessionWeeks;
import org.commsportal.sessions.TenantWriteLock;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the device usage read model (changeset 017, docs/device-usage.md). */
@Repository
class DeviceUsageRepository {

    /**
     * A recomputation of the tenant's rows from the raw sessions: the SQL twin of {@link PartyPlatformDay#forEachRow},
     * also in changeset 017. Sessions before the tenant's first kept day (retention) are being deleted and count no
     * more.
     */
    private static final String RECOMPUTED = """
            SELECT c.user_id, c.day, c.platform,
                   IF(c.platform = 7, UNHEX(LEFT(SHA2(c.agent, 256), 16)), UNHEX('0000000000000000')) AS agent_key,
                   IF(c.platform = 7, MIN(c.agent), NULL) AS agent, COUNT(*) AS sessions
            FROM (
                SELECT f.user_id, f.day, f.agent, %s AS platform
                FROM (
                    SELECT p.user_id, p.day, p.agent, LOWER(CONVERT(p.agent USING ascii)) AS folded
                    FROM (
                        SELECT s.start_time, s.from_user_id AS user_id, DATE(s.start_time) AS day,
                               COALESCE(s.from_client_version, '') AS agent
                        FROM comm_session s WHERE s.tenant_id = :tenantId AND s.from_user_id IS NOT NULL
                        UNION ALL
                        SELECT s.start_time, s.to_user_id, DATE(s.start_time), COALESCE(s.to_client_version, '')
                        FROM comm_session s
                        WHERE s.tenant_id = :tenantId AND s.to_user_id IS NOT NULL AND s.conference_url IS NULL
                    ) p
                    WHERE p.start_time >= COALESCE(
                        (SELECT kept_from FROM user_period_state WHERE tenant_id = :tenantId), '1000-01-01')
                ) f
            ) c
            WHERE c.platform IS NOT NULL
            GROUP BY c.user_id, c.day, c.platform,
                     IF(c.platform = 7, UNHEX(LEFT(SHA2(c.agent, 256), 16)), UNHEX('0000000000000000'))
            """.formatted(ClientPlatforms.SQL_PLATFORM);

    /**
     * The client versions of the parties of the sessions that start in [:from, :until), each once: the rebuild
     * classifies them in Java, as the write path does, instead of classifying every party in SQL.
     */
    private static final String DISTINCT_AGENTS = """
            SELECT COALESCE(s.from_client_version, '') COLLATE utf8mb4_nopad_bin AS agent FROM comm_session s
            WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :until
              AND s.from_user_id IS NOT NULL
            UNION
            SELECT COALESCE(s.to_client_version, '') COLLATE utf8mb4_nopad_bin FROM comm_session s
            WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :until
              AND s.to_user_id IS NOT NULL AND s.conference_url IS NULL
            """;

    /**
     * The rows of the sessions that start in [:from, :until), with the client versions classified in the temporary
     * table device_usage_agent (server agents absent from it): each side grouped on its own over narrow keys, then
     * both added; an Other row names the first of its client versions in the table's order.
     */
    private static final String INSERT_GROUPED = """
            INSERT INTO device_usage_day (tenant_id, user_id, day, platform, agent_key, agent, sessions)
            SELECT :tenantId, r.user_id, r.day, r.platform, r.agent_key, IF(r.platform = 7, k.agent, NULL), r.sessions
            FROM (
                SELECT g.user_id, g.day, g.platform, g.agent_key, MIN(g.agent_id) AS agent_id,
                       SUM(g.sessions) AS sessions
                FROM (
                    SELECT s.from_user_id AS user_id, DATE(s.start_time) AS day, a.platform, a.agent_key,
                           MIN(a.id) AS agent_id, COUNT(*) AS sessions
                    FROM comm_session s JOIN device_usage_agent a ON a.agent = COALESCE(s.from_client_version, '')
                    WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :until
                      AND s.from_user_id IS NOT NULL
                    GROUP BY s.from_user_id, DATE(s.start_time), a.platform, a.agent_key
                    UNION ALL
                    SELECT s.to_user_id, DATE(s.start_time), a.platform, a.agent_key, MIN(a.id), COUNT(*)
                    FROM comm_session s JOIN device_usage_agent a ON a.agent = COALESCE(s.to_client_version, '')
                    WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :until
                      AND s.to_user_id IS NOT NULL AND s.conference_url IS NULL
                    GROUP BY s.to_user_id, DATE(s.start_time), a.platform, a.agent_key
                ) g
                GROUP BY g.user_id, g.day, g.platform, g.agent_key
            ) r
            JOIN device_usage_agent k ON k.id = r.agent_id
            """;

    /** A user as stored: the names, the last day with a session and a bit per platform used (1 << code). */
    record StoredRow(
            long userId,
            String upn,
            String pseudonym,
            String displayName,
            @Nullable LocalDate lastActivityDate,
            int platforms) {}

    /**
     * The scope of a table query: the tenant, its days [from, to], whether names are concealed, and the period whose
     * totals (device_usage_period_total, ending on {@code to}) hold the days, or 0 to sum the day rows (a chosen day,
     * or totals not moved to the report date yet).
     */
    record Scope(long tenantId, LocalDate from, LocalDate to, boolean concealed, int totalsPeriod) {

        Scope(long tenantId, LocalDate from, LocalDate to, boolean concealed) {
            this(tenantId, from, to, concealed, 0);
        }
    }

    /**
     * The period's table from the totals (one row per user and period); joining the state row of the report date,
     * a read never mixes two report dates.
     */
    private static final String TOTALS_TABLE = """
            SELECT u.id, u.upn, u.pseudonym, u.display_name, t.last_day, t.platforms
            FROM licensed_user u
            JOIN device_usage_period_total t ON t.user_id = u.id
            JOIN device_usage_period_state s ON s.tenant_id = t.tenant_id AND s.report_date = :to
            WHERE t.tenant_id = :tenantId AND t.period_days = :periodDays
            """;

    /**
     * Every user licensed at some time in [from, to], zeros included, with the platforms used in those days and the
     * last day with a session up to {@code to}, for a chosen day and while the period totals are not on the report
     * date. Each user's figures are read from the primary key (tenant, user, day, ...) for that user alone, so a page
     * in name order reads the page's users only (0.1 s at 100,000 users, where grouping every user's days first took
     * 4 s), and a sort by a figure reads each user's few rows once.
     */
    private static final String TABLE = """
            SELECT u.id, u.upn, u.pseudonym, u.display_name,
                   (SELECT MAX(d.day) FROM device_usage_day d
                    WHERE d.tenant_id = :tenantId AND d.user_id = u.id AND d.day <= :to) AS last_day,
                   COALESCE((SELECT BIT_OR(1 << d.platform) FROM device_usage_day d
                             WHERE d.tenant_id = :tenantId AND d.user_id = u.id AND d.day BETWEEN :from AND :to), 0)
                     AS platforms
            FROM licensed_user u
            WHERE TRUE
            """;

    /** Users licensed at some time in [from, to] whose shown names contain the filter (pseudonyms when concealed). */
    private static final String USERS_IN_SCOPE = """
              AND u.tenant_id = :tenantId
              AND u.licensed_from <= :to AND (u.deleted_at IS NULL OR u.deleted_at >= :from)
              AND (:filter = '' OR %s)
            """;

    private final JdbcClient jdbc;
    private final SessionWeeks sessionWeeks;
    private final TenantWriteLock keptDays;
    private final JdbcTemplate batch;
    private final NamedParameterJdbcTemplate streaming;

    DeviceUsageRepository(
            JdbcClient jdbc,
            JdbcTemplate batch,
            StreamingJdbc streaming,
            SessionWeeks sessionWeeks,
            TenantWriteLock keptDays) {
        this.sessionWeeks = sessionWeeks;
        this.keptDays = keptDays;
        this.jdbc = jdbc;
        this.batch = batch;
        this.streaming = streaming.template();
    }

    /** Adds the changes to the rows, in key order, and deletes the rows they bring to no session. */
    void add(long tenantId, SortedMap<PartyPlatformDay, Long> changes) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<Object[]> emptied = new ArrayList<>();
        changes.forEach((key, sessions) -> {
            if (sessions == 0) {
                return;
            }
            rows.add(new Object[] {
                tenantId, key.userId(), key.day(), key.platform().code(), key.agentKey(), key.agent(), sessions
            });
            if (sessions < 0) {
                emptied.add(new Object[] {
                    tenantId, key.userId(), key.day(), key.platform().code(), key.agentKey()
                });
            }
        });
        for (List<Object[]> chunk : Chunks.of(rows)) {
            batch.batchUpdate("""
                    INSERT INTO device_usage_day (tenant_id, user_id, day, platform, agent_key, agent, sessions)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE sessions = sessions + VALUES(sessions)
                    """, chunk);
        }
        for (List<Object[]> chunk : Chunks.of(emptied)) {
            batch.batchUpdate("""
                    DELETE FROM device_usage_day WHERE tenant_id = ? AND user_id = ? AND day = ? AND platform = ?
                        AND agent_key = ? AND sessions <= 0
                    """, chunk);
        }
    }

    /** Retention: forgets the days before the day. */
    void deleteBefore(long tenantId, LocalDate day) {
        jdbc.sql("DELETE FROM device_usage_day WHERE tenant_id = :tenantId AND day < :day")
                .param("tenantId", tenantId)
                .param("day", day)
                .update();
    }

    /**
     * Replaces the tenant's rows by the recomputation from the raw sessions, a week of sessions at a time so that no
     * statement sorts them all at once (a row is one start day's).
     */
    void rebuild(long tenantId) {
        jdbc.sql("DELETE FROM device_usage_day WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .update();
        sessionWeeks.forEach(tenantId, (from, until) -> insertRecomputed(tenantId, from, until));
    }

    /**
     * Replaces the rows of the UTC days [from, until) by the recomputation from the sessions that start on them (a
     * row is one start day's), for a bulk import's rebuild.
     */
    void rebuildDays(long tenantId, LocalDate from, LocalDate until) {
        jdbc.sql("DELETE FROM device_usage_day WHERE tenant_id = :tenantId AND day >= :from AND day < :until")
                .param("tenantId", tenantId)
                .param("from", from)
                .param("until", until)
                .update();
        insertRecomputed(tenantId, from.atStartOfDay(), until.atStartOfDay());
    }

    /**
     * Inserts the rows of the sessions that start in [from, until) and are kept (retention): their distinct client
     * versions are classified once by {@link ClientPlatforms} into a temporary table, which each party joins, so
     * that the statement groups narrow keys in memory instead of folding and classifying every party with the SQL
     * twin (at 100,000 users a day has two million parties; docs/device-usage.md, "Rebuilding"). Runs inside the
     * caller's transaction, on its connection, which the temporary table belongs to.
     */
    private void insertRecomputed(long tenantId, LocalDateTime from, LocalDateTime until) {
        LocalDate keptFrom = keptDays.keptFrom(tenantId);
        LocalDateTime start =
                keptFrom != null && keptFrom.atStartOfDay().isAfter(from) ? keptFrom.atStartOfDay() : from;
        if (!start.isBefore(until)) {
            return;
        }
        List<String> agents = jdbc.sql(DISTINCT_AGENTS)
                .param("tenantId", tenantId)
                .param("from", start)
                .param("until", until)
                .query(String.class)
                .list();
        List<Object[]> classified = new ArrayList<>();
        agents.stream().sorted().forEach(agent -> {
            if (ClientPlatforms.isClient(agent)) {
                Platform platform = ClientPlatforms.platformOf(agent);
                byte[] key = platform == Platform.OTHER ? PartyPlatformDay.agentKey(agent) : new byte[8];
                classified.add(new Object[] {classified.size() + 1, agent, platform.code(), key});
            }
        });
        jdbc.sql("DROP TEMPORARY TABLE IF EXISTS device_usage_agent").update();
        jdbc.sql("""
                CREATE TEMPORARY TABLE device_usage_agent (
                    id        INT NOT NULL PRIMARY KEY,
                    agent     VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,
                    platform  TINYINT NOT NULL,
                    agent_key BINARY(8) NOT NULL,
                    UNIQUE KEY (agent)
                ) ENGINE=InnoDB
                """).update();
        try {
            for (List<Object[]> chunk : Chunks.of(classified)) {
                batch.batchUpdate(
                        "INSERT INTO device_usage_agent (id, agent, platform, agent_key) VALUES (?, ?, ?, ?)", chunk);
            }
            jdbc.sql(INSERT_GROUPED)
                    .param("tenantId", tenantId)
                    .param("from", start)
                    .param("until", until)
                    .update();
        } finally {
            jdbc.sql("DROP TEMPORARY TABLE IF EXISTS device_usage_agent").update();
        }
    }

    /** The rows that differ from a recomputation from the raw sessions, described, at most limit. */
    List<String> differences(long tenantId, int limit) {
        String compared = """
                SELECT 'stored' AS side, a.user_id, a.day, a.platform, a.agent, a.sessions
                FROM device_usage_day a LEFT JOIN (%1$s) r
                  ON r.user_id = a.user_id AND r.day = a.day AND r.platform = a.platform AND r.agent_key = a.agent_key
                WHERE a.tenant_id = :tenantId
                  AND (r.user_id IS NULL OR r.sessions <> a.sessions OR NOT (r.agent <=> a.agent))
                UNION ALL
                SELECT 'recomputed', r.user_id, r.day, r.platform, r.agent, r.sessions
                FROM (%1$s) r LEFT JOIN device_usage_day a
                  ON a.tenant_id = :tenantId AND a.user_id = r.user_id AND a.day = r.day AND a.platform = r.platform
                 AND a.agent_key = r.agent_key
                WHERE a.user_id IS NULL OR r.sessions <> a.sessions OR NOT (r.agent <=> a.agent)
                LIMIT :limit
                """.formatted(RECOMPUTED);
        return jdbc.sql(compared)
                .param("tenantId", tenantId)
                .param("limit", limit)
                .query((rs, row) -> "device_usage_day " + rs.getString("side") + " user " + rs.getLong("user_id")
                        + " day " + rs.getObject("day", LocalDate.class) + " platform "
                        + Platform.ofCode(rs.getInt("platform")) + " agent '" + rs.getString("agent") + "': sessions "
                        + rs.getLong("sessions"))
                .list();
    }

    /** Distinct users per platform over [from, to]; platforms nobody used are absent. */
    Map<Platform, Long> distribution(long tenantId, LocalDate from, LocalDate to) {
        Map<Platform, Long> users = new EnumMap<>(Platform.class);
        jdbc.sql("""
                SELECT platform, COUNT(DISTINCT user_id) AS users
                FROM device_usage_day
                WHERE tenant_id = :tenantId AND day BETWEEN :from AND :to
                GROUP BY platform
                """)
                .param("tenantId", tenantId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> users.put(Platform.ofCode(rs.getInt("platform")), rs.getLong("users")))
                .list();
        return users;
    }

    /**
     * The unrecognised client versions of [from, to] with the most users, at most limit; reads only the rows of Other
     * (index of changeset 040), however many rows the other platforms have.
     */
    List<UnknownAgent> unknownAgents(long tenantId, LocalDate from, LocalDate to, int limit) {
        return jdbc.sql("""
                SELECT MIN(agent) AS agent, COUNT(DISTINCT user_id) AS users, SUM(sessions) AS sessions
                FROM device_usage_day FORCE INDEX (ix_device_usage_day_platform)
                WHERE tenant_id = :tenantId AND platform = :other AND day BETWEEN :from AND :to
                GROUP BY agent_key
                ORDER BY users DESC, sessions DESC, agent
                LIMIT :limit
                """)
                .param("tenantId", tenantId)
                .param("other", Platform.OTHER.code())
                .param("from", from)
                .param("to", to)
                .param("limit", limit)
                .query((rs, row) ->
                        new UnknownAgent(rs.getString("agent"), rs.getLong("users"), rs.getLong("sessions")))
                .list();
    }

    List<StoredRow> page(Scope scope, DeviceUserQuery query, int offset, int limit) {
        @Nullable
        Platform platform =
                query.sortColumn() == null ? null : query.sortColumn().platform();
        String sql = platform != null && scope.totalsPeriod() > 0
                ? totalsPageByPlatform(scope, query, platform)
                : tableSql(scope, query) + " LIMIT :limit OFFSET :offset";
        return jdbc.sql(sql)
                .params(parameters(scope, query))
                .param("limit", limit)
                .param("offset", offset)
                .param("partLimit", (long) offset + limit) // a page of Integer.MAX_VALUE rows: no overflow
                .query(DeviceUsageRepository::toRow)
                .list();
    }

    long count(Scope scope, DeviceUserQuery query) {
        return jdbc.sql("SELECT COUNT(*) FROM licensed_user u WHERE TRUE " + usersInScope(scope))
                .params(parameters(scope, query))
                .query(Long.class)
                .single();
    }

    /** Streams every matching row in table order to the consumer, without holding them in memory. */
    void forEach(Scope scope, DeviceUserQuery query, Consumer<StoredRow> consumer) {
        streaming.query(tableSql(scope, query), new MapSqlParameterSource(parameters(scope, query)), rs -> {
            consumer.accept(toRow(rs, 0));
        });
    }

    /**
     * The rows after one user (none: from the first) in ascending user name order, at most limit: keyset paging for
     * the Graph-style user detail (docs/graph-api.md, "Paging").
     */
    List<StoredRow> pageAfter(Scope scope, DeviceUserQuery query, @Nullable Long afterUserId, int limit) {
        String after = afterUserId == null ? "" : UserNameOrder.after(scope.concealed());
        Map<String, Object> parameters = parameters(scope, query);
        parameters.put("afterUserId", afterUserId);
        return jdbc.sql(tableSql(scope, query, after) + " LIMIT :limit")
                .params(parameters)
                .param("limit", limit)
                .query(DeviceUsageRepository::toRow)
                .list();
    }

    private static String tableSql(Scope scope, DeviceUserQuery query) {
        return tableSql(scope, query, "");
    }

    /** The table's statement; {@code after} is a further condition on the users (keyset paging) or empty. */
    private static String tableSql(Scope scope, DeviceUserQuery query, String after) {
        if (scope.totalsPeriod() > 0) {
            return TOTALS_TABLE + usersInScope(scope) + after + orderBy(scope, query, "t.last_day", "t.platforms");
        }
        return TABLE + usersInScope(scope) + after + orderBy(scope, query, "last_day", "platforms");
    }

    private static String usersInScope(Scope scope) {
        return USERS_IN_SCOPE.formatted(
                scope.concealed()
                        ? "u.pseudonym LIKE :pattern"
                        : "(u.upn LIKE :pattern OR u.display_name LIKE :pattern)");
    }

    /**
     * The ORDER BY of the sort column, from this fixed map, never from input (docs/device-usage.md, "Sorting"). Names
     * tie in user name order, which the name's index gives (see {@link UserNameOrder#terms}). Figures tie by user id,
     * as in the other per-user reports: by last activity the totals' index (tenant, period, last day, user) then
     * gives the order, where ties by name made MariaDB sort every user, most of whom share the report date (0.3 s at
     * 100,000 users); by a platform, users tie by all their platforms and then by id, the order of the platforms'
     * index (see {@link #totalsPageByPlatform}).
     */
    private static String orderBy(Scope scope, DeviceUserQuery query, String lastDay, String platforms) {
        DeviceUserColumn column = query.sortColumn() == null ? DeviceUserColumn.USER_NAME : query.sortColumn();
        String direction = query.ascending() ? " ASC" : " DESC";
        String userId = scope.totalsPeriod() > 0 ? "t.user_id" : "u.id";
        String terms = switch (column) {
            case USER_NAME -> UserNameOrder.terms(scope.concealed(), direction);
            case DISPLAY_NAME ->
                (scope.concealed() ? "" : "u.display_name" + direction + ", ")
                        + UserNameOrder.terms(scope.concealed(), direction);
            case LAST_ACTIVITY_DATE -> lastDay + direction + ", " + userId + direction;
            default ->
                "(" + platforms + " >> " + column.platform().code() + ") & 1" + direction + ", " + platforms + direction
                        + ", " + userId + direction;
        };
        return " ORDER BY " + terms;
    }

    /**
     * A page sorted by a platform from the period totals, in the order of {@link #orderBy}: the users of the platform
     * and the others, each part read in the platforms' index order (tenant, period, platforms, user) from the ranges
     * of the platforms values with and without the platform's bit, up to the page's end, then merged. A filesort of
     * every user took 0.2 s at 100,000 users; each part reads at most offset + limit rows.
     */
    private static String totalsPageByPlatform(Scope scope, DeviceUserQuery query, Platform platform) {
        String direction = query.ascending() ? " ASC" : " DESC";
        Function<Boolean, String> part = used -> TOTALS_TABLE + usersInScope(scope) + " AND t.platforms IN ("
                + platformsValues(platform, used) + ") ORDER BY t.platforms" + direction + ", t.user_id" + direction
                + " LIMIT :partLimit";
        return "SELECT p.* FROM ((" + part.apply(true) + ") UNION ALL (" + part.apply(false)
                + ")) p ORDER BY (p.platforms >> "
                + platform.code() + ") & 1" + direction + ", p.platforms" + direction + ", p.id" + direction
                + " LIMIT :limit OFFSET :offset";
    }

    /** Every value of the platforms bits (one per platform) with or without the platform's bit, as an IN list. */
    private static String platformsValues(Platform platform, boolean used) {
        int all = 1 << Platform.values().length;
        return IntStream.range(0, all)
                .filter(value -> ((value >> platform.code()) & 1) == (used ? 1 : 0))
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
    }

    private static Map<String, Object> parameters(Scope scope, DeviceUserQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", scope.tenantId());
        parameters.put("from", scope.from());
        parameters.put("to", scope.to());
        parameters.put("periodDays", scope.totalsPeriod());
        parameters.put("filter", query.nameContains());
        parameters.put("pattern", SqlLike.contains(query.nameContains()));
        return parameters;
    }

    private static StoredRow toRow(ResultSet rs, int row) throws SQLException {
        java.sql.Date last = rs.getDate("last_day");
        return new StoredRow(
                rs.getLong("id"),
                rs.getString("upn"),
                rs.getString("pseudonym"),
                rs.getString("display_name"),
                last == null ? null : last.toLocalDate(),
                rs.getInt("platforms"));
    }

    /** The platforms of a row's bits. */
    static EnumSet<Platform> platforms(int bits) {
        EnumSet<Platform> used = EnumSet.noneOf(Platform.class);
        for (Platform platform : Platform.values()) {
            if ((bits & (1 << platform.code())) != 0) {
                used.add(platform);
            }
        }
        return used;
    }
}
