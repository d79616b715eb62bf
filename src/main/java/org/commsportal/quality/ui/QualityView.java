package org.commsportal.quality.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.Stacking;
import com.vaadin.flow.component.charts.model.Tooltip;
import com.vaadin.flow.component.charts.model.YAxis;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.commsportal.base.ui.DateRangeFilter;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.ModalitySelect;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.PlaceFilter;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.export.ExportFormat;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityCounts;
import org.commsportal.quality.QualityFilter;
import org.commsportal.quality.QualityMetric;
import org.commsportal.quality.QualityReport;
import org.commsportal.quality.QualityService;
import org.commsportal.quality.QualitySplit;
import org.commsportal.quality.QualityVerdict;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.Roles;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * Call quality (docs/call-quality.md): streams by verdict and Poor % over a range, poor due to which rule, the splits,
 * distributions with bucketed percentiles, the worst subnets, clients and users, and the scorecard against the
 * vendor's targets. Every filter applies to every part and to the export.
 */
@Route("quality")
@PageTitle("Call quality | Comms Usage Portal")
@Menu(order = 5, title = "Call quality", icon = "vaadin:signal")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class QualityView extends VerticalLayout implements BeforeEnterObserver {

    private static final int WORST = 10;
    /** The values a split's chart shows: the most used ones (the table lists them all). */
    private static final int SPLIT_CHART_VALUES = 12;

    private final QualityService service;
    private final Locale locale;
    private final DateRangeFilter range;
    private final PageAddress address = new PageAddress("quality");
    private final ModalitySelect modality;
    private final PlaceFilter place;
    private final Map<QualitySplit, Select<String>> codeFilters = new java.util.EnumMap<>(QualitySplit.class);
    private final ComboBox<String> subnet = new ComboBox<>("Subnet");
    private final ComboBox<String> client = new ComboBox<>("Client version");
    private final Span summary = new Span();
    private final Div content = new Div();
    private QualityFilter filter;
    private boolean updating;
    private final boolean drillThrough;

    QualityView(QualityService service, SavedViews savedViews) {
        this.service = service;
        this.locale = getLocale() == null ? Locale.ROOT : getLocale();
        this.drillThrough = service.mayReadPerUserData();
        setId("quality");
        setWidthFull();
        LocaleNumbers.useInCharts(locale);
        filter = QualityFilter.lastDays(service.reportDate(), 30);

        range = new DateRangeFilter(
                service.reportDate(), QualityFilter.MAX_DAYS, (first, last) -> show(filter.withRange(first, last)));
        modality = new ModalitySelect("All", chosen -> show(filter.withModality(chosen)));
        var filters = new FlexLayout();
        range.fields().forEach(filters::add);
        filters.add(modality.field());
        filters.setId("filters");
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-s)");
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        codeFilter(filters, QualitySplit.CONFERENCE, "Sessions", "conference-filter", "0", "1");
        codeFilter(filters, QualitySplit.CONNECTION, "Connection", "connection-filter", "1", "2", "3", "0");
        codeFilter(filters, QualitySplit.INSIDE, "Network", "inside-filter", "1", "0", "2");
        codeFilter(filters, QualitySplit.VPN, "VPN", "vpn-filter", "1", "0", "2");
        textFilter(filters, QualitySplit.SUBNET, subnet, "subnet-filter");
        textFilter(filters, QualitySplit.CLIENT, client, "client-filter");
        place = new PlaceFilter(chosen -> show(filter.withPlace(chosen)));
        place.fields().forEach(filters::add);

        summary.setId("summary");
        content.setId("quality-content");
        content.setWidthFull();
        var exports = new StreamedExports(this::prepareExport);
        var actions = new HorizontalLayout(
                summary, exports, PageAddress.copyButton(), address.saveButton(savedViews::trySave));
        actions.setWrap(true);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H2("Call quality"), filters, actions, content);
    }

    /**
     * Opens the view a link asks for (docs/pages.md#links): range, modality and split values; a parameter that
     * cannot be used is named and left out.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> problems = new ArrayList<>();
        DateRangeFilter.Days days = range.restore(parameters, problems);
        QualityFilter wanted = filter.withRange(days.from(), days.to());
        wanted = wanted.withModality(modality.restore(parameters, problems).orElse(null));
        wanted = wanted.withPlace(place.restore(parameters, problems));
        for (QualitySplit split : QualitySplit.values()) {
            Optional<String> value = PageAddress.single(parameters, split.parameter());
            if (value.isPresent()) {
                try {
                    wanted = wanted.withSplit(split, split.parse(value.get()));
                } catch (IllegalArgumentException e) {
                    problems.add(split.parameter() + " " + PageAddress.shown(value.get()) + " is not a value of "
                            + split.title());
                }
            }
        }
        QualityFilter chosen = wanted;
        updating = true;
        codeFilters.forEach((split, select) ->
                select.setValue(Objects.requireNonNullElse(chosen.splits().get(split), "")));
        updating = false;
        show(chosen);
        PageAddress.tell(problems);
    }

    /** The filter in the address; parameters at their defaults are left out. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        range.writeTo(state);
        if (filter.modality() != null) {
            state.put(DrillThroughLink.MODALITY, DrillThroughLink.modalityParameter(filter.modality()));
        }
        filter.splits().forEach((split, value) -> state.put(split.parameter(), split.parameterValue(value)));
        place.writeTo(state);
        address.write(state);
    }

    private void codeFilter(FlexLayout filters, QualitySplit split, String label, String id, String... values) {
        var select = new Select<String>();
        select.setId(id);
        select.setLabel(label);
        List<String> items = new ArrayList<>();
        items.add("");
        items.addAll(List.of(values));
        select.setItems(items);
        select.setItemLabelGenerator(v -> v.isEmpty() ? "All" : split.label(v));
        select.setValue("");
        select.addValueChangeListener(event -> {
            if (!updating) {
                show(filter.withSplit(split, event.getValue().isEmpty() ? null : event.getValue()));
            }
        });
        codeFilters.put(split, select);
        filters.add(select);
    }

    private void textFilter(FlexLayout filters, QualitySplit split, ComboBox<String> box, String id) {
        box.setId(id);
        box.setClearButtonVisible(true);
        box.setPlaceholder("All");
        box.setItemLabelGenerator(split::label);
        box.addValueChangeListener(event -> {
            if (!updating) {
                show(filter.withSplit(split, event.getValue()));
            }
        });
        filters.add(box);
    }

    private void show(QualityFilter shown) {
        filter = shown;
        QualityReport report = service.report(shown);
        range.show(new DateRangeFilter.Days(shown.from(), shown.to()));
        writeAddress();
        updating = true;
        place.offer(service.places(shown.to()));
        place.show(shown.place());
        subnet.setItems(values(report, QualitySplit.SUBNET, shown.splits().get(QualitySplit.SUBNET)));
        subnet.setValue(shown.splits().get(QualitySplit.SUBNET));
        client.setItems(values(report, QualitySplit.CLIENT, shown.splits().get(QualitySplit.CLIENT)));
        client.setValue(shown.splits().get(QualitySplit.CLIENT));
        updating = false;

        QualityCounts total = report.total();
        summary.setText(LocaleNumbers.format(total.streams(), locale) + " streams from " + shown.from() + " to "
                + shown.to() + " (UTC days): " + LocaleNumbers.format(total.good(), locale) + " Good, "
                + LocaleNumbers.format(total.poor(), locale) + " Poor, "
                + LocaleNumbers.format(total.unclassified(), locale) + " Unclassified; Poor % "
                + percent(total.poorPercent()));
        var totals = new Span();
        totals.setId("summary-links");
        if (drillThrough && total.streams() > 0) {
            totals.add(new Span("Sessions behind: "), figure(total.streams(), link()), new Span(" streams, "));
            totals.add(figure(total.poor(), link().verdict(QualityVerdict.POOR)), new Span(" poor"));
        }
        content.removeAll();
        content.add(totals);
        content.add(new H3("Trend"), trend(report), poorDueTo(report), scorecard(report));
        content.add(
                new H3("Splits"),
                note("A value with fewer than " + report.minSample()
                        + " streams is shown greyed with its count and never ranked (minimum sample, a setting)."));
        for (QualitySplit split : QualitySplit.values()) {
            content.add(split(report, split));
        }
        content.add(distributions(report));
        content.add(worst(report));
    }

    private static List<String> values(QualityReport report, QualitySplit split, @Nullable String chosen) {
        List<String> values = new ArrayList<>(report.splits().getOrDefault(split, List.of()).stream()
                .map(QualityReport.SplitRow::value)
                .toList());
        if (chosen != null && !values.contains(chosen)) {
            values.add(chosen);
        }
        return values;
    }

    private Component trend(QualityReport report) {
        var chart = new Chart(ChartType.COLUMN);
        chart.setId("trend-chart");
        chart.setHeight("320px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Streams by verdict and Poor %");
        conf.getChart().setAnimation(false);
        List<LocalDate> points = new ArrayList<>(report.trend().keySet());
        conf.getxAxis()
                .setCategories(points.stream()
                        .map(d -> report.filter().monthly() ? YearMonth.from(d).toString() : d.toString())
                        .toArray(String[]::new));
        conf.getxAxis().setTitle(report.filter().monthly() ? "Month (UTC days)" : "Date (UTC)");
        conf.getyAxis().setTitle("Streams");
        conf.getyAxis().setMin(0);
        var percentAxis = new YAxis();
        percentAxis.setTitle("Poor %");
        percentAxis.setOpposite(true);
        percentAxis.setMin(0);
        conf.addyAxis(percentAxis);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        var stacked = new PlotOptionsColumn();
        stacked.setStacking(Stacking.NORMAL);
        stacked.setAnimation(false);
        conf.setPlotOptions(stacked);
        for (String verdict : List.of("Good", "Poor", "Unclassified")) {
            var series = new ListSeries(verdict);
            for (LocalDate point : points) {
                QualityCounts c =
                        report.trend().get(point).values().stream().reduce(QualityCounts.empty(), (a, b) -> plus(a, b));
                series.addData(
                        switch (verdict) {
                            case "Good" -> c.good();
                            case "Poor" -> c.poor();
                            default -> c.unclassified();
                        });
            }
            conf.addSeries(series);
        }
        List<Modality> lines = new ArrayList<>();
        for (Modality m : QualityMetric.MODALITIES) {
            if (!report.totals().containsKey(m)) {
                continue;
            }
            lines.add(m);
            var series = new ListSeries("Poor % " + m.label());
            for (LocalDate point : points) {
                QualityCounts c = report.trend().get(point).get(m);
                Double poor = c == null ? null : c.poorPercent();
                series.addData(poor == null ? null : Math.round(poor * 100) / 100.0);
            }
            var line = new PlotOptionsLine();
            line.setAnimation(false);
            series.setPlotOptions(line);
            series.setyAxis(1);
            conf.addSeries(series);
        }
        if (drillThrough) {
            // a column opens the sessions of its day (month) and verdict, a Poor % point those of its modality
            chart.addPointClickListener(event -> {
                LocalDate point = points.get(event.getItemIndex());
                DrillThroughLink link =
                        report.filter().monthly() ? monthLink(YearMonth.from(point)) : link().withDays(point, point);
                int series = event.getSeriesItemIndex();
                if (series < 3) {
                    link.verdict(List.of(QualityVerdict.GOOD, QualityVerdict.POOR, QualityVerdict.UNCLASSIFIED)
                            .get(series));
                } else {
                    link.modality(lines.get(series - 3)).verdict(QualityVerdict.POOR);
                }
                getUI().ifPresent(ui -> ui.navigate(
                        DrillThroughLink.ROUTE, com.vaadin.flow.router.QueryParameters.simple(link.parameters())));
            });
        }
        return chart;
    }

    private static QualityCounts plus(QualityCounts a, QualityCounts b) {
        long[] rules = new long[QualityMetric.SLOTS];
        long[][] histograms = new long[QualityMetric.SLOTS][QualityMetric.BUCKETS];
        return new QualityCounts(
                a.good() + b.good(), a.poor() + b.poor(), a.unclassified() + b.unclassified(), rules, histograms);
    }

    /** One row of a small figures table. */
    record Line(
            String label,
            String modality,
            long streams,
            long good,
            long poor,
            long unclassified,
            String poorPercent,
            String detail,
            boolean greyed,
            @Nullable DrillThroughLink link,
            @Nullable DrillThroughLink poorLink) {

        /** The poor streams' link is the streams' link with verdict poor. */
        Line(
                String label,
                String modality,
                long streams,
                long good,
                long poor,
                long unclassified,
                String poorPercent,
                String detail,
                boolean greyed,
                DrillThroughLink link) {
            this(
                    label,
                    modality,
                    streams,
                    good,
                    poor,
                    unclassified,
                    poorPercent,
                    detail,
                    greyed,
                    link,
                    link.copy().verdict(QualityVerdict.POOR));
        }

        Line(
                String label,
                String modality,
                long streams,
                long good,
                long poor,
                long unclassified,
                String poorPercent,
                String detail,
                boolean greyed) {
            this(label, modality, streams, good, poor, unclassified, poorPercent, detail, greyed, null, null);
        }
    }

    private Grid<Line> table(String id, String firstHeader, List<Line> lines, boolean withModality) {
        var grid = new Grid<Line>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No streams in this range and filter.");
        grid.addColumn(Line::label).setHeader(firstHeader).setFlexGrow(1).setResizable(true);
        if (withModality) {
            grid.addColumn(Line::modality)
                    .setHeader("Modality")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.addComponentColumn(l -> figure(l.streams(), l.link()))
                .setHeader("Streams")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addComponentColumn(l -> figure(l.poor(), l.poorLink()))
                .setHeader("Poor")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Line::poorPercent)
                .setHeader("Poor %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(Line::detail).setHeader("Detail").setFlexGrow(2).setResizable(true);
        grid.setPartNameGenerator(l -> l.greyed() ? "below-sample" : null);
        grid.setItems(lines);
        grid.setWidthFull();
        return grid;
    }

    /**
     * A figure as a link to the sessions behind it (docs/call-quality.md, "Drill-through") for the roles that read
     * session details; plain text for the others.
     */
    private Component figure(long value, @Nullable DrillThroughLink link) {
        String text = LocaleNumbers.format(value, locale);
        if (link == null || value == 0 || !drillThrough) {
            return new Span(text);
        }
        var anchor = new com.vaadin.flow.component.html.Anchor(link.toString(), text);
        anchor.addClassName("drill-through");
        return anchor;
    }

    private DrillThroughLink link() {
        return DrillThroughLink.of(filter);
    }

    private Component poorDueTo(QualityReport report) {
        List<Line> lines = new ArrayList<>();
        report.totals().forEach((m, c) -> {
            for (QualityMetric metric : QualityMetric.of(m)) {
                long tripped = c.rule(metric.slot());
                lines.add(new Line(
                        metric.rule(),
                        m.label(),
                        c.streams(),
                        c.good(),
                        tripped,
                        c.unclassified(),
                        c.poor() == 0 ? "" : percent(100.0 * tripped / c.poor()) + " of poor",
                        "",
                        false,
                        link().modality(m),
                        link().rule(metric).verdict(QualityVerdict.POOR)));
            }
        });
        var section = new VerticalLayout(
                new H3("Poor due to"),
                note("For poor streams, how many tripped each rule; a stream can trip several, so the rows add up to "
                        + "more than the poor streams."),
                table("poor-due-to", "Rule", lines, true));
        section.setPadding(false);
        return section;
    }

    /** The days of the month within the filter's range. */
    private DrillThroughLink monthLink(YearMonth month) {
        LocalDate first = month.atDay(1).isBefore(filter.from()) ? filter.from() : month.atDay(1);
        LocalDate last = month.atEndOfMonth().isAfter(filter.to()) ? filter.to() : month.atEndOfMonth();
        return link().withDays(first, last);
    }

    private Component scorecard(QualityReport report) {
        List<Line> lines = new ArrayList<>();
        for (var month : report.scorecard()) {
            lines.add(new Line(
                    month.month() + " overall",
                    "Audio",
                    month.audio().streams(),
                    month.audio().good(),
                    month.audio().poor(),
                    month.audio().unclassified(),
                    percent(month.audio().poorPercent()),
                    "target ≤ 3 %: " + passFail(month.overallPasses()),
                    false,
                    monthLink(month.month()).modality(Modality.AUDIO)));
            lines.add(new Line(
                    month.month() + " inside the corporate network",
                    "Audio",
                    month.audioInside().streams(),
                    month.audioInside().good(),
                    month.audioInside().poor(),
                    month.audioInside().unclassified(),
                    percent(month.audioInside().poorPercent()),
                    "target ≤ 2 %: " + passFail(month.insidePasses()),
                    false,
                    monthLink(month.month()).modality(Modality.AUDIO).split(QualitySplit.INSIDE, "1")));
        }
        var section = new VerticalLayout(
                new H3("Scorecard"),
                note("Poor audio streams against the vendor's quality targets (docs/call-quality.md): at most 3 % "
                        + "overall and 2 % inside the corporate network, per month."),
                table("scorecard", "Month", lines, false));
        section.setPadding(false);
        return section;
    }

    private Component split(QualityReport report, QualitySplit split) {
        List<Line> lines = new ArrayList<>();
        for (var row : report.splits().getOrDefault(split, List.of())) {
            QualityCounts c = row.total();
            boolean ranked = row.ranked(report.minSample());
            lines.add(new Line(
                    row.label() + (ranked ? "" : " (below minimum sample)"),
                    "",
                    c.streams(),
                    c.good(),
                    c.poor(),
                    c.unclassified(),
                    percent(c.poorPercent()),
                    rules(row),
                    !ranked,
                    link().split(split, row.value())));
        }
        var section = new VerticalLayout(
                new H3(split.title()),
                splitChart(report, split),
                table("split-" + split.name().toLowerCase(Locale.ROOT), split.title(), lines, false));
        section.setPadding(false);
        if (split == QualitySplit.CLIENT) {
            section.add(otherAgents(report));
        }
        return section;
    }

    /** The user agents the client version table does not know, as reported (docs/call-quality.md). */
    private Component otherAgents(QualityReport report) {
        var agents = report.splits().getOrDefault(QualitySplit.CLIENT, List.of()).stream()
                .filter(row -> row.value().equals(org.commsportal.common.ClientVersions.OTHER))
                .flatMap(row -> row.members().stream())
                .map(m -> m.agent() + " (" + LocaleNumbers.format(m.streams(), locale) + ")")
                .toList();
        var other = note(
                agents.isEmpty()
                        ? "Every user agent is grouped by product and version."
                        : "Other: user agents the client version table does not know, with their streams: "
                                + String.join("; ", agents));
        other.setId("other-client-agents");
        return other;
    }

    /** The most used values of a split: a bar of Poor % each, greyed below the minimum sample (not ranked). */
    private Component splitChart(QualityReport report, QualitySplit split) {
        var chart = new Chart(ChartType.BAR);
        chart.setId("split-chart-" + split.name().toLowerCase(Locale.ROOT));
        List<QualityReport.SplitRow> rows = report.splits().getOrDefault(split, List.of()).stream()
                .limit(SPLIT_CHART_VALUES)
                .toList();
        chart.setHeight(Math.max(140, 40 + 26 * rows.size()) + "px");
        chart.setWidth("min(100%, 640px)");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("");
        conf.getChart().setAnimation(false);
        conf.getLegend().setEnabled(false);
        conf.getxAxis()
                .setCategories(rows.stream()
                        .map(row -> row.label() + " ("
                                + LocaleNumbers.format(row.total().streams(), locale) + ")")
                        .toArray(String[]::new));
        conf.getyAxis().setTitle("Poor %");
        conf.getyAxis().setMin(0);
        var series = new com.vaadin.flow.component.charts.model.DataSeries("Poor %");
        for (var row : rows) {
            Double poor = row.total().poorPercent();
            var item = new com.vaadin.flow.component.charts.model.DataSeriesItem(
                    row.label(), poor == null ? null : Math.round(poor * 100) / 100.0);
            if (!row.ranked(report.minSample())) {
                item.setColor(new com.vaadin.flow.component.charts.model.style.SolidColor("#b0b0b0"));
            }
            series.add(item);
        }
        conf.addSeries(series);
        return chart;
    }

    private static String rules(QualityReport.SplitRow row) {
        List<String> parts = new ArrayList<>();
        row.byModality().forEach((m, c) -> {
            for (QualityMetric metric : QualityMetric.of(m)) {
                if (c.rule(metric.slot()) > 0) {
                    parts.add(m.label() + " " + metric.label().toLowerCase(Locale.ROOT) + " " + c.rule(metric.slot()));
                }
            }
        });
        return parts.isEmpty() ? "" : "Poor due to: " + String.join(", ", parts);
    }

    private Component distributions(QualityReport report) {
        var section = new VerticalLayout(
                new H3("Distributions"),
                note("Histograms of each rule's metric over fixed buckets stored in the read model. The percentiles "
                        + "name the bucket the percentile falls in: exact for the buckets, not for the values."));
        section.setPadding(false);
        var charts = new FlexLayout();
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        report.totals().forEach((m, c) -> {
            for (QualityMetric metric : QualityMetric.of(m)) {
                long[] histogram = c.histogram(metric.slot());
                var chart = new Chart(ChartType.COLUMN);
                chart.setId(
                        "histogram-" + metric.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                chart.setHeight("240px");
                chart.setWidth("min(100%, 420px)");
                Configuration conf = chart.getConfiguration();
                conf.setTitle(m.label() + ": " + metric.label());
                conf.setSubTitle("p50 " + QualityService.percentile(metric, histogram, 50) + " · p90 "
                        + QualityService.percentile(metric, histogram, 90) + " · p95 "
                        + QualityService.percentile(metric, histogram, 95));
                conf.getChart().setAnimation(false);
                String[] labels = new String[QualityMetric.BUCKETS];
                for (int b = 0; b < QualityMetric.BUCKETS; b++) {
                    labels[b] = metric.bucketLabel(b);
                }
                conf.getxAxis().setCategories(labels);
                conf.getyAxis().setTitle("Streams");
                conf.getLegend().setEnabled(false);
                var series = new ListSeries("Streams");
                for (long count : histogram) {
                    series.addData(count);
                }
                conf.addSeries(series);
                charts.add(chart);
            }
        });
        section.add(charts);
        return section;
    }

    private Component worst(QualityReport report) {
        var section = new VerticalLayout(
                new H3("Worst by Poor %"), note("Ranked values only: at least " + report.minSample() + " streams."));
        section.setPadding(false);
        for (QualitySplit split : List.of(QualitySplit.SUBNET, QualitySplit.CLIENT)) {
            List<Line> lines = new ArrayList<>();
            for (var row : report.worst(split, WORST)) {
                QualityCounts c = row.total();
                lines.add(new Line(
                        row.label(),
                        "",
                        c.streams(),
                        c.good(),
                        c.poor(),
                        c.unclassified(),
                        percent(c.poorPercent()),
                        rules(row),
                        false,
                        link().split(split, row.value())));
            }
            section.add(table("worst-" + split.name().toLowerCase(Locale.ROOT), split.title(), lines, false));
        }
        if (service.mayReadPerUserData()) {
            List<Line> lines = new ArrayList<>();
            for (var user : service.worstUsers(report.filter(), WORST)) {
                lines.add(new Line(
                        user.name(),
                        "",
                        user.good() + user.poor() + user.unclassified(),
                        user.good(),
                        user.poor(),
                        user.unclassified(),
                        percent(user.poorPercent()),
                        "",
                        false,
                        link().user(user.name())));
            }
            section.add(table("worst-users", "User", lines, false));
        } else {
            var notice = note("Your role shows aggregate figures only: the worst users need a reports reader or "
                    + "administrator role.");
            notice.setId("charts-only");
            section.add(notice);
        }
        return section;
    }

    private static Paragraph note(String text) {
        var note = new Paragraph(text);
        note.getStyle().set("color", "var(--lumo-secondary-text-color)");
        note.getStyle().set("margin", "0");
        return note;
    }

    private String percent(@Nullable Double value) {
        return value == null ? "–" : String.format(locale, "%.2f %%", value);
    }

    private static String passFail(@Nullable Boolean passes) {
        return passes == null ? "no classified stream" : passes ? "Pass" : "Fail";
    }

    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        QualityFilter current = filter;
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.figures(current).size(),
                (out, progress) -> service.export(current, format, out, progress));
    }
}
