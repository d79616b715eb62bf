package org.commsportal.pstn;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/**
 * One call as the page shows it: the user's UPN or pseudonym, numbers with their last digits masked, the
 * destination country and whether it is domestic (null when the number or the user's usage location names no
 * country), and the charge in the tenant's currency when a rate applies (docs/pstn-usage.md, "Charges").
 */
public record PstnCallRow(
        Instant start,
        String user,
        @Nullable String userNumber,
        @Nullable String otherNumber,
        PstnCallType type,
        @Nullable String destinationCountry,
        @Nullable Boolean domestic,
        long durationSeconds,
        @Nullable BigDecimal charge,
        @Nullable String currency) {

    /** An amount with the currency's minor unit digits (12.50 EUR, 1200 JPY); null stays null. */
    public static @Nullable BigDecimal inMinorUnits(@Nullable BigDecimal amount, @Nullable String currency) {
        if (amount == null || currency == null) {
            return amount;
        }
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return amount.setScale(digits, RoundingMode.HALF_UP);
    }

    /** "12.50 EUR", or empty when no rate applies. */
    public String chargeText() {
        return charge == null || currency == null ? "" : charge.toPlainString() + " " + currency;
    }

    /** "Domestic", "International" or empty. */
    public String reach() {
        return domestic == null ? "" : domestic ? "Domestic" : "International";
    }

    /** The cell of a column, for exports. */
    public @Nullable Object valueOf(PstnCallColumn column) {
        return switch (column) {
            case START_TIME -> start;
            case USER -> user;
            case USER_NUMBER -> userNumber;
            case OTHER_NUMBER -> otherNumber;
            case CALL_TYPE -> type.vendorName();
            case DIRECTION -> type.direction().label();
            case COUNTRY -> destinationCountry;
            case DOMESTIC -> reach();
            case DURATION -> durationSeconds;
            case CHARGE -> charge;
            case CURRENCY -> currency;
        };
    }
}
