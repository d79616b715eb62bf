package org.commsportal.deviceusage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
 * Keeps device_usage_period_total (each licensed user's session parties per platform and report period, and last
 * day) equal to a recount of device_usage_day for one report date per tenant: {@link DeviceUsageDays} hands it each
 * write's rows in the write's transaction, and {@link #moveTo} moves the totals to a later report date under the
 * tenant's exclusive write lock, off the request path (docs/device-usage.md, "Period totals").
 */
@Service
public class DevicePeriodTotals {

    private final DevicePeriodTotalRepository totals;
    private final TenantWriteLock writeLock;
    private final CurrentTenant currentTenant;

    DevicePeriodTotals(DevicePeriodTotalRepository totals, TenantWriteLock writeLock, CurrentTenant currentTenant) {
        this.totals = totals;
        this.writeLock = writeLock;
        this.currentTenant = currentTenant;
    }

    /** Makes the signed-in tenant's totals end on the report date, and commits; false when they already ended on it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public boolean moveTo(LocalDate reportDate) {
        return totals.moveTo(currentTenant.id(), reportDate, writeLock::lockExclusive);
    }

    /** The report date the tenant's totals end on; null while not built. A plain read. */
    public @Nullable LocalDate endDate(long tenantId) {
        return totals.reportDate(tenantId);
    }

    void lockUsers(long tenantId, Collection<PartyPlatformDay> rows) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId); // fixed while the write lock is held
        if (reportDate != null) {
            SortedSet<Long> users = usersUpTo(rows, reportDate);
            if (!users.isEmpty()) {
                totals.lockUsers(tenantId, users);
            }
        }
    }

    /** After the day rows changed by these session differences: the sums of the windows holding them, last days. */
    void apply(long tenantId, SortedMap<PartyPlatformDay, Long> rows) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate == null) {
            return; // the first move builds them
        }
        List<Integer> periods = totals.periodDays();
        SortedMap<Long, SortedMap<Integer, long[]>> sums = new TreeMap<>();
        var lastDays = new LastDayChanges(reportDate, 1);
        rows.forEach((row, sessions) -> {
            lastDays.row(row.userId(), row.day(), 0, sessions);
            long age = ChronoUnit.DAYS.between(row.day(), reportDate);
            for (int days : periods) {
                if (age >= 0 && age < days && sessions != 0) {
                    sums.computeIfAbsent(row.userId(), u -> new TreeMap<>())
                            .computeIfAbsent(days, d -> new long[Platform.values().length])[
                            row.platform().code()] += sessions;
                }
            }
        });
        totals.add(tenantId, sums);
        totals.raiseLastDays(tenantId, lastDays.raised());
        totals.refreshLastDays(tenantId, reportDate, lastDays.recounted());
    }

    void usersWritten(long tenantId, Collection<String> upns) {
        totals.addNewUsers(tenantId, upns);
    }

    void forgetBefore(long tenantId, LocalDate day) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null) {
            List<Integer> periods = totals.periodDays();
            if (day.isAfter(reportDate.minusDays(periods.get(periods.size() - 1)))) {
                totals.rebuild(tenantId, reportDate);
            }
        }
    }

    void rebuilt(long tenantId) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null) {
            totals.rebuild(tenantId, reportDate);
        }
    }

    /** Distinct users per platform over the period ending on the report date, if the totals end there. */
    @Nullable
    Map<Platform, Long> distribution(long tenantId, int periodDays, LocalDate reportDate) {
        return reportDate.equals(totals.reportDate(tenantId))
                ? totals.distribution(tenantId, periodDays, reportDate)
                : null;
    }

    List<String> differences(long tenantId, int limit) {
        return totals.differences(tenantId, limit);
    }

    private static SortedSet<Long> usersUpTo(Collection<PartyPlatformDay> rows, LocalDate reportDate) {
        SortedSet<Long> users = new TreeSet<>();
        for (PartyPlatformDay row : rows) {
            if (!row.day().isAfter(reportDate)) {
                users.add(row.userId());
            }
        }
        return users;
    }
}
