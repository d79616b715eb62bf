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
 * The SQL of the calls' rollups (changeset 044), which this package owns and keeps from {@code pstn_call}: the day
 * rollup {@code pstn_call_day}, per UTC day of the calls' start, call type, destination country and the user's usage
 * location, the calls, their milliseconds and their charges, which the PSTN usage page's charts, country list, count
 * and totals read (only the table's rows and a filter on the user read {@code pstn_call}; docs/pstn-usage.md, "The
 * read model"); and {@code pstn_outbound_month}, each user's outbound domestic and international milliseconds per
 * UTC month, which the minute pools read (docs/pstn-minute-pools.md). Every change is a sum of the calls' rows: a call
 * is subtracted before it is deleted or changed and added after it is inserted or changed, so both equal a
 * recomputation from {@code pstn_call}.
 */
@Repository
class PstnCallRollupRepository {

    private static final String KEY = "tenant_id, day, call_type, destination_country, user_location";

    private static final List<String> FIGURES = List.of("calls", "duration_ms", "charged_calls", "charge");

    /** Domestic (1), international (2) or unknown (0), as {@code PstnCallRepository}'s REACH of a call. */
    private static final String REACH = """
            CASE WHEN d.destination_country = '' OR d.user_location = '' THEN 0
                 WHEN d.destination_country = d.user_location THEN 1 ELSE 2 END""";

    private final JdbcClient jdbc;

    PstnCallRollupRepository(JdbcClient jdbc) {
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

    /** The month rows of the outbound calls {@code where} selects from {@code pstn_call p}, figures times sign. */
    private static String months(String where, String sign) {
        return """
                SELECT p.tenant_id, DATE(p.start_time) - INTERVAL (DAYOFMONTH(p.start_time) - 1) DAY AS first_day,
                       p.user_upn, %1$sCOUNT(*) AS calls,
                       %1$sSUM(IF(p.destination_country = p.user_location, p.duration_ms, 0)) AS domestic_ms,
                       %1$sSUM(IF(p.destination_country = p.user_location, 0, p.duration_ms)) AS international_ms
                FROM pstn_call p
                WHERE %2$s AND p.call_type = 1 AND p.destination_country IS NOT NULL AND p.user_location IS NOT NULL
                GROUP BY p.tenant_id, first_day, p.user_upn
                """.formatted(sign, where);
    }

    private static final List<String> MONTH_FIGURES = List.of("calls", "domestic_ms", "international_ms");

    /** Adds the rows a {@link #days} query gives, in key order (the group order), so writers lock rows in one order. */
    private void add(String where, String sign, Map<String, ?> parameters) {
        jdbc.sql(upsert("pstn_call_day", KEY, FIGURES, days(where, sign)))
                .params(parameters)
                .update();
        jdbc.sql(upsert("pstn_outbound_month", "tenant_id, month, user_upn", MONTH_FIGURES, months(where, sign)))
                .params(parameters)
                .update();
    }

    private static String upsert(String table, String key, List<String> figures, String rows) {
        return "INSERT INTO " + table + " (" + key + ", " + String.join(", ", figures) + ")\nSELECT * FROM (" + rows
                + ") d\nON DUPLICATE KEY UPDATE "
                + String.join(
                        ", ",
                        figures.stream()
                                .map(f -> f + " = " + table + "." + f + " + VALUES(" + f + ")")
                                .toList());
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

    /** Counts ({@code sign} empty) or stops counting ("-") the stored calls that start on the UTC days [from, until). */
    void addStarting(long tenantId, LocalDate from, LocalDate until, String sign) {
        add(
                "p.tenant_id = :t AND p.start_time >= :from AND p.start_time < :until",
                sign,
                Map.of("t", tenantId, "from", from.atStartOfDay(), "until", until.atStartOfDay()));
    }

    /** Counts every stored call of the tenant. */
    void addAll(long tenantId) {
        add("p.tenant_id = :t", "", Map.of("t", tenantId));
    }

    void deleteAll(long tenantId) {
        for (String table : List.of("pstn_call_day", "pstn_outbound_month")) {
            jdbc.sql("DELETE FROM " + table + " WHERE tenant_id = :t")
                    .param("t", tenantId)
                    .update();
        }
    }

    /**
     * Removes the rows whose calls were all taken away, of the UTC days [from, to] and their months: a recomputation
     * would have none.
     */
    void deleteEmpty(long tenantId, LocalDate from, LocalDate to) {
        jdbc.sql("DELETE FROM pstn_call_day WHERE tenant_id = :t AND day >= :from AND day <= :to AND calls = 0")
                .param("t", tenantId)
                .param("from", from)
                .param("to", to)
                .update();
        jdbc.sql("DELETE FROM pstn_outbound_month WHERE tenant_id = :t AND month >= :from AND month <= :to"
                        + " AND calls = 0")
                .param("t", tenantId)
                .param("from", from.withDayOfMonth(1))
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
        deleteEmpty(tenantId, LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31));
    }

    /** Rows that differ from a recomputation from {@code pstn_call}, human-readable, at most {@code limit}. */
    List<String> differences(long tenantId, int limit) {
        List<String> differences = new ArrayList<>();
        compare(
                tenantId,
                "pstn_call_day",
                days("p.tenant_id = :t", ""),
                """
                SELECT tenant_id, day, call_type, destination_country AS to_country, user_location AS from_country, calls,
                       duration_ms, charged_calls, charge
                FROM pstn_call_day WHERE tenant_id = :t""",
                List.of("day", "call_type", "to_country", "from_country"),
                limit,
                differences);
        compare(
                tenantId,
                "pstn_outbound_month",
                months("p.tenant_id = :t", ""),
                """
                SELECT tenant_id, month AS first_day, user_upn, calls, domestic_ms, international_ms
                FROM pstn_outbound_month WHERE tenant_id = :t""",
                List.of("first_day", "user_upn"),
                limit,
                differences);
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

    /**
     * Adds to {@code differences} each row of {@code stored} whose figures (the columns after the key) differ from the
     * row of {@code expected} with the same key, and each row only one of them has.
     */
    private void compare(
            long tenantId,
            String table,
            String expected,
            String stored,
            List<String> key,
            int limit,
            List<String> differences) {
        Map<List<Object>, List<Object>> want = new HashMap<>();
        jdbc.sql(expected)
                .param("t", tenantId)
                .query((rs, row) -> want.put(columns(rs, key, true), columns(rs, key, false)))
                .list();
        jdbc.sql(stored)
                .param("t", tenantId)
                .query((rs, row) -> {
                    List<Object> keyValues = columns(rs, key, true);
                    List<Object> figures = columns(rs, key, false);
                    List<Object> wanted = want.remove(keyValues);
                    if (!figures.equals(wanted) && differences.size() < limit) {
                        differences.add(table + " " + keyValues + ": stored " + figures + ", expected " + wanted);
                    }
                    return row;
                })
                .list();
        want.forEach((keyValues, wanted) -> {
            if (differences.size() < limit) {
                differences.add(table + " " + keyValues + ": stored none, expected " + wanted);
            }
        });
    }

    /** The key columns' values (by name) or the other columns' values (the figures, numbers compared by value). */
    private static List<Object> columns(java.sql.ResultSet rs, List<String> key, boolean ofKey)
            throws java.sql.SQLException {
        List<Object> values = new ArrayList<>();
        if (ofKey) {
            for (String column : key) {
                values.add(String.valueOf(rs.getObject(column)));
            }
            return values;
        }
        var meta = rs.getMetaData();
        for (int i = key.size() + 2; i <= meta.getColumnCount(); i++) {
            // after tenant_id and the key; numbers by value (a sum's scale is not the column's)
            var value = rs.getBigDecimal(i);
            values.add(value == null ? "null" : value.stripTrailingZeros().toPlainString());
        }
        return values;
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
