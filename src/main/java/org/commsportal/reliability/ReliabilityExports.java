package org.commsportal.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import org.commsportal.audit.AuditLog;
import org.commsportal.audit.ExportAudit;
import org.commsportal.export.ExportColumn;
import org.commsportal.export.ExportFormat;
import org.commsportal.export.ExportInfo;
import org.commsportal.export.TableExports;
import org.commsportal.security.Roles;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The figures of the reliability and Rate My Call pages as CSV or .xlsx (docs/reliability.md, "Exports"): every
 * figure the page shows for its filter, one row each, from the same reports the pages read; audited.
 */
@Service
public class ReliabilityExports {

    /** One reliability figure: the part of the page, its row and the counts behind the percentages. */
    public record ReliabilityRow(
            String part,
            String value,
            long attempts,
            long setupFailures,
            long established,
            long drops,
            long expected,
            String setupFailurePercent,
            String dropFailurePercent,
            String detail) {}

    /** One Rate My Call figure. */
    public record FeedbackRow(String part, String value, long rated, String average, long poor, String poorPercent) {}

    private final ReliabilityService reliability;
    private final AuditLog auditLog;

    ReliabilityExports(ReliabilityService reliability, AuditLog auditLog) {
        this.reliability = reliability;
        this.auditLog = auditLog;
    }

    /** Every figure of the reliability page: trend, totals, modalities, splits, scorecard. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<ReliabilityRow> reliabilityRows(ReliabilityFilter filter) {
        ReliabilityReport report = reliability.report(filter);
        List<ReliabilityRow> rows = new ArrayList<>();
        report.trend().forEach((day, c) -> rows.add(row("Trend", day.toString(), c, "")));
        rows.add(row("Total", "All", report.total(), ""));
        report.byModality().forEach((modality, c) -> rows.add(row("Modality", modality.label(), c, "")));
        report.splits()
                .forEach((split, values) ->
                        values.forEach(v -> rows.add(row(split.title(), v.label(), v.counts(), ""))));
        for (ReliabilityReport.ScoreMonth month : report.scorecard()) {
            String verdict = "setup " + (month.setupPasses() ? "pass" : "fail") + ", drop "
                    + (month.dropPasses() ? "pass" : "fail");
            rows.add(row("Scorecard", month.month().toString(), month.overall(), verdict));
            rows.add(row("Scorecard inside", month.month().toString(), month.inside(), ""));
        }
        return rows;
    }

    /** Every figure of the Rate My Call page: trend, total, splits, problem tokens. */
    @PreAuthorize(Roles.READ_CHARTS)
    public List<FeedbackRow> feedbackRows(ReliabilityFilter filter) {
        ReliabilityService.FeedbackReport report = reliability.feedback(filter);
        List<FeedbackRow> rows = new ArrayList<>();
        report.trend().forEach((day, c) -> rows.add(row("Trend", day.toString(), c)));
        rows.add(row("Total", "All", report.total()));
        report.splits()
                .forEach((split, values) -> values.forEach(v -> rows.add(row(split.title(), v.label(), v.counts()))));
        report.tokens().forEach((group, tokens) -> {
            for (Map.Entry<String, Long> token : tokens) {
                rows.add(new FeedbackRow(
                        "Problem tokens (" + group.label() + ")", token.getKey(), token.getValue(), "", 0, ""));
            }
        });
        return rows;
    }

    /** Streams the reliability figures of the filter and audits the export; returns the rows written. */
    @PreAuthorize(Roles.READ_CHARTS)
    public long exportReliability(
            ReliabilityFilter filter, ExportFormat format, OutputStream out, LongConsumer progress) throws IOException {
        List<ReliabilityRow> rows = reliabilityRows(filter);
        List<ExportColumn<ReliabilityRow>> columns = List.of(
                new ExportColumn<>("Part", ReliabilityRow::part),
                new ExportColumn<>("Value", ReliabilityRow::value),
                new ExportColumn<>("Attempts", ReliabilityRow::attempts),
                new ExportColumn<>("Setup failures", ReliabilityRow::setupFailures),
                new ExportColumn<>("Established", ReliabilityRow::established),
                new ExportColumn<>("Drops", ReliabilityRow::drops),
                new ExportColumn<>("Expected failures", ReliabilityRow::expected),
                new ExportColumn<>("Setup failure %", ReliabilityRow::setupFailurePercent),
                new ExportColumn<>("Drop failure %", ReliabilityRow::dropFailurePercent),
                new ExportColumn<>("Detail", ReliabilityRow::detail));
        ExportInfo info = ExportInfo.of(
                "Report",
                "Call reliability",
                "Days (UTC)",
                filter.from() + " to " + filter.to(),
                "Filters",
                describe(filter),
                "Setup failure %",
                "setup failures / attempts; expected failures (declined, not answered) are not attempts",
                "Drop failure %",
                "drops / established sessions");
        return TableExports.stream(
                format,
                out,
                "Call reliability",
                columns,
                ZoneOffset.UTC,
                info,
                consumer -> rows.forEach(consumer),
                progress,
                ExportAudit.of(auditLog, "call reliability figures " + describe(filter) + " as " + format));
    }

    /** Streams the Rate My Call figures of the filter and audits the export; returns the rows written. */
    @PreAuthorize(Roles.READ_CHARTS)
    public long exportFeedback(ReliabilityFilter filter, ExportFormat format, OutputStream out, LongConsumer progress)
            throws IOException {
        List<FeedbackRow> rows = feedbackRows(filter);
        List<ExportColumn<FeedbackRow>> columns = List.of(
                new ExportColumn<>("Part", FeedbackRow::part),
                new ExportColumn<>("Value", FeedbackRow::value),
                new ExportColumn<>("Rated sessions or mentions", FeedbackRow::rated),
                new ExportColumn<>("Average rating", FeedbackRow::average),
                new ExportColumn<>("Poor ratings", FeedbackRow::poor),
                new ExportColumn<>("Poor rating %", FeedbackRow::poorPercent));
        ExportInfo info = ExportInfo.of(
                "Report",
                "Rate My Call",
                "Days (UTC)",
                filter.from() + " to " + filter.to(),
                "Filters",
                describe(filter),
                "Poor rating %",
                "ratings of 1 or 2 / rated sessions");
        return TableExports.stream(
                format,
                out,
                "Rate My Call",
                columns,
                ZoneOffset.UTC,
                info,
                consumer -> rows.forEach(consumer),
                progress,
                ExportAudit.of(auditLog, "Rate My Call figures " + describe(filter) + " as " + format));
    }

    public static String fileName(String report, ReliabilityFilter filter, ExportFormat format) {
        return ExportInfo.fileName(format, report, filter.from() + "-to-" + filter.to());
    }

    /** The filter in words, for the information sheet and the audit entry. */
    static String describe(ReliabilityFilter filter) {
        @Nullable Modality modality = filter.modality();
        String text = "days: " + filter.from() + " to " + filter.to() + ", modality: "
                + (modality == null ? "all" : modality.label());
        if (filter.split() != null && filter.splitValue() != null) {
            text += ", " + filter.split().title() + ": " + filter.split().label(filter.splitValue());
        }
        if (filter.place().any()) {
            text += ", " + filter.place().describe();
        }
        return text;
    }

    private static ReliabilityRow row(String part, String value, ReliabilityCounts c, String detail) {
        return new ReliabilityRow(
                part,
                value,
                c.attempts(),
                c.setupFailures(),
                c.established(),
                c.drops(),
                c.expected(),
                percent(c.setupFailurePercent()),
                percent(c.dropFailurePercent()),
                detail);
    }

    private static FeedbackRow row(String part, String value, FeedbackCounts c) {
        return new FeedbackRow(part, value, c.rated(), percent(c.average()), c.poor(), percent(c.poorPercent()));
    }

    private static String percent(@Nullable Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.2f", value);
    }
}
