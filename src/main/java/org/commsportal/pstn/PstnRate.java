package org.commsportal.pstn;

import java.math.BigDecimal;

/**
 * The price of a call to a destination country of one call type (docs/pstn-usage.md, "Charges"): a price per billed
 * minute and a connection fee per call, in the tenant's currency.
 */
public record PstnRate(String country, PstnCallType type, BigDecimal pricePerMinute, BigDecimal connectionFee) {}
