package org.commsportal.pstn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.commsportal.directory.UsageLocationsChanged;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.LockedSteps;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the PSTN usage read model in the session writer's transaction (docs/architecture.md): the calls of the
 * sessions that stop counting are deleted, those of the sessions that start counting are derived from their stored
 * rows ({@link PstnCall#of}) and inserted, so a re-send or a re-linked party replaces its call exactly.
 */
@Component
@Order(30)
class PstnCalls implements SessionChangeListener {

    private final PstnCallRepository repository;
    private final PstnCallRollupRepository rollups;
    private final LockedSteps steps;

    PstnCalls(PstnCallRepository repository, PstnCallRollupRepository rollups, LockedSteps steps) {
        this.repository = repository;
        this.rollups = rollups;
        this.steps = steps;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(SessionChanges changes) {
        long tenantId = changes.tenantId();
        // in id order: concurrent writers of one tenant lock the read model's rows in one order
        var removed = new TreeSet<Long>();
        changes.removed().forEach(s -> removed.add(s.id()));
        changes.added().forEach(s -> removed.add(s.id()));
        int subtracted = 0;
        if (!removed.isEmpty()) {
            rollups.subtract(tenantId, removed);
            subtracted = repository.delete(tenantId, removed);
        }
        Map<Long, CountedSession> added = new LinkedHashMap<>();
        for (CountedSession s : changes.added()) {
            added.put(s.id(), s);
        }
        if (!added.isEmpty()) {
            insert(tenantId, added);
        }
        if (subtracted > 0) {
            // the day rows whose every call went: a recomputation would have none (only stored calls taken away
            // empty a row; without any, this read a month of the tenant's rows, 40 ms at 100,000 users)
            var starts = java.util.stream.Stream.concat(changes.removed().stream(), changes.added().stream())
                    .map(s -> LocalDate.ofInstant(s.start(), java.time.ZoneOffset.UTC))
                    .toList();
            rollups.deleteEmpty(
                    tenantId,
                    starts.stream().min(LocalDate::compareTo).orElseThrow(),
                    starts.stream().max(LocalDate::compareTo).orElseThrow());
        }
    }

    private void insert(long tenantId, Map<Long, CountedSession> added) {
        Map<Long, Instant> starts = new HashMap<>();
        added.values().forEach(s -> starts.put(s.id(), s.start()));
        List<PstnCall> calls = new ArrayList<>();
        // the stored rows hold this write's links already: a re-linking write sets them before the read models run,
        // and its added sessions name only the parties whose link changed
        for (PstnCall.TelephoneSession stored : repository.telephoneSessions(tenantId, starts)) {
            PstnCall call = PstnCall.of(stored);
            if (call != null) {
                calls.add(call);
            }
        }
        calls.sort(java.util.Comparator.comparingLong(PstnCall::sessionId));
        if (!calls.isEmpty()) {
            repository.insert(tenantId, calls);
            rollups.add(tenantId, calls.stream().map(PstnCall::sessionId).toList());
        }
    }

    /**
     * Users' usage locations changed (in the directory's transaction, under the tenant's exclusive write lock): their
     * calls move to the day rows of the new location, so domestic and international follow at once.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void usageLocationsChanged(UsageLocationsChanged changed) {
        rollups.moveUsers(changed.tenantId(), changed.upns());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        rollups.addStarting(tenantId, LocalDate.of(1000, 1, 1), day, "-");
        repository.deleteBefore(tenantId, day);
        rollups.deleteEmpty(tenantId, LocalDate.of(1000, 1, 1), day);
    }

    @Override
    @Transactional
    public boolean rebuild(long tenantId) {
        repository.deleteAll(tenantId);
        rollups.deleteAll(tenantId);
        insertCalls(tenantId, consumer -> repository.forEachTelephoneSession(tenantId, consumer));
        rollups.addAll(tenantId);
        return true;
    }

    /** A bulk import's days, a week of UTC days per step: the calls that start on them derived afresh. */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        steps.forEachWeek(tenantId, first, last, (from, until) -> {
            rollups.addStarting(tenantId, from, until, "-");
            repository.deleteStarting(tenantId, from.atStartOfDay(), until.atStartOfDay());
            insertCalls(
                    tenantId,
                    consumer -> repository.forEachTelephoneSession(
                            tenantId, from.atStartOfDay(), until.atStartOfDay(), consumer));
            rollups.addStarting(tenantId, from, until, "");
            rollups.deleteEmpty(tenantId, from, until.minusDays(1));
        });
        return true;
    }

    /** Derives and inserts the calls of the telephone sessions a source gives, a thousand per statement. */
    private void insertCalls(long tenantId, Consumer<Consumer<PstnCall.TelephoneSession>> sessions) {
        List<PstnCall> calls = new ArrayList<>();
        sessions.accept(s -> {
            PstnCall call = PstnCall.of(s);
            if (call != null) {
                calls.add(call);
            }
            if (calls.size() >= 1000) {
                repository.insert(tenantId, calls);
                calls.clear();
            }
        });
        repository.insert(tenantId, calls);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> differences(long tenantId, int limit) {
        Map<Long, PstnCall> stored = repository.all(tenantId);
        List<String> differences = new ArrayList<>();
        repository.forEachTelephoneSession(tenantId, s -> {
            PstnCall expected = PstnCall.of(s);
            PstnCall actual = stored.remove(s.id());
            if (!Objects.equals(expected, actual) && differences.size() < limit) {
                differences.add("pstn_call of session " + s.id() + ": expected " + expected + ", stored " + actual);
            }
        });
        for (PstnCall extra : stored.values()) {
            if (differences.size() < limit) {
                differences.add("pstn_call of session " + extra.sessionId() + ": stored " + extra + ", expected none");
            }
        }
        if (differences.size() < limit) {
            differences.addAll(rollups.differences(tenantId, limit - differences.size()));
        }
        return differences;
    }
}
