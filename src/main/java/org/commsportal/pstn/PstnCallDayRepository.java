package org.commsportal.pstn;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commsportal.common.Chunks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the calls' day rollup {@code pstn_call_day} (changeset 044), which this package owns: per UTC day of
 * the calls' start, call type, destination country and the user's usage location, the calls, their milliseconds and
 * their charges. The PSTN usage page's charts, country list, count and totals read it; only the table's rows and a
 * filter on the user read {@code pstn_call} (docs/pstn-usage.md, "The read model").
 */
@Repository
class PstnCallDayRepository {

    private static final String KEY = "tenant_id, day, call_type, destination_country, user_location";

    private static final List<String> FIGURES = List.of("calls", "duration_ms", "charged_calls", "charge");

    /** Domestic (1), international (2) or unknown (0), as {@code PstnCallRepository}'s REACH of a call. */
    private static final String REACH = """
            CASE WHEN d.destination_country = '' OR d.user_location = '' THEN 0
                 WHEN d.destination_country = d.user_location THEN 1 ELSE 2 END""";

    private final JdbcClient jdbc;

    PstnCallDayRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The day rows of the calls {@code where} selects from {@code pstn_call p}, every figure times {@code sign}: each
     * call's charge by the tenant's rates as {@link PstnCharges} prices it. The aliases name no column of the joined
     * tables: GROUP BY would take {@code pstn_rate.country} before an alias {@code country}.
     */
    private static String days(String where, String sign) {
        return """
                SELECT p.tenant_id, DATE(p.start_time) AS day, p.call_type,
                       COALESCE(p.destination_country, '') AS to_country, COALESCE(p.user_location, '') AS from_country,
                       %1$sCOUNT(*) AS calls, %1$sSUM(p.duration_ms) AS duration_ms,
                       %1$sSUM(r.price_per_minute IS NOT NULL) AS charged_calls,
                       %1$sCOALESCE(SUM(%2$s), 0) AS charge
                FROM pstn_call p
                %3$s
                WHERE %4$s
                GROUP BY p.tenant_id, day, p.call_type, to_country, from_country
                """.formatted(sign, PstnCharges.CHARGE, PstnCharges.JOIN, where);
    }

    /** Adds the rows a {@link #days} query gives, in key order (the group order), so writers lock rows in one order. */
    private void add(String where, String sign, Map<String, ?> parameters) {
        jdbc.sql("INSERT INTO pstn_call_day (" + KEY + ", " + String.join(", ", FIGURES) + ")\nSELECT * FROM ("
                        + days(where, sign) + ") d\nON DUPLICATE KEY UPDATE "
                        + String.join(
                                ", ",
                                FIGURES.stream()
                                        .map(f -> f + " = pstn_call_day." + f + " + VALUES(" + f + ")")
                                        .toList()))
                .params(parameters)
                .update();
    }

    /** Counts these stored calls (after they were inserted). */
    void add(long tenantId, Collection<Long> sessionIds) {
        bySessions(tenantId, sessionIds, "");
    }

    /** Stops counting these stored calls (before they are deleted). */
    void subtract(long tenantId, Collection<Long> sessionIds) {
        bySessions(tenantId, sessionIds, "-");
    }

    private void bySessions(long tenantId, Collection<Long> sessionIds, String sign) {
        for (List<Long> ids : Chunks.of(List.copyOf(sessionIds))) {
            add("p.tenant_id = :t AND p.session_id IN (:ids)", sign, Map.of("t", tenantId, "ids", ids));
        }
    }

    /** Counts the stored calls that start on the UTC days [from, until). */
    void addStarting(long tenantId, LocalDate from, LocalDate until) {
        add(
                "p.tenant_id = :t AND p.start_time >= :from AND p.start_time < :until",
                "",
                Map.of("t", tenantId, "from", from.atStartOfDay(), "until", until.atStartOfDay()));
    }

    /** Counts every stored call of the tenant. */
    void addAll(long tenantId) {
        add("p.tenant_id = :t", "", Map.of("t", tenantId));
    }

    /** Removes the rows of the UTC days [from, until). */
    void deleteDays(long tenantId, LocalDate from, LocalDate until) {
        jdbc.sql("DELETE FROM pstn_call_day WHERE tenant_id = :t AND day >= :from AND day < :until")
                .param("t", tenantId)
                .param("from", from)
                .param("until", until)
                .update();
    }

    void deleteAll(long tenantId) {
        jdbc.sql("DELETE FROM pstn_call_day WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
    }

    /** Removes the rows whose calls were all taken away on the UTC days [from, to]: a rebuild would have none. */
    void deleteEmpty(long tenantId, LocalDate from, LocalDate to) {
        jdbc.sql("DELETE FROM pstn_call_day WHERE tenant_id = :t AND day >= :from AND day <= :to AND calls = 0")
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .update();
    }

    /**
     * Moves the calls of these users (lower-case UPNs) to the rows of their usage location now: those whose stored
     * location differs are subtracted from their rows, given the new location, and added again. Uses
     * ix_pstn_call_user.
     */
    void moveUsers(long tenantId, List<String> upns) {
        for (List<String> chunk : Chunks.of(upns)) {
            List<Long> moved = jdbc.sql("""
                    SELECT p.session_id FROM pstn_call p
                    LEFT JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
                    WHERE p.tenant_id = :t AND p.user_upn IN (:upns) AND NOT p.user_location <=> u.usage_location
                    ORDER BY p.session_id
                    """)
                    .param("t", tenantId)
                    .param("upns", chunk)
                    .query(Long.class)
                    .list();
            if (moved.isEmpty()) {
                continue;
            }
            subtract(tenantId, moved);
            for (List<Long> ids : Chunks.of(moved)) {
                jdbc.sql("""
                        UPDATE pstn_call p
                        LEFT JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
                        SET p.user_location = u.usage_location
                        WHERE p.tenant_id = :t AND p.session_id IN (:ids)
                        """).param("t", tenantId).param("ids", ids).update();
            }
            add(tenantId, moved);
        }
        jdbc.sql("DELETE FROM pstn_call_day WHERE tenant_id = :t AND calls = 0")
                .param("t", tenantId)
                .update();
    }

    /** Rows that differ from a recomputation from {@code pstn_call}, human-readable, at most {@code limit}. */
    List<String> differences(long tenantId, int limit) {
        Map<String, List<Object>> expected = new HashMap<>();
        jdbc.sql(days("p.tenant_id = :t", ""))
                .param("t", tenantId)
                .query((rs, row) -> expected.put(key(rs), figures(rs)))
                .list();
        List<String> differences = new ArrayList<>();
        jdbc.sql(
                        "SELECT day, call_type, destination_country AS to_country, user_location AS from_country, calls, duration_ms,"
                                + " charged_calls, charge FROM pstn_call_day WHERE tenant_id = :t")
                .param("t", tenantId)
                .query((rs, row) -> {
                    List<Object> want = expected.remove(key(rs));
                    List<Object> stored = figures(rs);
                    if (!stored.equals(want) && differences.size() < limit) {
                        differences.add("pstn_call_day " + key(rs) + ": stored " + stored + ", expected " + want);
                    }
                    return row;
                })
                .list();
        expected.forEach((key, want) -> {
            if (differences.size() < limit) {
                differences.add("pstn_call_day " + key + ": stored none, expected " + want);
            }
        });
        jdbc.sql("""
                SELECT p.session_id, p.user_location, u.usage_location FROM pstn_call p
                LEFT JOIN licensed_user u ON u.tenant_id = p.tenant_id AND u.upn = p.user_upn
                WHERE p.tenant_id = :t AND NOT p.user_location <=> u.usage_location
                LIMIT :limit
                """)
                .param("t", tenantId)
                .param("limit", limit)
                .query((rs, row) -> differences.size() < limit
                        && differences.add("pstn_call of session " + rs.getLong("session_id") + ": counted under"
                                + " usage location " + rs.getString("user_location") + ", the user's is "
                                + rs.getString("usage_location")))
                .list();
        return differences;
    }

    private static String key(java.sql.ResultSet rs) throws java.sql.SQLException {
        return rs.getObject("day", LocalDate.class) + " type " + rs.getInt("call_type") + " to '"
                + rs.getString("to_country") + "' from '" + rs.getString("from_country") + "'";
    }

    private static List<Object> figures(java.sql.ResultSet rs) throws java.sql.SQLException {
        return List.of(
                rs.getLong("calls"),
                rs.getLong("duration_ms"),
                rs.getLong("charged_calls"),
                rs.getBigDecimal("charge").stripTrailingZeros());
    }

    /** Milliseconds per UTC day of call start, call type and reach (0 unknown, 1 domestic, 2 international). */
    void durations(long tenantId, LocalDate from, LocalDate to, DurationConsumer consumer) {
        jdbc.sql("SELECT d.day, d.call_type, " + REACH + " AS reach, SUM(d.duration_ms) AS ms FROM pstn_call_day d"
                        + " WHERE d.tenant_id = :t AND d.day >= :from AND d.day <= :to"
                        + " GROUP BY d.day, d.call_type, reach")
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> {
                    PstnCallType type = PstnCallType.ofCode(rs.getInt("call_type"));
                    if (type == null) {
                        throw new IllegalStateException("Unknown call type " + rs.getInt("call_type"));
                    }
                    consumer.accept(rs.getObject("day", LocalDate.class), type, rs.getInt("reach"), rs.getLong("ms"));
                    return row;
                })
                .list();
    }

    /** One row of {@link #durations}. */
    interface DurationConsumer {
        void accept(LocalDate day, PstnCallType type, int reach, long milliseconds);
    }

    /** The destination countries of the scope's calls, for the country filter. */
    List<String> countries(PstnCallRepository.Scope scope) {
        return jdbc.sql("""
                SELECT DISTINCT d.destination_country FROM pstn_call_day d
                WHERE d.tenant_id = :t AND d.day >= :from AND d.day < :to AND d.destination_country <> ''
                ORDER BY d.destination_country
                """)
                .param("t", scope.tenantId())
                .param("from", LocalDate.ofInstant(scope.from(), ZoneOffset.UTC))
                .param("to", LocalDate.ofInstant(scope.to(), ZoneOffset.UTC))
                .query(String.class)
                .list();
    }

    /** {@code PstnCallRepository.totals} of a query without a user filter. */
    PstnCallRepository.Totals totals(PstnCallRepository.Scope scope, PstnCallQuery query) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(d.calls), 0) AS calls, COALESCE(SUM(d.duration_ms), 0) AS ms,
                       IF(COALESCE(SUM(d.charged_calls), 0) = 0, NULL, SUM(d.charge)) AS charge,
                       IF(COALESCE(SUM(d.charged_calls), 0) = 0, NULL,
                          (SELECT c.currency FROM pstn_rate_currency c WHERE c.tenant_id = :t)) AS currency
                FROM pstn_call_day d
                WHERE d.tenant_id = :t AND d.day >= :from AND d.day < :to AND d.call_type IN (:types)
                """ + (query.country() == null ? "" : " AND d.destination_country = :country"))
                .params(parameters(scope, query))
                .query((rs, row) -> new PstnCallRepository.Totals(
                        rs.getLong("calls"), rs.getLong("ms"), rs.getBigDecimal("charge"), rs.getString("currency")))
                .single();
    }

    private static Map<String, Object> parameters(PstnCallRepository.Scope scope, PstnCallQuery query) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("t", scope.tenantId());
        parameters.put("from", LocalDate.ofInstant(scope.from(), ZoneOffset.UTC));
        parameters.put("to", LocalDate.ofInstant(scope.to(), ZoneOffset.UTC));
        parameters.put("types", PstnCallRepository.typeCodes(query));
        parameters.put("country", query.country() == null ? "" : query.country());
        return parameters;
    }
}
