package org.commsportal.activity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.commsportal.sessions.SessionChangeListener;
import org.commsportal.sessions.SessionChanges;
import org.commsportal.sessions.TenantWriteLock;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps user_period_total (each licensed user's peer-to-peer totals per report period) equal to a recomputation
 * from raw rows. The totals end on one report date per tenant: as a read model of the write core it adds each
 * write's differences for that date in the write's transaction, and {@link #moveTo} moves them to a later report
 * date. Writers hold the tenant's write lock shared from the start of their transaction and {@link #moveTo} holds
 * it exclusively, so a move sees no write half done and a write never applies its differences to a window that has
 * since moved. First of the read models (docs/architecture.md).
 */
@Service
@Order(1)
public class UserPeriodTotals implements SessionChangeListener {

    private final UserPeriodTotalRepository totals;
    private final TenantWriteLock writeLock;
    private final CurrentTenant currentTenant;

    UserPeriodTotals(UserPeriodTotalRepository totals, TenantWriteLock writeLock, CurrentTenant currentTenant) {
        this.totals = totals;
        this.writeLock = writeLock;
        this.currentTenant = currentTenant;
    }

    /**
     * Makes the signed-in tenant's totals end on the report date, and commits, so that reads started afterwards see them.
     * Moving forward by days adds the days that enter each window and subtracts those that leave it; a first
     * build or a move backwards (a clock set back) recomputes from the daily rollups. Returns false when they
     * already ended on it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public boolean moveTo(LocalDate reportDate) {
        return totals.moveTo(currentTenant.id(), reportDate, writeLock::lockExclusive);
    }

    /** The report date the tenant's totals end on, if built; a plain read. */
    @Nullable
    LocalDate endDate(long tenantId) {
        return totals.reportDate(tenantId);
    }

    /** Adds the write's differences to the totals ending on the report date; nothing while they are not built. */
    @Override
    public void apply(SessionChanges changes) {
        @Nullable LocalDate reportDate = totals.reportDate(changes.tenantId()); // fixed while the write lock is held
        if (reportDate != null) { // else the first move builds the totals from the rollups
            Set<Long> lostSessions = totals.addDifferences(changes.tenantId(), reportDate, changes.byUser());
            totals.refreshLastActivity(changes.tenantId(), reportDate, lostSessions);
        }
    }

    /** New licensed users get zero totals in the transaction that adds them, before their sessions count. */
    @Override
    public void usersWritten(long tenantId, Collection<String> upns) {
        totals.addNewUsers(tenantId, upns);
    }

    @Override
    public void forgetBefore(long tenantId, LocalDate day) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null && day.isAfter(reportDate.minusDays(totals.longestPeriodDays()))) {
            totals.rebuild(tenantId, reportDate); // a period window lost days
        }
    }

    /**
     * Recomputes the totals ending on the report date from the daily rollups (rebuilt first), if they are built; else
     * the first move builds them.
     */
    @Override
    @Transactional
    public boolean rebuild(long tenantId) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null) {
            totals.rebuild(tenantId, reportDate);
        }
        return true;
    }

    /** Every period total that differs from the sums of the daily rollups (which the write core checks itself). */
    @Override
    public List<String> differences(long tenantId, int limit) {
        return totals.differences(tenantId, limit);
    }
}
