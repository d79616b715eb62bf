package org.commsportal.quality;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.commsportal.sessions.TenantWriteLock;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the call quality period totals (each licensed user's own-side streams by verdict per modality and report
 * period, and the split-day counters per report period) equal to a recount of the stream and split-day rows for one
 * report date per tenant: {@link QualityStreams} hands it each write's
 * sessions in the write's transaction, and {@link #moveTo} moves the totals to a later report date under the tenant's
 * exclusive write lock, off the request path (docs/call-quality.md, "How the figures stay exact").
 */
@Service
public class QualityPeriodTotals {

    private static final Logger log = LoggerFactory.getLogger(QualityPeriodTotals.class);

    private final QualityPeriodTotalRepository totals;
    private final TenantWriteLock writeLock;
    private final CurrentTenant currentTenant;

    QualityPeriodTotals(QualityPeriodTotalRepository totals, TenantWriteLock writeLock, CurrentTenant currentTenant) {
        this.totals = totals;
        this.writeLock = writeLock;
        this.currentTenant = currentTenant;
    }

    /** Makes the signed-in tenant's totals end on the report date, and commits; false when they already ended on it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
    public boolean moveTo(LocalDate reportDate) {
        return totals.moveTo(currentTenant.id(), reportDate, writeLock::lockExclusive);
    }

    /** Before a write deletes these sessions' stream rows: they stop counting. */
    void removing(long tenantId, Collection<Long> sessionIds) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId); // fixed while the write lock is held
        if (reportDate != null && !sessionIds.isEmpty()) {
            totals.addSessions(tenantId, reportDate, sessionIds, "-");
        }
    }

    /** After a write added these sessions' stream rows: they count. */
    void added(long tenantId, Collection<Long> sessionIds) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null && !sessionIds.isEmpty()) {
            totals.addSessions(tenantId, reportDate, sessionIds, "");
        }
    }

    /** Retention forgot the days before the day: the totals holding any of them are recounted. */
    void forgetBefore(long tenantId, LocalDate day) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null) {
            List<Integer> periods = totals.periodDays();
            if (day.isAfter(reportDate.minusDays(periods.get(periods.size() - 1)))) {
                totals.rebuild(tenantId, reportDate);
            }
        }
    }

    /**
     * Around a rebuild of one UTC day's stream and split-day rows (a bulk import's), under the tenant's exclusive
     * write lock: before it, the day stops counting ("-"); after it, the rebuilt rows count ("").
     */
    void rebuildingDay(long tenantId, LocalDate day, String sign) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate != null) {
            totals.addDay(tenantId, reportDate, day, sign);
        }
    }

    /**
     * Before a bulk import's rebuild of the UTC days [first, last]: when the rebuilt days in the longest period are at
     * least a third of its days with streams, the totals are set aside (not built: pages sum the day rows, writes keep
     * nothing) and the report date they ended on returned, for {@link #rebuiltDays} to recount them once after all the
     * days; else null, and each day is taken out and added back around its rebuild ({@link #rebuildingDay}, which
     * changes nothing while they are set aside). Adding a day costs about three and a half times what a recount reads
     * per day: each user's rows of every period and pair are upserted per day instead of once (docs/call-quality.md,
     * "How the figures stay exact"). A rebuild killed in between leaves them set aside, and the next move builds them,
     * as for a new tenant.
     */
    @Nullable
    LocalDate setAsideForRebuild(long tenantId, LocalDate first, LocalDate last) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate == null) {
            return null; // nothing to keep: the first move builds them
        }
        List<Integer> periods = totals.periodDays();
        LocalDate after = reportDate.minusDays(periods.get(periods.size() - 1));
        var days = new TreeSet<>(totals.daysWithStreams(tenantId, after, reportDate));
        int rebuilt = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (day.isAfter(after) && !day.isAfter(reportDate)) {
                days.add(day);
                rebuilt++;
            }
        }
        if (rebuilt == 0 || 3 * rebuilt < days.size()) {
            return null;
        }
        totals.forget(tenantId);
        log.info(
                "Call quality period totals of tenant {} set aside for a rebuild of {} of their {} days; recounted after",
                tenantId,
                rebuilt,
                days.size());
        return reportDate;
    }

    /**
     * After the days of a rebuild that set the totals aside: recounted for the report date they ended on, unless a move
     * built them meanwhile (from the rows as they were then; each later day was then taken out and added back).
     */
    void rebuiltDays(long tenantId, LocalDate setAsideOn) {
        if (totals.reportDate(tenantId) == null) {
            totals.rebuild(tenantId, setAsideOn);
            totals.setReportDate(tenantId, setAsideOn);
        }
    }

    /**
     * The report period whose totals alone are the filter's range (ignoring its splits and place): the range is the
     * period ending on the date the totals end on, or differs from it only by days without streams (see {@link #edge});
     * null otherwise.
     */
    private @Nullable Integer periodAlone(long tenantId, QualityFilter filter) {
        @Nullable Edge edge = edge(tenantId, filter);
        return edge != null && edge.days().isEmpty() ? edge.periodDays() : null;
    }

    /**
     * The shortest report period whose totals, ending on the date they end on, hold every day of the filter's range;
     * null when none does (the range ends after that date or starts before the longest period) or the totals are not
     * kept. A user's sums over the range are at most their totals of that period.
     */
    @Nullable
    Integer coveringPeriod(long tenantId, QualityFilter filter) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate == null || filter.to().isAfter(reportDate)) {
            return null;
        }
        for (int period : totals.periodDays()) { // shortest first
            if (filter.from().isAfter(reportDate.minusDays(period))) {
                return period;
            }
        }
        return null;
    }

    /** The UTC days (after, upTo] whose rows are added ({@code sign} "") or taken away ("-"). */
    record DayRange(LocalDate after, LocalDate upTo, String sign) {

        int days() {
            return (int) ChronoUnit.DAYS.between(after, upTo);
        }
    }

    /**
     * A range answered by the totals of a period ending on the date the totals end on, with the days between the
     * period's start and the range's added (the range starts earlier) or taken away (later), and the days after the
     * range's end taken away; no days when the range is the period.
     */
    record Edge(int periodDays, List<DayRange> days) {}

    /**
     * The {@link Edge} of the filter's range reading the fewest days, when those are fewer than the range's own (else
     * grouping the range reads less); null otherwise, or when the range ends after the date the totals end on. Days
     * without streams change no total: an edge's day ranges holding none are left out, a period whose edge holds none
     * is read alone (its totals' first rows, as a period is), and a range holding none is grouped (it reads nothing),
     * unless it is a period, whose totals are read at once.
     */
    @Nullable
    Edge edge(long tenantId, QualityFilter filter) {
        @Nullable LocalDate reportDate = totals.reportDate(tenantId);
        if (reportDate == null || filter.to().isAfter(reportDate)) {
            return null;
        }
        List<Integer> periods = totals.periodDays();
        int rangeDays = (int) ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1;
        if (filter.to().equals(reportDate) && periods.contains(rangeDays)) {
            return new Edge(
                    rangeDays, List.of()); // a period: its totals alone, without reading which days hold streams
        }
        LocalDate beforeFrom = filter.from().minusDays(1);
        LocalDate longestStart = reportDate.minusDays(periods.get(periods.size() - 1));
        NavigableSet<LocalDate> withStreams = new TreeSet<>(totals.daysWithStreams(
                tenantId, beforeFrom.isBefore(longestStart) ? beforeFrom : longestStart, reportDate));
        if (!holdsStreams(withStreams, new DayRange(beforeFrom, filter.to(), ""))) {
            return null;
        }
        @Nullable Edge best = null;
        int fewest = rangeDays;
        for (int period : periods) { // shortest first: of two equally cheap periods, the shorter
            LocalDate beforeStart = reportDate.minusDays(period);
            List<DayRange> days = new ArrayList<>();
            if (beforeFrom.isBefore(beforeStart)) {
                days.add(new DayRange(beforeFrom, beforeStart, ""));
            } else if (beforeFrom.isAfter(beforeStart)) {
                days.add(new DayRange(beforeStart, beforeFrom, "-"));
            }
            if (filter.to().isBefore(reportDate)) {
                days.add(new DayRange(filter.to(), reportDate, "-"));
            }
            List<DayRange> read = days.stream()
                    .filter(range -> holdsStreams(withStreams, range))
                    .toList();
            if (read.isEmpty()) {
                return new Edge(period, read);
            }
            int calendarDays = days.stream().mapToInt(DayRange::days).sum();
            if (calendarDays < fewest) {
                best = new Edge(period, read);
                fewest = calendarDays;
            }
        }
        return best;
    }

    private static boolean holdsStreams(NavigableSet<LocalDate> withStreams, DayRange range) {
        return !withStreams.subSet(range.after(), false, range.upTo(), true).isEmpty();
    }

    /**
     * The worst users of the filter from the totals, when they answer it: no split or place fixed and a range they
     * answer (see {@link #edge}), or a range a report period's totals alone answer (see {@link #periodAlone}) with one
     * few-valued split value fixed (see {@link QualityFilter#oneFewValuedSplit}); else null.
     */
    @Nullable
    List<QualityDayRepository.UserSum> worstUsers(long tenantId, QualityFilter filter, long minClassified, int limit) {
        @Nullable QualitySplit fixed = filter.oneFewValuedSplit();
        if (fixed != null) {
            @Nullable Integer days = periodAlone(tenantId, filter);
            int pair = QualitySql.pairCode(fixed, filter.splits().get(fixed));
            return days == null
                    ? null
                    : totals.worstUsers(
                            tenantId, new Edge(days, List.of()), pair, modalityId(filter), minClassified, limit);
        }
        @Nullable Edge edge = unfiltered(filter) ? edge(tenantId, filter) : null;
        return edge == null ? null : totals.worstUsers(tenantId, edge, 0, modalityId(filter), minClassified, limit);
    }

    /**
     * Each split's sums per modality and value over the filter's range from the totals, when they answer it (no split
     * or place fixed, a range they answer: see {@link #edge}); else null.
     */
    @Nullable
    Map<QualitySplit, List<QualityDayRepository.Sum>> splitSums(long tenantId, QualityFilter filter) {
        @Nullable Edge edge = unfiltered(filter) ? edge(tenantId, filter) : null;
        return edge == null ? null : totals.splitSums(tenantId, edge, modalityId(filter));
    }

    private static boolean unfiltered(QualityFilter filter) {
        return filter.splits().isEmpty() && !filter.place().any();
    }

    /**
     * The subnet split of a filter with one few-valued split value fixed (see {@link QualityFilter#oneFewValuedSplit})
     * from the totals of its subnet pair rows, when a report period's totals alone answer the range (see
     * {@link #periodAlone}); else null.
     */
    @Nullable
    List<QualityDayRepository.Sum> subnetPairSums(long tenantId, QualityFilter filter) {
        @Nullable QualitySplit fixed = filter.oneFewValuedSplit();
        @Nullable Integer days = fixed == null ? null : periodAlone(tenantId, filter);
        return days == null
                ? null
                : totals.subnetPairSums(
                        tenantId,
                        days,
                        modalityId(filter),
                        QualitySql.pairCode(fixed, filter.splits().get(fixed)));
    }

    private static @Nullable Integer modalityId(QualityFilter filter) {
        return filter.modality() == null ? null : filter.modality().id();
    }

    List<String> differences(long tenantId, int limit) {
        return totals.differences(tenantId, limit);
    }
}
