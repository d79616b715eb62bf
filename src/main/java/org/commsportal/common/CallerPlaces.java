package org.commsportal.common;

import java.time.LocalDate;
import java.util.Map;

/**
 * Which sessions the call reliability page counts in a place of the building file (docs/reliability.md,
 * docs/locations.md "Filters on other pages"): a session by its caller's subnet of the modality, mapped by the file
 * applying on the session's UTC day. The reliability feature implements it; session details uses it for the
 * drill-through from a reliability figure, so that the sessions it lists are those behind the figure, without
 * knowing the reliability feature (docs/architecture.md, "Ports").
 */
public interface CallerPlaces {

    /**
     * SQL true for a session (its id in the column {@code sessionIdColumn}, of the tenant) that the reliability page
     * counts in the place among the sessions of the modality ({@code modality} a media type id; 0 every session) on
     * the UTC days [from, to]; its parameters are added to {@code params} (names starting {@code cp_} and
     * {@code loc_}).
     */
    String condition(
            long tenantId,
            Place place,
            LocalDate from,
            LocalDate to,
            int modality,
            String sessionIdColumn,
            Map<String, Object> params);
}
