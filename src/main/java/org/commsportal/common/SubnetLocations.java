package org.commsportal.common;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Which subnets lie in a place of the building file, by the version that applies on each day (docs/locations.md).
 * The locations feature implements it; the call quality, reliability and session details pages use it to narrow the
 * per-subnet rows of their read models to a place, without knowing the locations feature (docs/architecture.md).
 */
public interface SubnetLocations {

    /**
     * SQL true for a row whose UTC day (column {@code dayColumn}) lies in [from, to] and whose subnet (column
     * {@code subnetColumn}) the building file applying on that day maps into the place; its parameters are added to
     * {@code params} (names starting {@code loc_}). Days without an applying, mapped file match nothing.
     */
    String condition(
            long tenantId,
            Place place,
            LocalDate from,
            LocalDate to,
            String dayColumn,
            String subnetColumn,
            Map<String, Object> params);

    /** The places (region, city, building) of the file applying on the day, sorted: the choices of a filter. */
    List<Place> buildings(long tenantId, LocalDate day);
}
