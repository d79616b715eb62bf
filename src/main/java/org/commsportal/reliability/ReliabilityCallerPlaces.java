package org.commsportal.reliability;

import java.time.LocalDate;
import java.util.Map;
import org.commsportal.common.CallerPlaces;
import org.commsportal.common.Place;
import org.springframework.stereotype.Component;

/**
 * The sessions the reliability page counts in a place, for session details' drill-through (docs/locations.md,
 * "Filters on other pages"): the same condition over the session rows that the page's own figures use.
 */
@Component
class ReliabilityCallerPlaces implements CallerPlaces {

    private final ReliabilityReadRepository repository;

    ReliabilityCallerPlaces(ReliabilityReadRepository repository) {
        this.repository = repository;
    }

    @Override
    public String condition(
            long tenantId,
            Place place,
            LocalDate from,
            LocalDate to,
            int modality,
            String sessionIdColumn,
            Map<String, Object> params) {
        return repository.sessionInPlace(tenantId, place, from, to, modality, sessionIdColumn, params);
    }
}
