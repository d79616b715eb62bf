package org.commsportal.periodfigures;

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
 * Keeps the quarter-hour figures in the session writer's transaction (docs/architecture.md): each session taken
 * away or added changes the rows of its quarter-hour by one session.
 */
@Component
@Order(8)
class SessionSlotFigures implements SessionChangeListener {

    private final SessionSlotRepository repository;

    SessionSlotFigures(SessionSlotRepository repository) {
        this.repository = repository;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        SortedMap<SlotRow, SlotRow.Counts> rows = new TreeMap<>(SlotRow.ORDER);
        for (int sign : new int[] {-1, +1}) {
            for (CountedSession s : sign < 0 ? changes.removed() : changes.added()) {
                SlotRow.forEachRow(s, sign, (key, counts) -> rows.merge(key, counts, SlotRow.Counts::plus));
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
