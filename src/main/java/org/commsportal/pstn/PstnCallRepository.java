package org.commsportal.pstn;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.commsportal.common.Chunks;
import org.commsportal.common.SqlLike;
import org.commsportal.common.UtcDateTime;
import org.commsportal.export.StreamingJdbc;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the PSTN usage read model {@code pstn_call} (changeset 033), which this package owns. */
@Repository
class PstnCallRepository {

    /** The telephone sessions among stored ones: the conditions of {@link PstnCall#of}, so the rest are not read. */
    private static final String TELEPHONE_SESSION = """
            SELECT s.id, s.start_time, s.end_time, s.from_uri, s.to_uri, s.from_tel, s.to_tel,
                   s.conference_url IS NOT NULL AS conference, COALESCE(s.dial_direction, 0) AS dial_direction,
                   s.from_user_id IS NOT NULL AS from_licensed
            FROM comm_session s
            WHERE s.tenant_id = :t AND (s.from_tel IS NOT NULL OR s.to_tel IS NOT NULL OR s.dial_direction IS NOT NULL)
            """;

    /** Sessions before the tenant's first kept day (retention) are being deleted and count no more. */
    private static final String KEPT = """
             AND s.start_time >= COALESCE(
                (SELECT k.kept_from FROM user_period_state k WHERE k.tenant_id = s.tenant_id), '1000-01-01')
            """;

    /**
     * The calls of a scope with what the page shows: the user's licensed record (any licence dates) for the
     * pseudonym and the usage location. Uses ix_pstn_call_start.
     */
    private static final String CALLS = """
            SELECT p.session_id, p.start_time, p.user_upn, u.pseudonym, u.usage_location, p.user_number,
                   p.other_number, p.call_type, p.destination_country, p.duration_ms,
                   """ + PstnCharges.CHARGE + """
             AS charge, IF(r.price_per_minute IS NULL, NULL, c.currency) AS currency
            FROM pstn_call p
            LEFT JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
            """ + PstnCharges.JOIN + """
            WHERE p.tenant_id = :t AND p.start_time >= :from AND p.start_time < :to
            """;

    /** Domestic (1), international (2) or unknown (0): the other number's country against the usage location. */
    private static final String REACH = """
            CASE WHEN p.destination_country IS NULL OR u.usage_location IS NULL THEN 0
                 WHEN p.destination_country = u.usage_location THEN 1 ELSE 2 END""";

    /** A stored call with its user's pseudonym and usage location, before concealment and masking. */
    record StoredCall(
            long sessionId,
            Instant start,
            String userUpn,
            @Nullable String pseudonym,
            @Nullable String usageLocation,
            @Nullable String userNumber,
            @Nullable String otherNumber,
            PstnCallType type,
            @Nullable String destinationCountry,
            long durationMs,
            @Nullable BigDecimal charge,
            @Nullable String currency) {}

    /** The tenant and UTC instants of a read, and whether names are concealed (filters and sorts on pseudonyms). */
    record Scope(long tenantId, Instant from, Instant to, boolean concealed) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final NamedParameterJdbcTemplate streaming;

    PstnCallRepository(JdbcClient jdbc, JdbcTemplate batch, StreamingJdbc streaming) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.streaming = streaming.template();
    }

    /** Whether the tenant is still listed for the background derivation of its stored sessions' calls (changeset 033). */
    boolean stillBuilding(long tenantId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM pstn_call_backfill WHERE tenant_id = :t)")
                .param("t", tenantId)
                .query(Boolean.class)
                .single();
    }

    /** The telephone sessions among these stored ones (ids with their start times, for partition pruning). */
    List<PstnCall.TelephoneSession> telephoneSessions(long tenantId, Map<Long, Instant> starts) {
        List<PstnCall.TelephoneSession> found = new ArrayList<>();
        for (List<Long> ids : Chunks.of(new ArrayList<>(starts.keySet()))) {
            found.addAll(jdbc.sql(TELEPHONE_SESSION + " AND s.id IN (:ids) AND s.start_time IN (:starts)")
                    .param("t", tenantId)
                    .param("ids", ids)
                    .param(
                            "starts",
                            ids.stream()
                                    .map(id -> UtcDateTime.toColumn(starts.get(id)))
                                    .distinct()
                                    .toList())
                    .query((rs, row) -> telephoneSession(rs))
                    .list());
        }
        return found;
    }

    /** Every telephone session of the tenant from the first kept day on, one at a time (rebuild, check). */
    void forEachTelephoneSession(long tenantId, Consumer<PstnCall.TelephoneSession> consumer) {
        streaming.query(TELEPHONE_SESSION + KEPT, new MapSqlParameterSource("t", tenantId), rs -> {
            consumer.accept(telephoneSession(rs)); // a block: a row callback, not a result extractor
        });
    }

    /** {@link #forEachTelephoneSession(long, Consumer)} of the sessions that start in [from, until). */
    void forEachTelephoneSession(
            long tenantId, LocalDateTime from, LocalDateTime until, Consumer<PstnCall.TelephoneSession> consumer) {
        streaming.query(
                TELEPHONE_SESSION + " AND s.start_time >= :from AND s.start_time < :until" + KEPT,
                new MapSqlParameterSource("t", tenantId).addValue("from", from).addValue("until", until),
                rs -> {
                    consumer.accept(telephoneSession(rs)); // a block: a row callback, not a result extractor
                });
    }

    /** Deletes the calls that start in [from, until). */
    void deleteStarting(long tenantId, LocalDateTime from, LocalDateTime until) {
        jdbc.sql("DELETE FROM pstn_call WHERE tenant_id = :t AND start_time >= :from AND start_time < :until")
                .param("t", tenantId)
                .param("from", from)
                .param("until", until)
                .update();
    }

    /** Deletes these sessions' calls; how many there were. */
    int delete(long tenantId, Collection<Long> sessionIds) {
        int deleted = 0;
        for (List<Long> ids : Chunks.of(List.copyOf(sessionIds))) {
            deleted += jdbc.sql("DELETE FROM pstn_call WHERE tenant_id = :t AND session_id IN (:ids)")
                    .param("t", tenantId)
                    .param("ids", ids)
                    .update();
        }
        return deleted;
    }

    void deleteAll(long tenantId) {
        jdbc.sql("DELETE FROM pstn_call WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }

    void deleteBefore(long tenantId, LocalDate day) {
        jdbc.sql("DELETE FROM pstn_call WHERE tenant_id = :t AND start_time < :d")
                .param("t", tenantId)
                .param("d", day.atStartOfDay())
                .update();
    }

    void insert(long tenantId, List<PstnCall> calls) {
        if (calls.isEmpty()) {
            return;
        }
        // the user's usage location now: the day rollup counts the call under it (changeset 044)
        Map<String, String> locations = usageLocations(
                tenantId, calls.stream().map(PstnCall::userUpn).distinct().toList());
        List<Object[]> rows = new ArrayList<>(calls.size());
        for (PstnCall c : calls) {
            rows.add(new Object[] {
                tenantId,
                c.sessionId(),
                UtcDateTime.toColumn(c.start()),
                c.userUpn(),
                c.userNumber(),
                c.otherNumber(),
                c.type().code(),
                c.destinationCountry(),
                c.durationMs(),
                locations.get(c.userUpn())
            });
        }
        batch.batchUpdate("""
                INSERT INTO pstn_call (tenant_id, session_id, start_time, user_upn, user_number, other_number,
                    call_type, destination_country, duration_ms, user_location)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows);
    }

    /** The usage locations of those of these users (lower-case UPNs) that have one. */
    private Map<String, String> usageLocations(long tenantId, List<String> upns) {
        Map<String, String> locations = new HashMap<>();
        for (List<String> chunk : Chunks.of(upns)) {
            jdbc.sql("""
                    SELECT upn, usage_location FROM licensed_user
                    WHERE tenant_id = :t AND upn IN (:upns) AND usage_location IS NOT NULL
                    """)
                    .param("t", tenantId)
                    .param("upns", chunk)
                    .query((rs, row) -> locations.put(rs.getString("upn"), rs.getString("usage_location")))
                    .list();
        }
        return locations;
    }

    /** Every stored call of the tenant by session id (check). */
    Map<Long, PstnCall> all(long tenantId) {
        Map<Long, PstnCall> calls = new HashMap<>();
        jdbc.sql("""
                SELECT session_id, start_time, user_upn, user_number, other_number, call_type, destination_country,
                       duration_ms
                FROM pstn_call WHERE tenant_id = :t
                """)
                .param("t", tenantId)
                .query((rs, row) -> calls.put(
                        rs.getLong("session_id"),
                        new PstnCall(
                                rs.getLong("session_id"),
                                UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                                rs.getString("user_upn"),
                                rs.getString("user_number"),
                                rs.getString("other_number"),
                                callType(rs),
                                rs.getString("destination_country"),
                                rs.getLong("duration_ms"))))
                .list();
        return calls;
    }

    List<StoredCall> page(Scope scope, PstnCallQuery query, int offset, int limit) {
        Map<String, Object> parameters = parameters(scope, query);
        parameters.put("offset", offset);
        parameters.put("limit", limit);
        return jdbc.sql(tableSql(scope, query) + " LIMIT :limit OFFSET :offset")
                .params(parameters)
                .query((rs, row) -> storedCall(rs))
                .list();
    }

    long count(Scope scope, PstnCallQuery query) {
        // without the rates: a count needs no charge
        return jdbc.sql("""
                        SELECT COUNT(*) FROM pstn_call p
                        LEFT JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
                        WHERE p.tenant_id = :t AND p.start_time >= :from AND p.start_time < :to
                        """ + filters(scope, query))
                .params(parameters(scope, query))
                .query(Long.class)
                .single();
    }

    /** The number of matching calls, their milliseconds and their charge (null when none has a rate). */
    Totals totals(Scope scope, PstnCallQuery query) {
        return jdbc.sql("SELECT COUNT(*) AS calls, COALESCE(SUM(c.duration_ms), 0) AS ms, SUM(c.charge) AS charge,"
                        + " MAX(c.currency) AS currency FROM (" + CALLS + filters(scope, query) + ") c")
                .params(parameters(scope, query))
                .query((rs, row) -> new Totals(
                        rs.getLong("calls"), rs.getLong("ms"), rs.getBigDecimal("charge"), rs.getString("currency")))
                .single();
    }

    /** What {@link #totals} sums. */
    record Totals(
            long calls,
            long milliseconds,
            @Nullable BigDecimal charge,
            @Nullable String currency) {}

    /** Streams every matching row in table order to the consumer, without holding them in memory. */
    void forEach(Scope scope, PstnCallQuery query, Consumer<StoredCall> consumer) {
        streaming.query(tableSql(scope, query), new MapSqlParameterSource(parameters(scope, query)), rs -> {
            consumer.accept(storedCall(rs));
        });
    }

    private static String tableSql(Scope scope, PstnCallQuery query) {
        return CALLS + filters(scope, query) + orderBy(scope, query);
    }

    /** The user shown: the pseudonym of a directory user when concealed, else the party's UPN. */
    private static String shownUser(Scope scope) {
        return scope.concealed() ? "COALESCE(u.pseudonym, p.user_upn)" : "p.user_upn";
    }

    private static String filters(Scope scope, PstnCallQuery query) {
        StringBuilder sql = new StringBuilder();
        if (!query.userContains().isEmpty()) {
            sql.append(" AND ").append(shownUser(scope)).append(" LIKE :pattern");
        }
        if (query.direction() != null) {
            sql.append(" AND p.call_type IN (:types)");
        }
        if (query.country() != null) {
            sql.append(" AND p.destination_country = :country");
        }
        return sql.toString();
    }

    /** The ORDER BY of the sort column, from this fixed map, never from input; ties in start time order. */
    private static String orderBy(Scope scope, PstnCallQuery query) {
        String direction = query.ascending() ? " ASC" : " DESC";
        String key = switch (query.sortColumn()) {
            case START_TIME -> "p.start_time";
            case USER -> shownUser(scope);
            case CALL_TYPE -> "p.call_type";
            case DIRECTION -> "IF(p.call_type IN (2, 3), 1, 2)";
            case COUNTRY -> "p.destination_country";
            case DOMESTIC -> REACH;
            // by the digits shown only: the masked ones must not order the rows
            case USER_NUMBER -> "LEFT(p.user_number, GREATEST(CHAR_LENGTH(p.user_number) - 4, 0))";
            case OTHER_NUMBER -> "LEFT(p.other_number, GREATEST(CHAR_LENGTH(p.other_number) - 4, 0))";
            case DURATION -> "p.duration_ms";
            // calls without a rate sort below every charge, as SQL sorts NULL
            case CHARGE, CURRENCY -> PstnCharges.CHARGE;
        };
        return " ORDER BY " + key + direction + ", p.start_time" + direction + ", p.session_id" + direction;
    }

    private static Map<String, Object> parameters(Scope scope, PstnCallQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("t", scope.tenantId());
        parameters.put("from", UtcDateTime.toColumn(scope.from()));
        parameters.put("to", UtcDateTime.toColumn(scope.to()));
        parameters.put("pattern", SqlLike.contains(query.userContains()));
        parameters.put("types", typeCodes(query));
        parameters.put("country", query.country() == null ? "" : query.country());
        return parameters;
    }

    /** The codes of the call types of the query's direction, all when it has none. */
    static List<Integer> typeCodes(PstnCallQuery query) {
        var direction = query.direction();
        return java.util.Arrays.stream(PstnCallType.values())
                .filter(type -> direction == null || type.direction() == direction)
                .map(PstnCallType::code)
                .toList();
    }

    private static StoredCall storedCall(ResultSet rs) throws SQLException {
        return new StoredCall(
                rs.getLong("session_id"),
                UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                rs.getString("user_upn"),
                rs.getString("pseudonym"),
                rs.getString("usage_location"),
                rs.getString("user_number"),
                rs.getString("other_number"),
                callType(rs),
                rs.getString("destination_country"),
                rs.getLong("duration_ms"),
                rs.getBigDecimal("charge"),
                rs.getString("currency"));
    }

    private static PstnCallType callType(ResultSet rs) throws SQLException {
        PstnCallType type = PstnCallType.ofCode(rs.getInt("call_type"));
        if (type == null) {
            throw new IllegalStateException("Unknown call type " + rs.getInt("call_type"));
        }
        return type;
    }

    private static PstnCall.TelephoneSession telephoneSession(ResultSet rs) throws SQLException {
        return new PstnCall.TelephoneSession(
                rs.getLong("id"),
                UtcDateTime.fromColumn(rs.getObject("start_time", LocalDateTime.class)),
                UtcDateTime.fromColumn(rs.getObject("end_time", LocalDateTime.class)),
                rs.getString("from_uri"),
                rs.getString("to_uri"),
                rs.getString("from_tel"),
                rs.getString("to_tel"),
                rs.getBoolean("conference"),
                rs.getInt("dial_direction"),
                rs.getBoolean("from_licensed"));
    }
}
