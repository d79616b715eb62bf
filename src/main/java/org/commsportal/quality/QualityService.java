package org.commsportal.quality;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.common.ClientVersions;
import org.commsportal.common.Place;
import org.commsportal.common.ReportPeriod;
import org.commsportal.common.SubnetLocations;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.privacy.NameConcealment;
import org.commsportal.privacy.NameMask;
import org.commsportal.security.Roles;
import org.commsportal.security.SignedInRoles;
import org.commsportal.sessions.Modality;
import org.commsportal.tenant.CurrentTenant;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The call quality page of the signed-in tenant (docs/call-quality.md): every figure from the day rows of the read
 * model, for the roles that see charts; the worst users for the roles that read per-user data, names concealed per
 * viewer.
 */
@Service
public class QualityService {

    private final QualityDayRepository days;
    private final QualityPeriodTotals periodTotals;
    private final SubnetLocations locations;
    private final CurrentTenant currentTenant;
    private final NameConcealment concealment;
    private final AuditLog auditLog;
    private final Clock clock;
    private final int minSample;

    QualityService(
            QualityDayRepository days,
            QualityPeriodTotals periodTotals,
            SubnetLocations locations,
            CurrentTenant currentTenant,
            NameConcealment concealment,
            AuditLog auditLog,
            Clock clock,
            @Value("${portal.quality.min-sample:30}") int minSample) {
        this.days = days;
        this.periodTotals = periodTotals;
        this.locations = locations;
        this.currentTenant = currentTenant;
        this.concealment = concealment;
        this.auditLog = auditLog;
        this.clock = clock;
        this.minSample = minSample;
    }

    /** A worst user: as the viewer sees the name, with the user's streams. */
    public record WorstUser(String name, long good, long poor, long unclassified) {

        public double poorPercent() {
            return 100.0 * poor / (good + poor);
        }
    }

    /** The last complete UTC day: the default range ends there. */
    public LocalDate reportDate() {
        return ReportPeriod.reportDate(clock);
    }

    public int minSample() {
        return minSample;
    }

    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public QualityReport report(QualityFilter filter) {
        long tenantId = currentTenant.id();
        // trend, totals and the scorecard: per day, modality and inside/outside
        Map<LocalDate, Map<Modality, QualityCounts>> trend = new TreeMap<>();
        Map<Modality, QualityCounts> totals = new EnumMap<>(Modality.class);
        Map<YearMonth, QualityCounts[]> months = new TreeMap<>();
        // without split values, the small split-day rows (changeset 021); with them, the day rows keyed by all splits
        // a place narrows by subnet and day, which only the day rows keyed by all splits carry
        boolean bySplit = filter.splits().isEmpty() && !filter.place().any();
        var byDay = bySplit
                ? days.sumSplit(tenantId, filter, QualitySplit.INSIDE, List.of("day", "modality", "value"))
                : days.sum(tenantId, filter, List.of("day", "modality", "inside"));
        for (var sum : byDay) {
            LocalDate day = LocalDate.parse(sum.key().get(0));
            Modality modality = Modality.ofId(Integer.parseInt(sum.key().get(1)));
            boolean inside = "1".equals(sum.key().get(2));
            LocalDate point = filter.monthly() ? day.withDayOfMonth(1) : day;
            trend.computeIfAbsent(point, d -> new EnumMap<>(Modality.class))
                    .merge(modality, sum.counts(), QualityCounts::plus);
            totals.merge(modality, sum.counts(), QualityCounts::plus);
            if (modality == Modality.AUDIO) {
                QualityCounts[] month = months.computeIfAbsent(
                        YearMonth.from(day), m -> new QualityCounts[] {QualityCounts.empty(), QualityCounts.empty()});
                month[0] = month[0].plus(sum.counts());
                if (inside) {
                    month[1] = month[1].plus(sum.counts());
                }
            }
        }
        List<QualityReport.ScoreMonth> scorecard = new ArrayList<>();
        months.forEach((month, counts) -> scorecard.add(new QualityReport.ScoreMonth(month, counts[0], counts[1])));
        Map<QualitySplit, List<QualityReport.SplitRow>> splits = new EnumMap<>(QualitySplit.class);
        // a report period ending on the report date: each split's sums from the period totals (changeset 046)
        var fromTotals = periodTotals.splitSums(tenantId, filter);
        for (QualitySplit split : QualitySplit.values()) {
            Map<String, Map<Modality, QualityCounts>> values = new TreeMap<>();
            List<QualityDayRepository.Sum> byValue;
            if (fromTotals != null) {
                byValue = fromTotals.get(split);
            } else if (bySplit) {
                byValue = days.sumSplit(tenantId, filter, split, List.of("modality", "value"));
            } else if (split == QualitySplit.SUBNET && filter.oneFewValuedSplit() != null) {
                // one few-valued split fixed: the subnet pair rows (changeset 049), from their period totals if any
                var pairTotals = periodTotals.subnetPairSums(tenantId, filter);
                byValue = pairTotals != null ? pairTotals : days.sumSubnetPairs(tenantId, filter);
            } else {
                byValue = days.sum(tenantId, filter, List.of("modality", split.column()));
            }
            for (var sum : byValue) {
                values.computeIfAbsent(sum.key().get(1), v -> new EnumMap<>(Modality.class))
                        .merge(Modality.ofId(Integer.parseInt(sum.key().get(0))), sum.counts(), QualityCounts::plus);
            }
            List<QualityReport.SplitRow> rows = new ArrayList<>();
            if (split == QualitySplit.CLIENT) {
                rows.addAll(clientGroups(values));
            } else {
                values.forEach(
                        (value, counts) -> rows.add(new QualityReport.SplitRow(value, split.label(value), counts)));
            }
            rows.sort(java.util.Comparator.comparing(
                            (QualityReport.SplitRow row) -> row.total().streams())
                    .reversed()
                    .thenComparing(QualityReport.SplitRow::value));
            splits.put(split, rows);
        }
        return new QualityReport(filter, trend, totals, splits, scorecard, minSample);
    }

    /**
     * The rows of the stored user agents summed per group of client versions (docs/call-quality.md, "Client
     * versions"), each group listing its agents with their streams.
     */
    private static List<QualityReport.SplitRow> clientGroups(Map<String, Map<Modality, QualityCounts>> agents) {
        Map<String, Map<Modality, QualityCounts>> groups = new TreeMap<>();
        Map<String, List<QualityReport.Member>> members = new TreeMap<>();
        agents.forEach((agent, counts) -> {
            String group = ClientVersions.groupOf(agent);
            Map<Modality, QualityCounts> sum = groups.computeIfAbsent(group, g -> new EnumMap<>(Modality.class));
            counts.forEach((modality, c) -> sum.merge(modality, c, QualityCounts::plus));
            long streams =
                    counts.values().stream().mapToLong(QualityCounts::streams).sum();
            members.computeIfAbsent(group, g -> new ArrayList<>()).add(new QualityReport.Member(agent, streams));
        });
        List<QualityReport.SplitRow> rows = new ArrayList<>();
        groups.forEach((group, counts) -> {
            List<QualityReport.Member> agentsOfGroup = new ArrayList<>(members.get(group));
            agentsOfGroup.sort(java.util.Comparator.comparingLong(QualityReport.Member::streams)
                    .reversed()
                    .thenComparing(QualityReport.Member::agent));
            rows.add(new QualityReport.SplitRow(
                    group, QualitySplit.CLIENT.label(group), counts, List.copyOf(agentsOfGroup)));
        });
        return rows;
    }

    /**
     * The signed-in tenant's streams whose session started in [from, to), per modality and value of the split (none:
     * one value ''). For scheduled jobs (threshold alerts, gauges) that run as the tenant without roles; no page
     * shows it (docs/alerts-and-webhooks.md).
     */
    @Transactional(readOnly = true)
    public List<QualityWindowCounts> window(Instant from, Instant to, @Nullable QualitySplit split) {
        return days.window(currentTenant.id(), from, to, split);
    }

    /** The region, city and building choices: the building file that applies on the day (docs/locations.md). */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<Place> places(LocalDate day) {
        return locations.buildings(currentTenant.id(), day);
    }

    /** Whether the signed-in roles may see per-user data: the worst users and the drill-through to sessions. */
    public boolean mayReadPerUserData() {
        return SignedInRoles.mayReadPerUserData();
    }

    /** The users with the worst Poor % (at least the minimum sample of Good + Poor streams), names as the viewer sees them. */
    @PreAuthorize(Roles.READ_PER_USER_DATA)
    @Transactional(readOnly = true)
    public List<WorstUser> worstUsers(QualityFilter filter, int limit) {
        NameMask mask = concealment.forCurrentViewer();
        long tenantId = currentTenant.id();
        // from the users' period totals when they answer the filter, else from the users' day rows when no split or
        // place narrows it or only one few-valued split value does (bounded by the totals of a period holding the
        // range), else grouped from the stream rows
        var ranked = periodTotals.worstUsers(tenantId, filter, minSample, limit);
        if (ranked == null) {
            ranked = days.worstUsersOfUserDays(
                    tenantId, filter, minSample, limit, periodTotals.coveringPeriod(tenantId, filter));
        }
        if (ranked == null) {
            ranked = days.worstUsers(tenantId, filter, minSample, limit);
        }
        return ranked.stream()
                .map(u ->
                        new WorstUser(mask.concealed() ? u.pseudonym() : u.upn(), u.good(), u.poor(), u.unclassified()))
                .toList();
    }

    /** One line of the figures export: a part of the page, a row label, a modality and the counts. */
    public record FigureRow(
            String part,
            String value,
            String modality,
            long streams,
            long good,
            long poor,
            long unclassified,
            String poorPercent,
            String detail) {}

    /** Every figure of the page as rows: trend, totals with rules and percentiles, splits, scorecard. */
    @PreAuthorize(Roles.READ_CHARTS)
    @Transactional(readOnly = true)
    public List<FigureRow> figures(QualityFilter filter) {
        return figures(report(filter));
    }

    static List<FigureRow> figures(QualityReport report) {
        List<FigureRow> rows = new ArrayList<>();
        rows.add(row("Filter", "Every stream the filter leaves", "All", report.total(), describe(report.filter())));
        report.trend()
                .forEach((day, byModality) -> byModality.forEach((modality, c) -> rows.add(row(
                        report.filter().monthly() ? "Trend per month" : "Trend per day",
                        report.filter().monthly() ? YearMonth.from(day).toString() : day.toString(),
                        modality.label(),
                        c,
                        ""))));
        report.totals().forEach((modality, c) -> {
            rows.add(row("Total", "All streams", modality.label(), c, ""));
            for (QualityMetric metric : QualityMetric.of(modality)) {
                long[] histogram = c.histogram(metric.slot());
                rows.add(row(
                        "Poor due to",
                        metric.rule(),
                        modality.label(),
                        c,
                        c.rule(metric.slot()) + " poor streams tripped this rule"));
                rows.add(row(
                        "Distribution",
                        metric.label(),
                        modality.label(),
                        c,
                        "p50 " + percentile(metric, histogram, 50) + "; p90 " + percentile(metric, histogram, 90)
                                + "; p95 " + percentile(metric, histogram, 95)));
            }
        });
        report.splits()
                .forEach((split, values) -> values.forEach(value -> rows.add(row(
                        split.title(),
                        value.label(),
                        report.filter().modality() == null
                                ? "All"
                                : report.filter().modality().label(),
                        value.total(),
                        value.ranked(report.minSample())
                                ? ""
                                : "below the minimum sample of " + report.minSample() + " streams: not ranked"))));
        for (var month : report.scorecard()) {
            rows.add(row(
                    "Scorecard",
                    month.month() + " overall",
                    "Audio",
                    month.audio(),
                    "target ≤ 3 %: " + verdict(month.overallPasses())));
            rows.add(row(
                    "Scorecard",
                    month.month() + " inside",
                    "Audio",
                    month.audioInside(),
                    "target ≤ 2 %: " + verdict(month.insidePasses())));
        }
        return rows;
    }

    /** A percentile as the bucket it falls in, e.g. "25–30 ms"; "no data" for an empty histogram. */
    public static String percentile(QualityMetric metric, long[] histogram, double percent) {
        int bucket = QualityReport.percentileBucket(histogram, percent);
        return bucket < 0 ? "no data" : metric.bucketLabel(bucket);
    }

    private static String verdict(Boolean passes) {
        return passes == null ? "no classified stream" : passes ? "pass" : "fail";
    }

    private static FigureRow row(String part, String value, String modality, QualityCounts c, String detail) {
        Double poor = c.poorPercent();
        return new FigureRow(
                part,
                value,
                modality,
                c.streams(),
                c.good(),
                c.poor(),
                c.unclassified(),
                poor == null ? "" : String.format(java.util.Locale.ROOT, "%.2f", poor),
                detail);
    }

    /** Streams the figures of the filter as CSV or .xlsx and audits the export; returns the rows written. */
    @PreAuthorize(Roles.READ_CHARTS)
    public long export(QualityFilter filter, ExportFormat format, OutputStream out, LongConsumer progress)
            throws IOException {
        List<FigureRow> rows = figures(filter);
        List<ExportColumn<FigureRow>> columns = List.of(
                new ExportColumn<>("Part", FigureRow::part),
                new ExportColumn<>("Value", FigureRow::value),
                new ExportColumn<>("Modality", FigureRow::modality),
                new ExportColumn<>("Streams", FigureRow::streams),
                new ExportColumn<>("Good", FigureRow::good),
                new ExportColumn<>("Poor", FigureRow::poor),
                new ExportColumn<>("Unclassified", FigureRow::unclassified),
                new ExportColumn<>("Poor %", FigureRow::poorPercent),
                new ExportColumn<>("Detail", FigureRow::detail));
        String what = "call quality figures " + describe(filter) + " as " + format;
        ExportInfo info = ExportInfo.of(
                "Report",
                "Call quality",
                "Days (UTC)",
                filter.from() + " to " + filter.to(),
                "Filters",
                describe(filter),
                "Poor %",
                "Poor / (Poor + Good); Unclassified streams are not in the ratio",
                "Percentiles",
                "the fixed bucket the percentile falls in: exact for the buckets, not for the values");
        return TableExports.stream(
                format,
                out,
                "Call quality",
                columns,
                ZoneOffset.UTC,
                info,
                consumer -> rows.forEach(consumer),
                progress,
                ExportAudit.of(auditLog, what));
    }

    public String exportFileName(QualityFilter filter, ExportFormat format) {
        return ExportInfo.fileName(format, "call-quality", filter.from() + "-to-" + filter.to());
    }

    /** The filter in words, for the export's information sheet and the audit entry. */
    public static String describe(QualityFilter filter) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("days", filter.from() + " to " + filter.to());
        parts.put(
                "modality",
                filter.modality() == null ? "all" : filter.modality().label());
        filter.splits().forEach((split, value) -> parts.put(split.title(), split.label(value)));
        if (filter.place().any()) {
            parts.put("place", filter.place().describe());
        }
        return parts.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
