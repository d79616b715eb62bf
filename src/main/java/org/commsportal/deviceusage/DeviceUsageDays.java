package org.commsportal.deviceusage;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the device usage read model in the session writer's transaction, as its fourth read model
 * (docs/architecture.md): each party taken away or added changes its user's row of the day and platform by one.
 */
@Component
@Order(4)
class DeviceUsageDays implements SessionChangeListener {

    private final DeviceUsageRepository repository;

    DeviceUsageDays(DeviceUsageRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        SortedMap<PartyPlatformDay, Long> rows = new TreeMap<>(PartyPlatformDay.ORDER);
        for (int sign : new int[] {-1, +1}) {
            long delta = sign;
            for (CountedSession s : sign < 0 ? changes.removed() : changes.added()) {
                PartyPlatformDay.forEachRow(s, key -> rows.merge(key, delta, Long::sum));
            }
        }
        if (!rows.isEmpty()) {
            repository.add(changes.tenantId(), rows);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        repository.deleteBefore(tenantId, day);
    }

    @Override
    @Transactional
    public boolean rebuild(long tenantId) {
        repository.rebuild(tenantId);
        return true;
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        return repository.differences(tenantId, limit);
    }
}
