package org.commsportal.reliability.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.Tooltip;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.reliability.ReliabilityCounts;
import org.commsportal.reliability.ReliabilityExports;
import org.commsportal.reliability.ReliabilityFilter;
import org.commsportal.reliability.ReliabilityReport;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.reliability.ReliabilitySplit;
import org.commsportal.reliability.SessionDetailsLink;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.Roles;
import org.commsportal.sessions.Modality;

/**
 * Call reliability (docs/reliability.md): setup and drop failure % per day or month and per modality, the scorecard
 * against the vendor's targets, the top failures by response code and diagnostic id with their trend and a link to
 * their sessions, and the same splits as the call quality page.
 */
@Route("quality/reliability")
@PageTitle("Call reliability | Comms Usage Portal")
@Menu(order = 5.1, title = "Call reliability", icon = "vaadin:plug")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class ReliabilityView extends VerticalLayout implements BeforeEnterObserver {

    private static final int TOP = 20;
    private static final String CODES = "codes";

    private final ReliabilityService service;
    private final Locale locale;
    private final FilterBar filters;
    private final PageAddress address = new PageAddress("quality/reliability");
    private final MultiSelectComboBox<Integer> codes = new MultiSelectComboBox<>("Response codes (at most 5)");
    private final Span summary = new Span();
    private final Div content = new Div();
    private final Div failures = new Div();
    private Set<Integer> chosenCodes = Set.of();
    private boolean updating;

    ReliabilityView(ReliabilityService service, ReliabilityExports exports, SavedViews savedViews) {
        this.service = service;
        this.locale = getLocale() == null ? Locale.ROOT : getLocale();
        setId("reliability");
        setWidthFull();
        LocaleNumbers.useInCharts(locale);
        filters = new FilterBar(service.reportDate(), true, this::show);
        summary.setId("summary");
        content.setId("reliability-content");
        content.setWidthFull();
        failures.setWidthFull();
        codes.setId("response-codes");
        codes.setClearButtonVisible(true);
        codes.setPlaceholder("Every code");
        codes.addValueChangeListener(event -> {
            if (updating) {
                return;
            }
            if (event.getValue().size() > ReliabilityService.MAX_CODES) {
                codes.setInvalid(true);
                codes.setErrorMessage("Choose at most " + ReliabilityService.MAX_CODES + " response codes.");
                updating = true;
                codes.setValue(event.getOldValue());
                updating = false;
                return;
            }
            codes.setInvalid(false);
            chosenCodes = Set.copyOf(event.getValue());
            showFailures(filters.filter());
            writeAddress();
        });
        add(
                new H2("Call reliability"),
                Figures.note("Whether calls connect and stay connected. Expected failures (a callee declining, busy or"
                        + " not answering, a caller cancelling) are not failures; the classification table is in the"
                        + " documentation (Call reliability)."),
                filters,
                filters.actions(summary, "call-reliability", exports::exportReliability, address, savedViews),
                content);
    }

    /** Opens the view a link asks for (docs/pages.md#links); what cannot be used is named and left out. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> problems = new ArrayList<>();
        ReliabilityFilter wanted = filters.restore(parameters, problems);
        PageAddress.single(parameters, CODES).ifPresent(given -> {
            try {
                Set<Integer> parsed = new TreeSet<>();
                for (String code : given.split(",")) {
                    parsed.add(Integer.parseInt(code.strip()));
                }
                if (parsed.size() > ReliabilityService.MAX_CODES) {
                    problems.add("codes: at most " + ReliabilityService.MAX_CODES + " response codes");
                } else {
                    chosenCodes = Set.copyOf(parsed);
                }
            } catch (NumberFormatException e) {
                problems.add("codes " + PageAddress.shown(given) + " are not response codes such as 480,503");
            }
        });
        show(wanted);
        PageAddress.tell(problems);
    }

    /** The filter in the address; parameters at their defaults are left out. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        filters.writeTo(state);
        if (!chosenCodes.isEmpty()) {
            state.put(
                    CODES,
                    String.join(
                            ",",
                            new TreeSet<>(chosenCodes)
                                    .stream().map(String::valueOf).toList()));
        }
        address.write(state);
    }

    private void show(ReliabilityFilter filter) {
        showFigures(filter);
        writeAddress();
    }

    private void showFigures(ReliabilityFilter filter) {
        ReliabilityReport report = service.report(filter);
        Map<ReliabilitySplit, List<String>> values = new EnumMap<>(ReliabilitySplit.class);
        report.splits()
                .forEach((split, rows) -> values.put(
                        split,
                        rows.stream().map(ReliabilityReport.SplitRow::value).toList()));
        filters.offer(values);
        filters.offer(service.places(filter.to()));
        ReliabilityCounts total = report.total();
        summary.setText(LocaleNumbers.format(total.attempts(), locale) + " attempts from " + filter.from() + " to "
                + filter.to() + " (UTC days): setup failure " + Figures.percent(total.setupFailurePercent()) + " ("
                + LocaleNumbers.format(total.setupFailures(), locale) + "), drop failure "
                + Figures.percent(total.dropFailurePercent()) + " (" + LocaleNumbers.format(total.drops(), locale)
                + " of " + LocaleNumbers.format(total.established(), locale) + " established); "
                + LocaleNumbers.format(total.expected(), locale) + " expected failures not counted");
        content.removeAll();
        if (service.stillBuilding()) {
            content.add(Figures.stillBuilding());
        }
        content.add(new H3("Trend"), trend(report), byModality(report), scorecard(report));
        content.add(new H3("Top failures"), codes, failures);
        showFailures(filter);
        content.add(new H3("Splits"));
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            content.add(split(report, split));
        }
    }

    private Component trend(ReliabilityReport report) {
        var chart = new Chart(ChartType.LINE);
        chart.setId("trend-chart");
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Setup and drop failure %");
        conf.getChart().setAnimation(false);
        List<LocalDate> points = new ArrayList<>(report.trend().keySet());
        conf.getxAxis()
                .setCategories(points.stream()
                        .map(d -> report.filter().monthly() ? YearMonth.from(d).toString() : d.toString())
                        .toArray(String[]::new));
        conf.getxAxis().setTitle(report.filter().monthly() ? "Month (UTC days)" : "Date (UTC)");
        conf.getyAxis().setTitle("%");
        conf.getyAxis().setMin(0);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        var setup = new ListSeries("Setup failure %");
        var drop = new ListSeries("Drop failure %");
        for (LocalDate point : points) {
            ReliabilityCounts c = report.trend().get(point);
            setup.addData(round(c.setupFailurePercent()));
            drop.addData(round(c.dropFailurePercent()));
        }
        conf.addSeries(setup);
        conf.addSeries(drop);
        return chart;
    }

    private static Number round(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }

    /** One row of a counts table. */
    record Line(String label, ReliabilityCounts counts, String detail) {}

    private Grid<Line> table(String id, String firstHeader, List<Line> lines) {
        var grid = new Grid<Line>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No sessions in this range and filter.");
        grid.addColumn(Line::label).setHeader(firstHeader).setFlexGrow(1).setResizable(true);
        number(grid, "Attempts", l -> l.counts().attempts());
        number(grid, "Setup failures", l -> l.counts().setupFailures());
        grid.addColumn(l -> Figures.percent(l.counts().setupFailurePercent()))
                .setHeader("Setup failure %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        number(grid, "Established", l -> l.counts().established());
        number(grid, "Drops", l -> l.counts().drops());
        grid.addColumn(l -> Figures.percent(l.counts().dropFailurePercent()))
                .setHeader("Drop failure %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        number(grid, "Expected failures", l -> l.counts().expected());
        grid.addColumn(Line::detail).setHeader("Detail").setFlexGrow(1).setResizable(true);
        grid.setItems(lines);
        grid.setWidthFull();
        return grid;
    }

    private void number(Grid<Line> grid, String header, java.util.function.ToLongFunction<Line> value) {
        grid.addColumn(l -> LocaleNumbers.format(value.applyAsLong(l), locale))
                .setHeader(header)
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
    }

    private Component byModality(ReliabilityReport report) {
        List<Line> lines = new ArrayList<>();
        for (Modality m : ReliabilityService.MODALITIES) {
            ReliabilityCounts c = report.byModality().get(m);
            if (c != null) {
                lines.add(new Line(m.label(), c, ""));
            }
        }
        return section(
                "Per modality",
                "A session counts once in each modality it used.",
                table("per-modality", "Modality", lines));
    }

    private Component scorecard(ReliabilityReport report) {
        List<Line> lines = new ArrayList<>();
        for (var month : report.scorecard()) {
            lines.add(new Line(
                    month.month() + " overall",
                    month.overall(),
                    "setup ≤ " + ReliabilityReport.SETUP_TARGET + " %, drop ≤ " + ReliabilityReport.DROP_TARGET
                            + " %"));
            lines.add(new Line(
                    month.month() + " inside the corporate network",
                    month.inside(),
                    "setup ≤ " + ReliabilityReport.SETUP_TARGET_INSIDE + " %, drop ≤ "
                            + ReliabilityReport.DROP_TARGET_INSIDE + " %: setup "
                            + Figures.passFail(month.setupPasses())
                            + ", drop " + Figures.passFail(month.dropPasses())));
        }
        return section(
                "Scorecard",
                "Per month against the vendor's targets (Pass needs both the overall and the inside target).",
                table("scorecard", "Month", lines));
    }

    private Component split(ReliabilityReport report, ReliabilitySplit split) {
        List<Line> lines = report.splits().get(split).stream()
                .map(row -> new Line(row.label(), row.counts(), ""))
                .toList();
        return section(
                split.title(), null, table("split-" + split.name().toLowerCase(Locale.ROOT), split.title(), lines));
    }

    private static Component section(String title, @org.jspecify.annotations.Nullable String note, Component body) {
        var section = new VerticalLayout(new H3(title));
        if (note != null) {
            section.add(Figures.note(note));
        }
        section.add(body);
        section.setPadding(false);
        return section;
    }

    private void showFailures(ReliabilityFilter filter) {
        failures.removeAll();
        List<ReliabilityService.TopFailure> top = service.topFailures(filter, chosenCodes, TOP);
        Set<Integer> offered = new TreeSet<>(chosenCodes);
        top.forEach(f -> {
            if (f.responseCode() != null) {
                offered.add(f.responseCode());
            }
        });
        updating = true;
        codes.setItems(offered);
        codes.setValue(chosenCodes);
        updating = false;
        boolean drill = service.mayReadPerUserData();
        var grid = new Grid<ReliabilityService.TopFailure>();
        grid.setId("top-failures");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No setup or drop failures in this range and filter.");
        grid.addColumn(f -> f.outcome().label())
                .setHeader("Failure")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(f -> f.responseCode() == null ? "–" : f.responseCode().toString())
                .setHeader("Response code")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(f -> f.diagnosticId() == null ? "–" : f.diagnosticId().toString())
                .setHeader("Diagnostic id")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ReliabilityService.TopFailure::reason)
                .setHeader("Reason")
                .setFlexGrow(1)
                .setResizable(true);
        grid.addColumn(new ComponentRenderer<>(f -> {
                    String count = LocaleNumbers.format(f.sessions(), locale);
                    if (!drill) {
                        return new Span(count);
                    }
                    var link = new Anchor(
                            SessionDetailsLink.of(
                                    filter.from(),
                                    filter.to(),
                                    f.responseCode(),
                                    f.diagnosticId(),
                                    filter.modality(),
                                    filter.place()),
                            count);
                    link.getElement().setAttribute("title", "Open these sessions in Session details");
                    return link;
                }))
                .setHeader("Sessions")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(f -> LocaleNumbers.format(f.usersImpacted(), locale))
                .setHeader("Users impacted")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(f -> f.firstSeen().toString())
                .setHeader("First seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(f -> f.lastSeen().toString())
                .setHeader("Last seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(f -> Figures.sparkline(f.perDay())))
                .setHeader("Trend")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItems(top);
        grid.setWidthFull();
        failures.add(grid);
        if (!drill) {
            failures.add(Figures.note("Opening the sessions of a failure needs a role that reads session details."));
        }
    }
}
