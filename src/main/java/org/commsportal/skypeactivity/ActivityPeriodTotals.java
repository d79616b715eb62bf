package org.commsportal.skypeactivity;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.commsportal.common.LastDayChanges;
import org.commsportal.sessions.TenantWriteLock;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps skype_activity_period_total (each licensed user's activity, organizer and participant figures per report
 * period) equal to a recount of activity_party_day, for one report date per tenant: {@link ActivityPartyDays}
 * hands it each write's rows in the write's transaction, and {@link #moveTo} moves the totals to a later report date
 * under the tenant's exclusive write lock, off the request path (docs/skype-for-business-activity.md, "Period
 * totals").
 */
@Service
public class ActivityPeriodTotals {

    private final ActivityPeriodTotalRepository totals;
    private final TenantWriteLock writeLock;
    private final CurrentTenant currentTenant;

    ActivityPeriodTotals(ActivityPeriodTotalRepository totals, TenantWriteLock writeLock, CurrentTenant currentTenant) {
        this.totals = totals;
        this.writeLock = writeLock;
        this.currentTenant = currentTenant;
    }

    /**
     * Makes the signed-in tenant's totals end on the report date, and commits. Moving forward recounts only what the
     * days entering and leaving each window touch; a first build or a move backwards recounts everything. Returns false when they
     * already ended on it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public boolean moveTo(LocalDate reportDate) {
        return totals.moveTo(currentTenant.id(), reportDate, writeLock::lockExclusive);
    }

    /** The report date the tenant's totals end on; null while not built. A plain read. */
    public @Nullable LocalDate endDate(long tenantId) {
        return totals.reportDate(tenantId);
    }

    /** What a write is about to change, taken before its rows change; null while the totals are not built. */
    record Pending(long tenantId, LocalDate reportDate, List<PartyDay> conferences) {}

    /** Locks the totals of the users whose rows up to the report date change, in id order (the lock order). */
    void lockUsers(long tenantId, Collection<PartyDay> rows) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId); // fixed while the write lock is held
        if (reportDate != null) {
            SortedSet<Long> users = usersUpTo(rows, reportDate);
            if (!users.isEmpty()) {
                totals.lockUsers(tenantId, users);
            }
        }
    }

    /**
     * Before the rows change: takes the touched conferences' figures out of the totals; {@link #afterRows} adds
     * them back as the rows then are.
     */
    @Nullable
    Pending beforeRows(long tenantId, SortedMap<PartyDay, PartyDay.Counts> rows) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate == null) {
            return null; // the first move builds them
        }
        LocalDate oldest = reportDate.minusDays(longestPeriod());
        List<PartyDay> conferences = new ArrayList<>();
        SortedMap<PartyDay, Boolean> distinct = new TreeMap<>(PartyDay.ORDER);
        for (PartyDay row : rows.keySet()) {
            if (row.kind() != PartyDay.Kind.PEER_TO_PEER
                    && row.day().isAfter(oldest)
                    && !row.day().isAfter(reportDate)) {
                distinct.put(new PartyDay(row.userId(), reportDate, row.kind(), row.conferenceKey()), true);
            }
        }
        conferences.addAll(distinct.keySet());
        Pending pending = new Pending(tenantId, reportDate, conferences);
        totals.addConferences(tenantId, reportDate, conferences, -1);
        return pending;
    }

    /** After the rows changed: the touched conferences' figures, peer-to-peer sessions and last days. */
    void afterRows(@Nullable Pending pending, SortedMap<PartyDay, PartyDay.Counts> rows) {
        if (pending == null) {
            return;
        }
        totals.addConferences(pending.tenantId(), pending.reportDate(), pending.conferences(), +1);
        List<Integer> periods = totals.periodDays();
        SortedMap<Long, Map<Integer, Long>> peerToPeer = new TreeMap<>();
        var lastDays = new LastDayChanges(pending.reportDate(), PartyDay.Kind.values().length);
        rows.forEach((row, counts) -> {
            if (row.userId() == PartyDay.TENANT) {
                return; // the tenant's own rows have no per-user totals
            }
            lastDays.row(row.userId(), row.day(), row.kind().code(), counts.sessions());
            if (row.kind() == PartyDay.Kind.PEER_TO_PEER) {
                long age = ChronoUnit.DAYS.between(row.day(), pending.reportDate());
                for (int days : periods) {
                    if (age >= 0 && age < days) {
                        peerToPeer
                                .computeIfAbsent(row.userId(), u -> new TreeMap<>())
                                .merge(days, counts.sessions(), Long::sum);
                    }
                }
            }
        });
        totals.addPeerToPeer(pending.tenantId(), peerToPeer);
        totals.raiseLastDays(pending.tenantId(), lastDays.raised());
        totals.refreshLastDays(pending.tenantId(), pending.reportDate(), lastDays.recounted());
    }

    void usersWritten(long tenantId, Collection<String> upns) {
        totals.addNewUsers(tenantId, upns);
    }

    /** Retention forgot days: a window that held them is recounted. */
    void forgetBefore(long tenantId, LocalDate day) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null && day.isAfter(reportDate.minusDays(longestPeriod()))) {
            totals.rebuild(tenantId, reportDate);
        }
    }

    /** The rows were rebuilt from the raw sessions: so are the totals, for the same report date. */
    void rebuilt(long tenantId) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null) {
            totals.rebuild(tenantId, reportDate);
        }
    }

    List<String> differences(long tenantId, int limit) {
        return totals.differences(tenantId, limit);
    }

    private int longestPeriod() {
        List<Integer> periods = totals.periodDays();
        return periods.get(periods.size() - 1);
    }

    private static SortedSet<Long> usersUpTo(Collection<PartyDay> rows, LocalDate reportDate) {
        SortedSet<Long> users = new TreeSet<>();
        for (PartyDay row : rows) {
            if (row.userId() != PartyDay.TENANT && !row.day().isAfter(reportDate)) {
                users.add(row.userId());
            }
        }
        return users;
    }
}
