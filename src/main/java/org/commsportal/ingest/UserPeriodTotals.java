package org.commsportal.ingest;

import java.time.LocalDate;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps user_period_total (each licensed user's peer-to-peer totals per report period) equal to a
 * recomputation from raw rows. The totals end on one report date per tenant: {@link SessionWriter} adds each
 * write's differences for that date in the write's transaction, and readers move the totals to the current report
 * date with {@link #moveTo} before reading. Writers hold a shared lock on the tenant's state row from the start of
 * their transaction and {@link #moveTo} an exclusive one, so a move sees no write half done and a write never
 * applies its differences to a window that has since moved.
 */
@Service
public class UserPeriodTotals {

    private final UserPeriodTotalRepository totals;
    private final CurrentTenant currentTenant;

    UserPeriodTotals(UserPeriodTotalRepository totals, CurrentTenant currentTenant) {
        this.totals = totals;
        this.currentTenant = currentTenant;
    }

    /**
     * Makes the signed-in tenant's totals end on the report date, and commits, so that reads started afterwards see them.
     * Moving forward by days adds the days that enter each window and subtracts those that leave it; a first
     * build or a move backwards (a clock set back) recomputes from the daily rollups.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public void moveTo(LocalDate reportDate) {
        long tenantId = currentTenant.id();
        if (reportDate.equals(totals.reportDate(tenantId))) {
            return;
        }
        @Nullable LocalDate current = totals.lockExclusive(tenantId);
        if (reportDate.equals(current)) {
            return; // another request moved them while this one waited for the lock
        }
        if (current == null || current.isAfter(reportDate)) {
            totals.rebuild(tenantId, reportDate);
        } else {
            for (int days : totals.periodDays()) {
                totals.moveWindow(tenantId, days, current, reportDate);
            }
            totals.moveLastActivity(tenantId, current, reportDate);
        }
        totals.setReportDate(tenantId, reportDate);
    }
}
