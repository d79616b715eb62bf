package org.commsportal.pstn;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A tenant's rate table: its currency (null while it has none) and its rates by country and call type. */
public record PstnRateTable(@Nullable String currency, List<PstnRate> rates) {

    public PstnRateTable {
        rates = List.copyOf(rates);
    }

    public static PstnRateTable empty() {
        return new PstnRateTable(null, List.of());
    }
}
