package org.commsportal.locations;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** An upload made to apply to the UTC days [validFrom, validTo] (no end: open); a later activation wins a day. */
public record LocationActivation(
        long id,
        long uploadId,
        LocalDate validFrom,
        @Nullable LocalDate validTo,
        Instant activatedAt,
        String activatedBy) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }
}
