package org.commsportal.pstn;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One call as the page shows it: the user's UPN or pseudonym, numbers with their last digits masked, the
 * destination country and whether it is domestic (null when the number or the user's usage location names no
 * country).
 */
public record PstnCallRow(
        Instant start,
        String user,
        @Nullable String userNumber,
        @Nullable String otherNumber,
        PstnCallType type,
        @Nullable String destinationCountry,
        @Nullable Boolean domestic,
        long durationSeconds) {

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
        };
    }
}
