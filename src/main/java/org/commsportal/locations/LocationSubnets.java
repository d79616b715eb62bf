package org.commsportal.locations;

import java.time.LocalDate;
import java.util.TreeSet;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.LockedSteps;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The locations read model's write-path part: after call quality (5) and reliability (7) wrote the sessions' stream
 * and session rows, the subnets they name that an upload has not mapped yet get their map rows, in the same
 * transaction, so the locations report is exact at commit (docs/locations.md).
 */
@Component
@Order(10)
class LocationSubnets implements SessionChangeListener {

    private final LocationMapping mapping;
    private final LockedSteps steps;

    LocationSubnets(LocationMapping mapping, LockedSteps steps) {
        this.mapping = mapping;
        this.steps = steps;
    }

    @Override
    public void apply(SessionChanges changes) {
        var ids = new TreeSet<Long>();
        for (CountedSession s : changes.added()) {
            ids.add(s.id());
        }
        mapping.mapNew(changes.tenantId(), ids);
    }

    /** A bulk import's days, in one step: the subnets seen on them get their map rows. */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        steps.once(tenantId, () -> mapping.mapDays(tenantId, first, last));
        return true;
    }

    @Override
    public boolean rebuild(long tenantId) {
        mapping.mapAll(tenantId);
        return true;
    }

    @Override
    public java.util.List<String> differences(long tenantId, int limit) {
        return mapping.differences(tenantId, limit);
    }
}
