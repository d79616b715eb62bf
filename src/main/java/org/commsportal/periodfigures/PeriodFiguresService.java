package org.commsportal.periodfigures;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commsportal.common.Minutes;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The sibling reports' figures of the signed-in tenant (docs/reporting-web-service.md, "The sibling reports"). */
@Service
public class PeriodFiguresService {

    private final SessionSlotRepository repository;
    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final Clock clock;

    PeriodFiguresService(
            SessionSlotRepository repository, TenantService tenants, CurrentTenant currentTenant, Clock clock) {
        this.repository = repository;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.clock = clock;
    }

    /**
     * Every period of the given length that lies wholly within the tenant's retained data, in the given zone, oldest
     * first, as the CsActiveUser* reports list them: daily rows stop at the zone's last complete day, the other
     * lengths include the current period, and periods without sessions are listed with zeros. A session counts in
     * the period in which it starts.
     *
     * @throws ZoneNotReportableException for a zone with a midnight that is not on a UTC quarter-hour
     */
    @PreAuthorize(Roles.READ_ACTIVE_USERS)
    public FigureReport report(FigureSet set, FigurePeriod period, ZoneId zone) {
        Tenant tenant = tenants.current();
        List<LocalDate> starts = starts(period, zone, tenant.retentionDays());
        List<SessionSlotRepository.SlotRange> ranges = new ArrayList<>(starts.size());
        for (LocalDate start : starts) {
            ranges.add(new SessionSlotRepository.SlotRange(
                    period.id(start), slotAt(start, zone), slotAt(period.next(start), zone)));
        }
        Map<Long, Map<FigureSet.Figure, Long>> sums =
                ranges.isEmpty() ? Map.of() : repository.figures(currentTenant.id(), set, ranges);
        List<FigureRow> rows = new ArrayList<>(starts.size());
        for (LocalDate start : starts) {
            Map<FigureSet.Figure, Long> sum = sums.getOrDefault(period.id(start), Map.of());
            Map<FigureSet.Figure, Long> figures = new java.util.EnumMap<>(FigureSet.Figure.class);
            for (FigureSet.Figure figure : set.figures()) {
                long value = sum.getOrDefault(figure, 0L);
                figures.put(figure, figure.minutes() ? Minutes.of(value) : value);
            }
            LocalDateTime end = LocalDateTime.ofInstant(
                    period.next(start).atStartOfDay(zone).toInstant(), zone);
            rows.add(new FigureRow(period.id(start), end, figures));
        }
        return new FigureReport(tenant.guid(), tenant.name(), set, period, zone, rows);
    }

    /** The starts of the listed periods: wholly within the retained days, up to the current (or last complete) one. */
    private List<LocalDate> starts(FigurePeriod period, ZoneId zone, int retentionDays) {
        Instant now = clock.instant();
        // The purge keeps UTC days from this one on; a period starting a day later lies wholly within them in any zone
        LocalDate retainedFrom = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(retentionDays);
        LocalDate first = period.startOf(retainedFrom.plusDays(1));
        if (first.isBefore(retainedFrom.plusDays(1))) {
            first = period.next(first);
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate last = period == FigurePeriod.DAILY ? today.minusDays(1) : period.startOf(today);
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(last); start = period.next(start)) {
            starts.add(start);
        }
        return starts;
    }

    /** The UTC quarter-hour at which the day starts in the zone (its first moment where a DST change skips midnight). */
    private static long slotAt(LocalDate day, ZoneId zone) {
        long seconds = day.atStartOfDay(zone).toEpochSecond();
        if (Math.floorMod(seconds, SlotRow.SLOT_SECONDS) != 0) {
            throw new ZoneNotReportableException("The time zone " + zone.getId() + " has a midnight that is not on a "
                    + "UTC quarter-hour (" + day + "); its periods cannot be counted exactly.");
        }
        return Math.floorDiv(seconds, SlotRow.SLOT_SECONDS);
    }
}
