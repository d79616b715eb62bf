package org.commsportal.activeusers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commsportal.activeusers.QuarterHours.Mask;
import org.commsportal.common.CountsByDataVersion;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.DataVersion;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The CsActiveUser* figures of the signed-in tenant. */
@Service
public class ActiveUsersService {

    private final ActiveUserRepository repository;
    private final ActiveUserBuild build;
    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final DataVersion dataVersion;
    private final Clock clock;

    /**
     * Periods across an offset change, counted once per version of the tenant's data: each is tens of milliseconds
     * of the database at 100,000 users, and feeds in a zone with daylight saving time list such periods every year.
     */
    private final CountsByDataVersion<Long> acrossOffsetChange = new CountsByDataVersion<>(1_000);

    ActiveUsersService(
            ActiveUserRepository repository,
            ActiveUserBuild build,
            TenantService tenants,
            CurrentTenant currentTenant,
            DataVersion dataVersion,
            Clock clock) {
        this.repository = repository;
        this.build = build;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.dataVersion = dataVersion;
        this.clock = clock;
    }

    /**
     * Every period of the given length that lies wholly within the tenant's retained data, in the given zone,
     * oldest first. Daily rows stop at the zone's last complete day; the other lengths include the current period.
     * Periods without activity are listed with zero.
     *
     * @throws ActiveUsersNotReadyException while the tenant's rows are being built
     * @throws UnsupportedZoneException     for a zone whose midnights are not on UTC quarter-hours
     */
    @PreAuthorize(Roles.READ_ACTIVE_USERS)
    public ActiveUserReport report(ActiveUserPeriod period, ZoneId zone) {
        long tenantId = currentTenant.id();
        Tenant tenant = tenants.current();
        if (!repository.built(tenantId)) {
            build.build(tenantId, false); // a build already running answers "not ready" rather than keep this waiting
        }
        List<LocalDate> starts = starts(period, zone, tenant.retentionDays());
        List<ActiveUserRow> rows = new ArrayList<>(starts.size());
        // Periods with the same offset at both ends read their count; one query per shift in use
        Map<Integer, Map<LocalDate, Long>> countsByShift = new HashMap<>();
        for (LocalDate start : starts) {
            LocalDate end = period.next(start);
            Instant from = start.atStartOfDay(zone).toInstant();
            Instant to = end.atStartOfDay(zone).toInstant();
            long fromSlot = slotAt(from, zone);
            long toSlot = slotAt(to, zone);
            int startShift = (int) (fromSlot - QuarterHours.firstSlotOf(start));
            int endShift = (int) (toSlot - QuarterHours.firstSlotOf(end));
            if (startShift < PeriodWindows.MIN_SHIFT
                    || startShift > PeriodWindows.MAX_SHIFT
                    || endShift < PeriodWindows.MIN_SHIFT
                    || endShift > PeriodWindows.MAX_SHIFT) {
                throw new UnsupportedZoneException("The time zone " + zone.getId()
                        + " has an offset beyond -12:00 to +14:00 at " + LocalDateTime.ofInstant(from, zone) + ".");
            }
            long activeUsers;
            if (startShift == endShift) {
                activeUsers = countsByShift
                        .computeIfAbsent(
                                startShift,
                                shift -> repository.countsByStart(
                                        tenantId, period, shift, starts.get(0), starts.get(starts.size() - 1)))
                        .getOrDefault(start, 0L);
            } else {
                activeUsers = acrossOffsetChange.get(
                        tenantId,
                        dataVersion.current(),
                        List.of(period, start, fromSlot, toSlot),
                        () -> countAcrossOffsetChange(tenantId, period, start, fromSlot, toSlot));
            }
            rows.add(new ActiveUserRow(period.id(start), LocalDateTime.ofInstant(to, zone), activeUsers));
        }
        return new ActiveUserReport(tenant.guid(), tenant.name(), period, zone, rows);
    }

    /**
     * A period whose zone changes offset inside it: its users from the interior rows and, on the edge days, the
     * quarter-hours inside its exact UTC interval {@code [fromSlot, toSlot)}, counted by the database.
     */
    private long countAcrossOffsetChange(
            long tenantId, ActiveUserPeriod period, LocalDate start, long fromSlot, long toSlot) {
        Map<LocalDate, Mask> windows = new TreeMap<>();
        for (LocalDate day : PeriodWindows.edgeDays(period, start)) {
            long dayStart = QuarterHours.firstSlotOf(day);
            int from = (int) Math.max(0, Math.min(QuarterHours.PER_DAY, fromSlot - dayStart));
            int to = (int) Math.max(0, Math.min(QuarterHours.PER_DAY, toSlot - dayStart));
            if (from < to) {
                windows.put(day, Mask.ofRange(from, to));
            }
        }
        return repository.activeAcross(tenantId, period, start, windows);
    }

    /** The starts of the listed periods: wholly within the retained days, up to the current (or last complete) one. */
    private List<LocalDate> starts(ActiveUserPeriod period, ZoneId zone, int retentionDays) {
        Instant now = clock.instant();
        // The purge keeps UTC days from this one on; a period starting a day later lies wholly within them in any zone
        LocalDate retainedFrom = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(retentionDays);
        LocalDate first = period.startOf(retainedFrom.plusDays(1));
        if (first.isBefore(retainedFrom.plusDays(1))) {
            first = period.next(first);
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate last = period == ActiveUserPeriod.DAILY ? today.minusDays(1) : period.startOf(today);
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(last); start = period.next(start)) {
            starts.add(start);
        }
        return starts;
    }

    private static long slotAt(Instant instant, ZoneId zone) {
        try {
            return QuarterHours.slotAt(instant);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedZoneException(
                    "The time zone " + zone.getId() + " has a midnight that is not on a UTC " + "quarter-hour ("
                            + LocalDateTime.ofInstant(instant, zone) + "); its periods cannot be counted exactly.");
        }
    }
}
