package org.commsportal.locations;

import java.util.TreeSet;
import org.commsportal.sessions.CountedSession;
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

    LocationSubnets(LocationMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public void apply(SessionChanges changes) {
        var ids = new TreeSet<Long>();
        for (CountedSession s : changes.added()) {
            ids.add(s.id());
        }
        mapping.mapNew(changes.tenantId(), ids);
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
