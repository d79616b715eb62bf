package org.commsportal.sessiondetails;

import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.commsportal.common.CallerPlaces;
import org.commsportal.common.SubnetLocations;
import org.commsportal.common.UtcDateTime;
import org.commsportal.export.StreamingJdbc;
import org.commsportal.quality.QualityStreamCriteria;
import org.commsportal.sessions.Modality;
import org.commsportal.sessions.QualityTables;
import org.commsportal.sessions.Side;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One user's sessions in [from, to) as the viewer sees them. Every shown value is computed in SQL (pseudonyms,
 * masked telephone numbers, media types description; the worst stream verdict is stored with the session), so
 * sorting, grouping and the filters of opened groups all work on exactly what the table shows, in the database.
 * Column names and ORDER BY come from {@link SessionColumn}, never from input.
 */
@Repository
class SessionDetailsRepository {

    /** The scope of every query: the tenant, the user, the range and whether names are concealed. */
    record Scope(
            long tenantId,
            @Nullable Long userId,
            Instant from,
            Instant to,
            boolean concealed,
            SessionFilters filters) {}

    /**
     * The user's sessions by id and start time: one index range per party, so both halves use an index; the start
     * time lets each join back to comm_session read one partition (changeset 012). Without a user (a drill-through),
     * the tenant's sessions of the range, by (tenant_id, start_time). The filters' condition applies to each half.
     */
    private static String hits(Scope scope, String filters) {
        return hits(scope, filters, "");
    }

    /**
     * {@link #hits(Scope, String)} with {@code eachLimit} (empty, or a LIMIT clause) on each SELECT: MariaDB builds a
     * UNION whole before a LIMIT outside it.
     */
    private static String hits(Scope scope, String filters, String eachLimit) {
        if (scope.userId() == null) {
            return """
                    WITH hits AS (
                        SELECT s.id, s.start_time FROM comm_session s
                        WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :to AND %s%s)
                    """.formatted(filters, eachLimit);
        }
        // a LIMIT of a UNION's part needs the part in parentheses
        String open = eachLimit.isEmpty() ? "" : "(";
        String close = eachLimit.isEmpty() ? "" : eachLimit + ")";
        return """
                WITH hits AS (
                    %2$sSELECT s.id, s.start_time FROM comm_session s
                    WHERE s.tenant_id = :tenantId AND s.from_user_id = :userId AND s.start_time >= :from
                        AND s.start_time < :to AND %1$s%3$s
                    UNION
                    %2$sSELECT s.id, s.start_time FROM comm_session s
                    WHERE s.tenant_id = :tenantId AND s.to_user_id = :userId AND s.start_time >= :from
                        AND s.start_time < :to AND %1$s%3$s)
                """.formatted(filters, open, close);
    }

    /**
     * The hits CTE of the search: without a user and with selective stream criteria (a Poor or Unclassified verdict, a
     * rule; {@link QualityStreamCriteria#selective}), the sessions of the matching streams read from the streams' day
     * index, joined to their sessions only when a filter reads the session's own columns; else the sessions of the
     * range each probed for a matching stream ({@link #hits(Scope, String)}).
     */
    private String hits(Scope scope, Map<String, Object> params) {
        return hits(scope, params, utcDays(scope));
    }

    /** {@link #hits(Scope, Map)}, the sessions found from their streams only on the given UTC days. */
    private String hits(Scope scope, Map<String, Object> params, List<java.time.LocalDate> days) {
        return hits(scope, params, days, "");
    }

    /** {@link #hits(Scope, Map, List)} with {@code eachLimit} on each SELECT ({@link #hits(Scope, String, String)}). */
    private String hits(Scope scope, Map<String, Object> params, List<java.time.LocalDate> days, String eachLimit) {
        if (!fromStreams(scope)) {
            return hits(scope, filterCondition(scope, params), eachLimit);
        }
        String matching = scope.filters().streams().sessionsWithStream(params, placeCondition(scope, params), days);
        if (!scope.filters().aboutSessions()) {
            return "WITH hits AS (" + matching + eachLimit + ")\n";
        }
        return "WITH hits AS (SELECT m.id, m.start_time FROM (" + matching + ") m JOIN comm_session s"
                + " ON s.id = m.id AND s.start_time = m.start_time WHERE s.tenant_id = :tenantId AND "
                + scope.filters().sessionCondition(params, callerPlaceCondition(scope, params)) + eachLimit + ")\n";
    }

    /**
     * SQL counting the search's sessions (or their matching streams) from the quality session-day rows of the range's
     * whole UTC days and the session-quarter rows (or the streams) of its partial ones, when the search has no user,
     * no filter on the sessions' own columns and stream criteria of one verdict, rule or modality
     * ({@link QualityStreamCriteria#countOfDays}); else null.
     */
    private static @Nullable String countOfDays(Scope scope, Map<String, Object> params, boolean sessions) {
        if (scope.userId() != null || scope.filters().aboutSessions()) {
            return null;
        }
        Map<Boolean, List<java.time.LocalDate>> whole = utcDays(scope).stream()
                .collect(Collectors.partitioningBy(day ->
                        !day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isBefore(scope.from())
                                && !day.plusDays(1)
                                        .atStartOfDay(java.time.ZoneOffset.UTC)
                                        .toInstant()
                                        .isAfter(scope.to())));
        return scope.filters()
                .streams()
                .countOfDays(params, whole.get(true), whole.get(false), onQuarters(scope), sessions);
    }

    /** Whether the range starts and ends on quarters of an hour (UTC), as the session-quarter rows count. */
    private static boolean onQuarters(Scope scope) {
        long quarter = java.time.Duration.ofMinutes(15).toMillis();
        return scope.from().toEpochMilli() % quarter == 0 && scope.to().toEpochMilli() % quarter == 0;
    }

    /** Whether the search's sessions are found from their matching streams (see {@link #hits(Scope, Map)}). */
    private static boolean fromStreams(Scope scope) {
        return scope.userId() == null && scope.filters().streams().selective();
    }

    /** The UTC days the search's range [from, to) touches. */
    private static List<java.time.LocalDate> utcDays(Scope scope) {
        java.time.LocalDate first =
                scope.from().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        java.time.LocalDate last =
                scope.to().minusNanos(1).atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return first.datesUntil(last.plusDays(1)).toList();
    }

    /** The search's sessions in the range, over comm_session s: the user is either party, the filters hold. */
    private static String searchedSessions(Scope scope, String filters) {
        return "WHERE s.tenant_id = :tenantId AND s.start_time >= :from AND s.start_time < :to"
                + (scope.userId() == null ? "" : " AND (s.from_user_id = :userId OR s.to_user_id = :userId)")
                + " AND " + filters;
    }

    /** The last four digits of a telephone number become x: +14255550123 reads +1425555xxxx. */
    private static final String LAST_FOUR_DIGITS = "'[0-9](?=(?:[^0-9]*[0-9]){0,3}[^0-9]*$)'";

    private static final Map<Class<? extends Record>, String> ORDER =
            Map.of(org.commsportal.sessions.Quality.TracerouteHop.class, "side, hop");

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final SubnetLocations locations;
    private final CallerPlaces callerPlaces;

    SessionDetailsRepository(
            JdbcClient jdbc, StreamingJdbc streaming, SubnetLocations locations, CallerPlaces callerPlaces) {
        this.jdbc = jdbc;
        this.streaming = streaming.template();
        this.locations = locations;
        this.callerPlaces = callerPlaces;
    }

    /** The filters' condition over comm_session s, the place's resolved by the building files of the range's days. */
    private String filterCondition(Scope scope, Map<String, Object> params) {
        return scope.filters().condition(params, placeCondition(scope, params), callerPlaceCondition(scope, params));
    }

    /**
     * The caller's place over comm_session s (docs/session-details.md, "Drill-through", {@code placeBy=caller}): the
     * sessions the reliability page counts in the place, answered by its port; TRUE for every place.
     */
    private String callerPlaceCondition(Scope scope, Map<String, Object> params) {
        var place = scope.filters().callerPlace();
        if (!place.any()) {
            return "TRUE";
        }
        return callerPlaces.condition(
                scope.tenantId(),
                place,
                scope.from().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                scope.to().minusMillis(1).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                scope.filters().callerModality(),
                "s.id",
                params);
    }

    /**
     * The place's condition over the stream rows' UTC day and subnet (docs/locations.md): the building file that
     * applies on a stream's UTC day decides, as on the locations page; TRUE for every place.
     */
    private String placeCondition(Scope scope, Map<String, Object> params) {
        var place = scope.filters().streams().place();
        if (!place.any()) {
            return "TRUE";
        }
        return locations.condition(
                scope.tenantId(),
                place,
                scope.from().atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                scope.to().minusMillis(1).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
                QualityStreamCriteria.DAY_COLUMN,
                QualityStreamCriteria.SUBNET_COLUMN,
                params);
    }

    /**
     * A page in two steps: the page's ids, ordered by the sort key with only the columns the sort and the filters
     * need, then every shown column of just those rows (the URI columns cost regular expressions per row).
     */
    List<SessionRow> page(
            Scope scope,
            List<GroupFilter> filters,
            @Nullable SessionColumn sort,
            boolean ascending,
            int offset,
            int limit) {
        // sorted by start time without group filters, the page's ids come from the hits alone, without their rows
        boolean byStartOnly = needed(filters, sort).stream().allMatch(c -> c == SessionColumn.START_TIME);
        List<java.time.LocalDate> days = utcDays(scope);
        if (byStartOnly && scope.userId() == null && !fromStreams(scope)) {
            return pageInStartOrder(scope, ascending, offset, limit);
        }
        if (!byStartOnly || !fromStreams(scope)) {
            return page(scope, filters, sort, ascending, offset, limit, byStartOnly, days);
        }
        // found from their streams and sorted by start time: the page lies in the newest days (the oldest, ascending),
        // so the hits of the first days in that order are read, four times more days at a time, until they fill it;
        // only the days whose session-day rows hold such streams (a range reaching before the tenant's history, or
        // over days without them, would otherwise read every day at once after a few empty rounds)
        Map<String, Object> dayParams = parameters(scope, List.of());
        List<java.time.LocalDate> inOrder =
                new ArrayList<>(jdbc.sql(scope.filters().streams().daysWithStream(dayParams, days))
                        .params(dayParams)
                        .query(java.time.LocalDate.class)
                        .list());
        if (inOrder.isEmpty()) {
            return List.of();
        }
        inOrder.sort(ascending ? Comparator.naturalOrder() : Comparator.reverseOrder());
        for (int first = 1; ; first *= 4) {
            List<java.time.LocalDate> read = inOrder.subList(0, Math.min(first, inOrder.size()));
            List<SessionRow> rows = page(scope, filters, sort, ascending, offset, limit, true, read);
            if (rows.size() == limit || read.size() == inOrder.size()) {
                return rows;
            }
        }
    }

    /**
     * A page in start time order of every user's sessions whose matching streams are too many to read them from the
     * streams (a modality alone, Good, a split, or no stream criteria): the tenant's sessions read by
     * ix_comm_session_tenant_start in that order, each one tested, until offset + limit of them are found, instead of
     * finding every match of the range first (22 s for 30 days of 100,000 users). The index is per partition, so
     * MariaDB keeps its order by start time alone, not by the id after it: the sessions that start at the same time
     * as the last one found are read as well, and the page is cut from them all in (start time, id) order.
     */
    private List<SessionRow> pageInStartOrder(Scope scope, boolean ascending, int offset, int limit) {
        Map<String, Object> params = parameters(scope, List.of());
        String matching = "SELECT s.id, s.start_time FROM comm_session s FORCE INDEX (ix_comm_session_tenant_start)"
                + " WHERE s.tenant_id = :tenantId AND " + filterCondition(scope, params) + " AND ";
        RowMapper<SessionKey> keys = (rs, row) -> new SessionKey(rs.getLong(1), rs.getObject(2, LocalDateTime.class));
        List<SessionKey> found = new ArrayList<>(jdbc.sql(matching + "s.start_time >= :from AND s.start_time < :to"
                        + " ORDER BY s.start_time" + (ascending ? " ASC" : " DESC") + " LIMIT :wanted")
                .params(params)
                .param("wanted", offset + limit)
                .query(keys)
                .list());
        if (found.size() == offset + limit) {
            LocalDateTime last = found.get(found.size() - 1).startTime();
            var ties = jdbc.sql(matching + "s.start_time = :last")
                    .params(params)
                    .param("last", last)
                    .query(keys)
                    .list();
            found.removeIf(key -> key.startTime().equals(last));
            found.addAll(ties);
        }
        Comparator<SessionKey> order =
                Comparator.comparing(SessionKey::startTime).thenComparingLong(SessionKey::id);
        found.sort(ascending ? order : order.reversed());
        List<SessionKey> page = found.subList(Math.min(offset, found.size()), Math.min(offset + limit, found.size()));
        if (page.isEmpty()) {
            return List.of();
        }
        params.put("pageIds", page.stream().map(SessionKey::id).toList());
        params.put(
                "pageStarts",
                page.stream().map(SessionKey::startTime).distinct().toList());
        String sql = "WITH page AS (SELECT s.id, s.start_time FROM comm_session s WHERE s.tenant_id = :tenantId"
                + " AND s.id IN (:pageIds) AND s.start_time IN (:pageStarts))\n"
                + "SELECT * FROM (" + shownRows(scope, "page", List.of(SessionColumn.values())) + ") r"
                + orderBy(null, ascending);
        return jdbc.sql(sql).params(params).query(new SessionRows()).list();
    }

    /** A session's primary key. */
    private record SessionKey(long id, LocalDateTime startTime) {}

    /** A page of the hits found on the given UTC days (all of them unless the hits come from the streams). */
    private List<SessionRow> page(
            Scope scope,
            List<GroupFilter> filters,
            @Nullable SessionColumn sort,
            boolean ascending,
            int offset,
            int limit,
            boolean byStartOnly,
            List<java.time.LocalDate> days) {
        String order = orderBy(sort, ascending);
        Map<String, Object> params = parameters(scope, filters);
        String sql = hits(scope, params, days) + ", page AS (SELECT r.id, r.start_time FROM ("
                + (byStartOnly ? "SELECT id, start_time FROM hits" : shownRows(scope, "hits", needed(filters, sort)))
                + ") r" + where(filters) + order + " LIMIT :limit OFFSET :offset)\n"
                + "SELECT * FROM (" + shownRows(scope, "page", List.of(SessionColumn.values())) + ") r" + order;
        return jdbc.sql(sql)
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query(new SessionRows())
                .list();
    }

    long count(Scope scope, List<GroupFilter> filters) {
        Map<String, Object> params = parameters(scope, filters);
        @Nullable String ofDays = filters.isEmpty() ? countOfDays(scope, params, true) : null;
        if (ofDays != null) {
            return jdbc.sql(ofDays).params(params).query(Long.class).single();
        }
        // the hits are the search's sessions: without group filters they are counted without joining their rows
        return jdbc.sql(hits(scope, params)
                        + (filters.isEmpty()
                                ? "SELECT COUNT(*) FROM hits"
                                : "SELECT COUNT(*) FROM (" + shownRows(scope, "hits", needed(filters, null)) + ") r"
                                        + where(filters)))
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * Whether more than {@code atMost} sessions match the search (group filters aside): from the session-day rows
     * where {@link #count} reads them, else by reading at most atMost + 1 of the matching sessions (of each party's
     * index range for one user), so that the answer costs no more than a sort of atMost sessions would. Found from
     * their streams with a filter on the sessions' own columns, the matching streams' sessions are all read first.
     */
    boolean moreThan(Scope scope, int atMost) {
        Map<String, Object> params = parameters(scope, List.of());
        @Nullable String ofDays = countOfDays(scope, params, true);
        String sql = ofDays != null
                ? ofDays
                : hits(scope, params, utcDays(scope), " LIMIT :atMostAndOne") + "SELECT COUNT(*) FROM hits";
        return jdbc.sql(sql)
                        .params(params)
                        .param("atMostAndOne", atMost + 1L)
                        .query(Long.class)
                        .single()
                > atMost;
    }

    /**
     * Every row in table order, streamed to the consumer without holding them in memory. One pass over the user's
     * rows, without the hits CTE: materialising a million ids and joining back by id cost more than the rows
     * themselves; the optimizer takes both user indexes (a sort union) where the user is a small part of the tenant.
     */
    void forEach(Scope scope, @Nullable SessionColumn sort, boolean ascending, Consumer<SessionRow> consumer) {
        var rows = new SessionRows();
        Map<String, Object> params = parameters(scope, List.of());
        String sessions = searchedSessions(scope, filterCondition(scope, params));
        streaming.query(
                "SELECT * FROM (" + shownRows(scope, "comm_session s", sessions, List.of(SessionColumn.values()))
                        + ") r" + orderBy(sort, ascending),
                new MapSqlParameterSource(params),
                rs -> {
                    consumer.accept(rows.mapRow(rs, 0));
                });
    }

    /** The distinct shown values of the column among the rows the filters leave, with counts, in sort order. */
    List<SessionGroup> groups(Scope scope, List<GroupFilter> filters, SessionColumn column, int offset, int limit) {
        String value = "r." + alias(column);
        List<SessionColumn> needed = new ArrayList<>(needed(filters, null));
        needed.add(column);
        Map<String, Object> params = parameters(scope, filters);
        return jdbc.sql(hits(scope, params) + "SELECT " + value
                        + " AS value, COUNT(*) AS sessions FROM ("
                        + shownRows(scope, "hits", needed) + ") r" + where(filters) + " GROUP BY " + value
                        + " ORDER BY " + value + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) ->
                        new SessionGroup(shownGroupValue(column, rs.getString("value")), rs.getLong("sessions")))
                .list();
    }

    long countGroups(Scope scope, List<GroupFilter> filters, SessionColumn column) {
        List<SessionColumn> needed = new ArrayList<>(needed(filters, null));
        needed.add(column);
        Map<String, Object> params = parameters(scope, filters);
        return jdbc.sql(hits(scope, params) + "SELECT COUNT(*) FROM (SELECT 1 FROM ("
                        + shownRows(scope, "hits", needed) + ") r" + where(filters) + " GROUP BY r." + alias(column)
                        + ") g")
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * The streams behind the search: those of its sessions (group filters aside) that meet the stream criteria, or
     * every stream of its sessions without them.
     */
    long countStreams(Scope scope) {
        Map<String, Object> params = parameters(scope, List.of());
        var streams = scope.filters().streams();
        @Nullable String ofDays = countOfDays(scope, params, false);
        if (ofDays != null) {
            return jdbc.sql(ofDays).params(params).query(Long.class).single();
        }
        if (fromStreams(scope) && !scope.filters().aboutSessions()) {
            // every matching stream of the range belongs to a hit: counted from the day index alone
            return jdbc.sql(streams.countStreamsOfRange(params, placeCondition(scope, params), utcDays(scope)))
                    .params(params)
                    .query(Long.class)
                    .single();
        }
        String hits = hits(scope, params);
        return jdbc.sql(hits + streams.countStreams("SELECT id FROM hits", params, placeCondition(scope, params)))
                .params(params)
                .query(Long.class)
                .single();
    }

    /**
     * The id of the tenant's licensed user a drill-through names as the viewer sees names: by pseudonym for a
     * viewer who sees concealed names (never by a real name, which would tell who a pseudonym is), else by UPN.
     */
    java.util.Optional<Long> userByShownName(long tenantId, String name, boolean concealed) {
        return jdbc.sql("SELECT id FROM licensed_user WHERE tenant_id = :tenantId AND "
                        + (concealed ? "pseudonym = :name" : "upn = :name"))
                .param("tenantId", tenantId)
                .param("name", concealed ? name.strip().toLowerCase(java.util.Locale.ROOT) : name.strip())
                .query(Long.class)
                .optional();
    }

    /** The UPN of the tenant's licensed user with this id, if there is one. */
    java.util.Optional<String> userUpn(long tenantId, long userId) {
        return jdbc.sql("SELECT upn FROM licensed_user WHERE tenant_id = :tenantId AND id = :userId")
                .param("tenantId", tenantId)
                .param("userId", userId)
                .query(String.class)
                .optional();
    }

    /** The session's records of one quality table, FROM side first; empty for another tenant's session. */
    <R extends Record> List<R> quality(long tenantId, long sessionId, Class<R> type) {
        RecordComponent[] components = type.getRecordComponents();
        String columns = Arrays.stream(components).map(QualityTables::column).collect(Collectors.joining(", "));
        return jdbc.sql("SELECT " + columns + " FROM " + QualityTables.table(type)
                        + " WHERE tenant_id = :tenantId AND session_id = :sessionId ORDER BY "
                        + ORDER.getOrDefault(type, "side, id"))
                .param("tenantId", tenantId)
                .param("sessionId", sessionId)
                .query((rs, row) -> toRecord(type, components, rs))
                .list();
    }

    private static String orderBy(@Nullable SessionColumn sort, boolean ascending) {
        String direction = ascending ? " ASC" : " DESC";
        return " ORDER BY r." + (sort == null ? "start_time" : alias(sort)) + direction + ", r.id" + direction;
    }

    /** The columns a query needs besides id and start time: those it filters and sorts on. */
    private static List<SessionColumn> needed(List<GroupFilter> filters, @Nullable SessionColumn sort) {
        List<SessionColumn> columns =
                new ArrayList<>(filters.stream().map(GroupFilter::column).toList());
        if (sort != null) {
            columns.add(sort);
        }
        return columns;
    }

    /** The column's name in the shown rows; the Quality column is its stored rank there ({@link StoredQualityRank}). */
    private static String alias(SessionColumn column) {
        return column == SessionColumn.QUALITY ? "quality_rank" : column.alias();
    }

    /** A group value as shown: a verdict's label for the Quality column's ranks, null for "no media streams". */
    private static @Nullable String shownGroupValue(SessionColumn column, @Nullable String value) {
        if (column != SessionColumn.QUALITY || value == null) {
            return value;
        }
        Verdict verdict = StoredQualityRank.verdict(Integer.parseInt(value));
        return verdict == null ? null : verdict.label();
    }

    /** A shown group value as stored in the shown rows: the Quality column filters on ranks. */
    private static @Nullable Object storedGroupValue(GroupFilter filter) {
        if (filter.column() != SessionColumn.QUALITY) {
            return filter.value();
        }
        return StoredQualityRank.rank(filter.value() == null ? null : Verdict.ofLabel(filter.value()));
    }

    private static String where(List<GroupFilter> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            // null-safe equality: an empty group holds the rows whose cell is empty
            conditions.add("r." + alias(filters.get(i).column()) + " <=> :group" + i);
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    private static Map<String, Object> parameters(Scope scope, List<GroupFilter> filters) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("tenantId", scope.tenantId());
        parameters.put("userId", scope.userId());
        parameters.put("from", UtcDateTime.toColumn(scope.from()));
        parameters.put("to", UtcDateTime.toColumn(scope.to()));
        for (int i = 0; i < filters.size(); i++) {
            parameters.put("group" + i, storedGroupValue(filters.get(i)));
        }
        return parameters;
    }

    /**
     * The rows of the source CTE (hits, or a page of them) with id, start time and the given columns as shown,
     * each named by {@link #alias(SessionColumn)}.
     */
    private static String shownRows(Scope scope, String source, Collection<SessionColumn> columns) {
        return shownRows(
                scope, source + " h JOIN comm_session s ON s.id = h.id AND s.start_time = h.start_time", "", columns);
    }

    /** The same of the sessions that the FROM item (naming comm_session s) and the WHERE clause leave. */
    private static String shownRows(Scope scope, String sessions, String where, Collection<SessionColumn> columns) {
        StringBuilder sql = new StringBuilder("SELECT s.id, s.start_time");
        EnumSet<SessionColumn> distinct = EnumSet.noneOf(SessionColumn.class);
        distinct.addAll(columns);
        for (SessionColumn column : distinct) {
            if (column != SessionColumn.START_TIME) {
                sql.append(", ")
                        .append(expression(column, scope.concealed()))
                        .append(" AS ")
                        .append(alias(column));
            }
        }
        sql.append(" FROM ").append(sessions);
        if (scope.concealed()) {
            // by the parties' UPNs, not by the users they count for: a directory user's address is concealed also
            // in sessions from days the user was not licensed (docs/ingest.md, "How parties are matched to users")
            sql.append(licensedUserOf("fu", "s.from_uri"))
                    .append(licensedUserOf("tu", "s.to_uri"))
                    .append(licensedUserOf("cu", "s.conference_url"))
                    .append(licensedUserOf("ob", "s.on_behalf_of_uri"))
                    .append(licensedUserOf("rb", "s.referred_by_uri"));
        }
        return where.isEmpty() ? sql.toString() : sql.append(' ').append(where).toString();
    }

    /** What the viewer sees in the column, in SQL over comm_session s (and the licensed users joined when concealed). */
    private static String expression(SessionColumn column, boolean concealed) {
        return switch (column) {
            case DIALOG_ID -> "s.dialog_id";
            case MEDIA_TYPES -> mediaTypesDescription();
            case START_TIME -> "s.start_time";
            case END_TIME -> "s.end_time";
            case FROM_URI -> userUri("s.from_uri", "fu", concealed);
            case TO_URI -> userUri("s.to_uri", "tu", concealed);
            case FROM_CLIENT_VERSION -> "s.from_client_version";
            case TO_CLIENT_VERSION -> "s.to_client_version";
            case CONFERENCE_URL ->
                concealed
                        ? "IF(cu.id IS NULL, s.conference_url, CONCAT('sip:', cu.pseudonym, "
                                + "IF(LOCATE(';', s.conference_url) > 0, SUBSTRING(s.conference_url, LOCATE(';', s.conference_url)),"
                                + " '')))"
                        : "s.conference_url";
            case FROM_TEL -> "REGEXP_REPLACE(s.from_tel, " + LAST_FOUR_DIGITS + ", 'x')";
            case TO_TEL -> "REGEXP_REPLACE(s.to_tel, " + LAST_FOUR_DIGITS + ", 'x')";
            case FROM_ENDPOINT_ID -> "s.from_endpoint_id";
            case TO_ENDPOINT_ID -> "s.to_endpoint_id";
            case CONF_INSTANCE -> "s.conf_instance";
            case ON_BEHALF_OF_URI -> userUri("s.on_behalf_of_uri", "ob", concealed);
            case REFERRED_BY_URI -> userUri("s.referred_by_uri", "rb", concealed);
            case RESPONSE_CODE -> "s.response_code";
            case QUALITY -> "s.quality_rank";
        };
    }

    /** A URI: the licensed user's pseudonym when concealed, otherwise as stored with telephone numbers masked. */
    private static String userUri(String uri, String user, boolean concealed) {
        return concealed
                ? "IF(" + user + ".id IS NULL, " + phoneUriMasked(uri) + ", " + user + ".pseudonym)"
                : phoneUriMasked(uri);
    }

    /** Joins the licensed user whose UPN the URI names (sip: and parameters aside), if any. */
    private static String licensedUserOf(String alias, String uri) {
        return " LEFT JOIN licensed_user " + alias + " ON " + alias + ".tenant_id = s.tenant_id AND " + alias
                + ".upn = LOWER(SUBSTRING_INDEX(IF(" + uri + " LIKE 'sip:%', SUBSTRING(" + uri + ", 5), " + uri
                + "), ';', 1))";
    }

    /** A URI whose user part is a telephone number (sip:+14255550123@...;user=phone) gets its last digits masked. */
    private static String phoneUriMasked(String uri) {
        String userPart = "SUBSTRING_INDEX(" + uri + ", '@', 1)";
        return "IF(" + uri + " REGEXP '^(sip:|tel:)?[+]?[0-9]', CONCAT(REGEXP_REPLACE(" + userPart + ", "
                + LAST_FOUR_DIGITS + ", 'x'), SUBSTRING(" + uri + ", CHAR_LENGTH(" + userPart + ") + 1)), " + uri + ")";
    }

    /** "P2P: Audio, Video" or "Conference: IM, Application Sharing", media in the vendor's MediaList order. */
    private static String mediaTypesDescription() {
        String media = Arrays.stream(Modality.values())
                .map(type -> "IF(s.media_mask & " + type.bit() + ", '" + type.label() + "', NULL)")
                .collect(Collectors.joining(", "));
        return "CONCAT(IF(s.conference_url IS NULL OR s.conference_url = '', 'P2P', 'Conference'), ': ', CONCAT_WS(', ', "
                + media + "))";
    }

    /**
     * Maps the shown rows, reading cells by position: the positions are looked up by name once per result set,
     * as by name the driver lower-cases and hashes the name again for every cell (a tenth of an export's time).
     */
    private static final class SessionRows implements RowMapper<SessionRow> {
        private static final String[] COLUMNS = {
            "id",
            "dialog_id",
            "media_types",
            "start_time",
            "end_time",
            "from_uri",
            "to_uri",
            "from_client_version",
            "to_client_version",
            "conference_url",
            "from_tel",
            "to_tel",
            "from_endpoint_id",
            "to_endpoint_id",
            "conf_instance",
            "on_behalf_of_uri",
            "referred_by_uri",
            "response_code",
            "quality_rank"
        };

        private int @Nullable [] at;

        @Override
        public SessionRow mapRow(ResultSet rs, int row) throws SQLException {
            int[] c = at;
            if (c == null) {
                c = new int[COLUMNS.length];
                for (int i = 0; i < COLUMNS.length; i++) {
                    c[i] = rs.findColumn(COLUMNS[i]);
                }
                at = c;
            }
            return new SessionRow(
                    rs.getLong(c[0]),
                    rs.getString(c[1]),
                    rs.getString(c[2]),
                    instant(rs, c[3]),
                    instant(rs, c[4]),
                    rs.getString(c[5]),
                    rs.getString(c[6]),
                    rs.getString(c[7]),
                    rs.getString(c[8]),
                    rs.getString(c[9]),
                    rs.getString(c[10]),
                    rs.getString(c[11]),
                    rs.getString(c[12]),
                    rs.getString(c[13]),
                    rs.getString(c[14]),
                    rs.getString(c[15]),
                    rs.getString(c[16]),
                    rs.getObject(c[17], Integer.class),
                    StoredQualityRank.verdict(rs.getInt(c[18])));
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return UtcDateTime.fromColumn(rs.getObject(column, LocalDateTime.class));
    }

    /** Builds a quality record from its columns; the components' types say how to read each one. */
    private static <R extends Record> R toRecord(Class<R> type, RecordComponent[] components, ResultSet rs)
            throws SQLException {
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> componentType = components[i].getType();
            types[i] = componentType;
            String column = QualityTables.column(components[i]);
            if (componentType == Side.class) {
                values[i] = Side.valueOf(rs.getString(column));
            } else if (componentType == Modality.class) {
                values[i] = Modality.ofId(rs.getInt(column));
            } else if (componentType == int.class) {
                values[i] = rs.getInt(column);
            } else {
                values[i] = rs.getObject(column, componentType);
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build " + type.getSimpleName() + " from its row", e);
        }
    }
}
