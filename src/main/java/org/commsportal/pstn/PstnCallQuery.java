package org.commsportal.pstn;

import java.time.LocalDate;
import java.util.Locale;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * What the PSTN usage table shows: the period ending at the report date (or one UTC day of it), the calls whose
 * shown user contains the text, of a direction and to a destination country when chosen, in a sort order.
 */
public record PstnCallQuery(
        ReportPeriod period,
        @Nullable LocalDate day,
        String userContains,
        PstnCallType.@Nullable Direction direction,
        @Nullable String country,
        PstnCallColumn sortColumn,
        boolean ascending) {

    public PstnCallQuery {
        userContains = userContains.strip();
        country = country == null || country.isBlank() ? null : country.strip().toUpperCase(Locale.ROOT);
    }

    /** The period's calls, latest first. */
    public static PstnCallQuery of(ReportPeriod period) {
        return new PstnCallQuery(period, null, "", null, null, PstnCallColumn.START_TIME, false);
    }

    public PstnCallQuery withPeriod(ReportPeriod newPeriod) {
        return new PstnCallQuery(newPeriod, null, userContains, direction, country, sortColumn, ascending);
    }

    public PstnCallQuery withDay(@Nullable LocalDate newDay) {
        return new PstnCallQuery(period, newDay, userContains, direction, country, sortColumn, ascending);
    }

    public PstnCallQuery withUserContains(String text) {
        return new PstnCallQuery(period, day, text, direction, country, sortColumn, ascending);
    }

    public PstnCallQuery withDirection(PstnCallType.@Nullable Direction newDirection) {
        return new PstnCallQuery(period, day, userContains, newDirection, country, sortColumn, ascending);
    }

    public PstnCallQuery withCountry(@Nullable String newCountry) {
        return new PstnCallQuery(period, day, userContains, direction, newCountry, sortColumn, ascending);
    }

    public PstnCallQuery sortedBy(PstnCallColumn column, boolean ascendingOrder) {
        return new PstnCallQuery(period, day, userContains, direction, country, column, ascendingOrder);
    }
}
