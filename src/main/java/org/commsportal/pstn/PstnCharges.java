package org.commsportal.pstn;

/**
 * A call's charge in SQL (docs/pstn-usage.md, "Charges"), computed when the page reads, from the tenant's rate table
 * joined to {@code pstn_call p}: a change of a rate re-prices every call at once. A call is billed per started
 * minute (61 seconds bill 2 minutes), plus the connection fee; a call of no duration never connected and costs
 * nothing; the charge is rounded half up to the currency's minor unit per call, so a total is the sum of the
 * charges shown. A call without a destination country or without a rate for its country and type has no charge.
 */
final class PstnCharges {

    /** The rate of the call's country and type, and the tenant's currency; uses pstn_rate's primary key. */
    static final String JOIN = """
            LEFT JOIN pstn_rate r ON r.tenant_id = p.tenant_id AND r.country = p.destination_country
                AND r.call_type = p.call_type
            LEFT JOIN pstn_rate_currency c ON c.tenant_id = p.tenant_id
            """;

    /** Billed minutes in integers: division of DECIMALs would round 60001 / 60000 to 1.0000 before the ceiling. */
    static final String CHARGE = """
            CASE WHEN r.price_per_minute IS NULL THEN NULL
                 WHEN p.duration_ms <= 0 THEN 0
                 ELSE ROUND(r.connection_fee + r.price_per_minute * ((p.duration_ms + 59999) DIV 60000),
                            c.minor_digits) END""";

    private PstnCharges() {}
}
