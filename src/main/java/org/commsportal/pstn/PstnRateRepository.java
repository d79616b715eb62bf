package org.commsportal.pstn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of the tenant's rate table {@code pstn_rate} and {@code pstn_rate_currency} (changeset 034). */
@Repository
class PstnRateRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    PstnRateRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    PstnRateTable table(long tenantId) {
        Optional<String> currency = jdbc.sql("SELECT currency FROM pstn_rate_currency WHERE tenant_id = :t")
                .param("t", tenantId)
                .query(String.class)
                .optional();
        List<PstnRate> rates = jdbc.sql("""
                SELECT country, call_type, price_per_minute, connection_fee FROM pstn_rate
                WHERE tenant_id = :t ORDER BY country, call_type
                """)
                .param("t", tenantId)
                .query((rs, row) -> new PstnRate(
                        rs.getString("country"),
                        java.util.Objects.requireNonNull(PstnCallType.ofCode(rs.getInt("call_type"))),
                        rs.getBigDecimal("price_per_minute").stripTrailingZeros(),
                        rs.getBigDecimal("connection_fee").stripTrailingZeros()))
                .list();
        return new PstnRateTable(currency.orElse(null), rates);
    }

    /** Replaces the tenant's whole table, in the caller's transaction. */
    void replace(long tenantId, String currency, int minorDigits, List<PstnRate> rates) {
        jdbc.sql("DELETE FROM pstn_rate WHERE tenant_id = :t")
                .param("t", tenantId)
                .update();
        jdbc.sql("""
                INSERT INTO pstn_rate_currency (tenant_id, currency, minor_digits) VALUES (:t, :c, :d)
                ON DUPLICATE KEY UPDATE currency = VALUES(currency), minor_digits = VALUES(minor_digits)
                """)
                .param("t", tenantId)
                .param("c", currency)
                .param("d", minorDigits)
                .update();
        List<Object[]> rows = new ArrayList<>(rates.size());
        for (PstnRate rate : rates) {
            rows.add(new Object[] {
                tenantId, rate.country(), rate.type().code(), rate.pricePerMinute(), rate.connectionFee()
            });
        }
        batch.batchUpdate("""
                INSERT INTO pstn_rate (tenant_id, country, call_type, price_per_minute, connection_fee)
                VALUES (?, ?, ?, ?, ?)
                """, rows);
    }
}
