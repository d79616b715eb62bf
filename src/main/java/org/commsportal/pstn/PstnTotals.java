package org.commsportal.pstn;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/** The calls of the table's query, their minutes and their total charge (null when no call has a rate). */
public record PstnTotals(
        long calls,
        long minutes,
        @Nullable BigDecimal charge,
        @Nullable String currency) {

    /** "12.50 EUR", or empty when no call has a rate. */
    public String chargeText() {
        return charge == null || currency == null ? "" : charge.toPlainString() + " " + currency;
    }
}
