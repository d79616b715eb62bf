package org.commsportal.reliability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.commsportal.common.UtcDateTime;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.LockedSteps;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the reliability and Rate My Call read models in the session writer's transaction (docs/architecture.md). Every
 * session a write touches has its stored rows taken away and, if it is stored now, its modalities and ratings
 * classified afresh from its raw rows, which are in place by then: the day rows change by exactly the difference.
 */
@Component
@Order(7)
class ReliabilityReadModel implements SessionChangeListener {

    private final ReliabilityStoreRepository repository;
    private final LockedSteps steps;

    ReliabilityReadModel(ReliabilityStoreRepository repository, LockedSteps steps) {
        this.repository = repository;
        this.steps = steps;
    }

    /** A bulk import's days, a week of UTC days per transaction: their rows forgotten, then built from the raw rows. */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        steps.forEachWeek(tenantId, first, last, (from, until) -> {
            repository.forgetDays(tenantId, from, until);
            repository.build(tenantId, from.atStartOfDay(), until.atStartOfDay());
        });
        return true;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        if (changes.removed().isEmpty() && changes.added().isEmpty()) {
            return;
        }
        // in id order: concurrent writers touch the rows in one order
        var touched = new TreeSet<Long>();
        changes.removed().forEach(s -> touched.add(s.id()));
        changes.added().forEach(s -> touched.add(s.id()));
        List<LocalDate> days = new ArrayList<>(repository.remove(changes.tenantId(), touched));
        Map<Long, ReliabilityStoreRepository.SessionKey> added = new LinkedHashMap<>();
        for (CountedSession s : changes.added()) {
            added.put(s.id(), new ReliabilityStoreRepository.SessionKey(s.id(), UtcDateTime.toColumn(s.start())));
        }
        repository.add(changes.tenantId(), new ArrayList<>(added.values()));
        if (!days.isEmpty()) {
            repository.deleteEmptyDays(changes.tenantId(), days);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        repository.deleteBefore(tenantId, day);
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        return repository.differences(tenantId, limit);
    }
}
