package org.commsportal.locations;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commsportal.common.Place;
import org.commsportal.common.SqlColumn;
import org.commsportal.common.SubnetLocations;
import org.springframework.stereotype.Component;

/**
 * The subnets of a place for the other reports' filters (docs/locations.md, "Filters on other pages"): for each range
 * of days the version that applies on it (as this package's own report works it out), the subnets whose map row of
 * that version points at a network of the place. The condition is a subquery on the map, so the reports still sum
 * their own per-subnet rows in the database.
 */
@Component
class PlaceSubnets implements SubnetLocations {

    private final LocationRepository repository;

    PlaceSubnets(LocationRepository repository) {
        this.repository = repository;
    }

    @Override
    public String condition(
            long tenantId,
            Place place,
            LocalDate from,
            LocalDate to,
            String dayColumn,
            String subnetColumn,
            Map<String, Object> params) {
        SqlColumn.checked(dayColumn);
        SqlColumn.checked(subnetColumn);
        params.put("loc_tenant", tenantId);
        StringBuilder path = new StringBuilder();
        if (place.region() != null) {
            path.append(" AND ln.region = :loc_region");
            params.put("loc_region", place.region());
        }
        if (place.city() != null) {
            path.append(" AND ln.city = :loc_city");
            params.put("loc_city", place.city());
        }
        if (place.building() != null) {
            path.append(" AND ln.building_name = :loc_building");
            params.put("loc_building", place.building());
        }
        List<String> ranges = new ArrayList<>();
        int i = 0;
        for (LocationService.Segment segment :
                LocationService.plan(repository, tenantId, from, to).segments()) {
            if (segment.uploadId() == null) {
                continue;
            }
            ranges.add("(" + dayColumn + " BETWEEN :loc_from" + i + " AND :loc_to" + i + " AND " + subnetColumn
                    + " IN (SELECT lm.subnet FROM location_subnet_map lm JOIN location_network ln"
                    + " ON ln.upload_id = lm.upload_id AND ln.line = lm.line"
                    + " WHERE lm.tenant_id = :loc_tenant AND lm.upload_id = :loc_upload" + i + path + "))");
            params.put("loc_from" + i, segment.from());
            params.put("loc_to" + i, segment.to());
            params.put("loc_upload" + i, segment.uploadId());
            i++;
        }
        return ranges.isEmpty() ? "FALSE" : "(" + String.join(" OR ", ranges) + ")";
    }

    @Override
    public List<Place> buildings(long tenantId, LocalDate day) {
        Long uploadId = LocationService.plan(repository, tenantId, day, day)
                .segments()
                .get(0)
                .uploadId();
        return uploadId == null ? List.of() : repository.places(uploadId);
    }
}
