package org.commsportal.periodfigures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.commsportal.common.Chunks;
import org.commsportal.sessions.CountedSession;
import org.commsportal.sessions.LockedSteps;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the quarter-hour figures in the session writer's transaction (docs/architecture.md): each session taken
 * away or added changes the rows of its quarter-hour by one session; then each organized conference whose rows
 * changed is recounted in the quarter-hour of its first session (changeset 043, docs/reporting-web-service.md).
 */
@Component
@Order(8)
class SessionSlotFigures implements SessionChangeListener {

    private final SessionSlotRepository repository;
    private final ConferenceStartRepository conferenceStarts;
    private final LockedSteps steps;

    SessionSlotFigures(
            SessionSlotRepository repository, ConferenceStartRepository conferenceStarts, LockedSteps steps) {
        this.repository = repository;
        this.conferenceStarts = conferenceStarts;
        this.steps = steps;
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
        if (rows.isEmpty()) {
            return;
        }
        repository.add(changes.tenantId(), rows);
        SortedSet<byte[]> conferences = new TreeSet<byte[]>(Arrays::compareUnsigned);
        rows.forEach((key, counts) -> {
            if (key.kind() == SlotKind.ORGANIZED && !counts.equals(SlotRow.Counts.ZERO)) {
                conferences.add(key.conferenceKey());
            }
        });
        conferenceStarts.recount(changes.tenantId(), SlotKind.ORGANIZED, new ArrayList<>(conferences));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void forgetBefore(long tenantId, LocalDate day) {
        repository.deleteBefore(tenantId, day);
        conferenceStarts.forgetBefore(tenantId, SessionSlotRepository.firstSlotOf(day));
    }

    /**
     * A bulk import's days, a week per step: their quarter-hour rows recomputed; then the organized conferences that
     * had or have rows on those days recounted, as a write recounts its conferences (their extents may reach into
     * other days), a thousand conferences per step. A tenant with no session on other days is rebuilt whole instead,
     * in two set-based statements rather than a recount per conference.
     */
    @Override
    public boolean rebuildDays(long tenantId, LocalDate first, LocalDate last) {
        if (!steps.hasSessionsOutside(tenantId, first, last)) {
            return false;
        }
        SortedSet<byte[]> conferences = new TreeSet<byte[]>(Arrays::compareUnsigned);
        steps.forEachWeek(tenantId, first, last, (from, until) -> {
            conferences.addAll(repository.organizedConferences(tenantId, from, until));
            repository.rebuildDays(tenantId, from, until);
            conferences.addAll(repository.organizedConferences(tenantId, from, until));
        });
        for (List<byte[]> chunk : Chunks.of(new ArrayList<>(conferences))) {
            steps.once(tenantId, () -> conferenceStarts.recount(tenantId, SlotKind.ORGANIZED, chunk));
        }
        return true;
    }

    @Override
    @Transactional
    public boolean rebuild(long tenantId) {
        repository.rebuild(tenantId);
        conferenceStarts.rebuild(tenantId);
        return true;
    }

    @Override
    public List<String> differences(long tenantId, int limit) {
        List<String> differences = new ArrayList<>(repository.differences(tenantId, limit));
        if (differences.size() < limit) {
            differences.addAll(conferenceStarts.differences(tenantId, limit - differences.size()));
        }
        return differences;
    }
}
