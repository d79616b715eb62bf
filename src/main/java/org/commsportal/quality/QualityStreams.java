package org.commsportal.quality;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.commsportal.common.UtcDateTime;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.LockedSteps;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the call quality read model in the session writer's transaction, as its fifth read model
 * (docs/architecture.md). Every session a write touches (replaced, removed, added, or re-linked to other users) has its
 * stored streams taken away and, if it is stored now, its streams classified afresh from its raw quality rows, which
 * are in place by then: the day rows change by exactly the difference.
 */
@Component
@Order(5)
class QualityStreams implements SessionChangeListener {

    private final QualityStreamRepository repository;
    private final QualityPeriodTotals periodTotals;
    private final LockedSteps steps;

    QualityStreams(QualityStreamRepository repository, QualityPeriodTotals periodTotals, LockedSteps steps) {
        this.repository = repository;
        this.periodTotals = periodTotals;
        this.steps = steps;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        if (changes.removed().isEmpty() && changes.added().isEmpty()) {
            return;
        }
        // in id order: concurrent writers touch stream rows in one order
        var touched = new TreeSet<Long>();
        changes.removed().forEach(s -> touched.add(s.id()));
        changes.added().forEach(s -> touched.add(s.id()));
        // the period totals change by the same streams: taken away while their rows are still there
        periodTotals.removing(changes.tenantId(), touched);
        List<LocalDate> days = new ArrayList<>(repository.remove(changes.tenantId(), touched));
        Map<Long, QualityStreamRepository.SessionKey> added = new LinkedHashMap<>();
        for (CountedSession s : changes.added()) {
            added.put(s.id(), new QualityStreamRepository.SessionKey(s.id(), UtcDateTime.toColumn(s.start())));
        }
        repository.add(changes.tenantId(), new ArrayList<>(added.values()));
        periodTotals.added(changes.tenantId(), added.keySet());
        if (!days.isEmpty()) {
            repository.deleteEmptyDays(changes.tenantId(), days);
        }
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        repository.deleteBefore(tenantId, day);
        periodTotals.forgetBefore(tenantId, day);
    }

    /**
     * A bulk import's days, one UTC day per transaction: its rows forgotten, then built from the raw rows; the period
     * totals kept around each day, or set aside and recounted once after them all when that reads less.
     */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        rebuildDays(tenantId, first, last, day -> {});
        return true;
    }

    /** {@link #rebuildDays(long, LocalDate, LocalDate)}, telling {@code afterDay} each day's step has ended. */
    void rebuildDays(long tenantId, LocalDate first, LocalDate last, Consumer<LocalDate> afterDay) {
        @Nullable
        LocalDate setAside = steps.call(tenantId, () -> periodTotals.setAsideForRebuild(tenantId, first, last));
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate built = day;
            // while set aside these change nothing; a move may build the totals between two days, then they keep them
            steps.once(tenantId, () -> {
                periodTotals.rebuildingDay(tenantId, built, "-");
                repository.forgetDay(tenantId, built);
                repository.build(tenantId, built);
                periodTotals.rebuildingDay(tenantId, built, "");
            });
            afterDay.accept(built);
        }
        if (setAside != null) {
            steps.once(tenantId, () -> periodTotals.rebuiltDays(tenantId, setAside));
        }
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        List<String> found = new ArrayList<>(repository.differences(tenantId, limit));
        if (found.size() < limit) {
            found.addAll(periodTotals.differences(tenantId, limit - found.size()));
        }
        return found;
    }
}
