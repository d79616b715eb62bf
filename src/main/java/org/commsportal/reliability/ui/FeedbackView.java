package org.commsportal.reliability.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.Tooltip;
import com.vaadin.flow.component.charts.model.YAxis;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
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
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.reliability.FeedbackCounts;
import org.commsportal.reliability.ProblemTokens;
import org.commsportal.reliability.ReliabilityExports;
import org.commsportal.reliability.ReliabilityFilter;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.reliability.ReliabilitySplit;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.Roles;

/**
 * Rate My Call (docs/reliability.md): rated sessions, average rating and poor rating % per day or month and per split,
 * the problem tokens by frequency (audio, video, other), and the comments, newest first, for the roles that read
 * per-user data, names concealed as everywhere; all of them narrowed to a place as the reliability page places
 * sessions.
 */
@Route("quality/feedback")
@PageTitle("Rate My Call | Comms Usage Portal")
@Menu(order = 5.2, title = "Rate My Call", icon = "vaadin:star-half-left-o")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class FeedbackView extends VerticalLayout implements BeforeEnterObserver {

    private final ReliabilityService service;
    private final Locale locale;
    private final FilterBar filters;
    private final PageAddress address = new PageAddress("quality/feedback");
    private final Span summary = new Span();
    private final Div content = new Div();

    FeedbackView(ReliabilityService service, ReliabilityExports exports, SavedViews savedViews) {
        this.service = service;
        this.locale = getLocale() == null ? Locale.ROOT : getLocale();
        setId("feedback");
        setWidthFull();
        LocaleNumbers.useInCharts(locale);
        filters = new FilterBar(service.reportDate(), false, this::show);
        summary.setId("summary");
        content.setId("feedback-content");
        content.setWidthFull();
        add(
                new H2("Rate My Call"),
                Figures.note("What users said after their calls: ratings 1 to 5, where 1 and 2 are poor ratings, the"
                        + " problems they ticked and their comments."),
                filters,
                filters.actions(summary, "rate-my-call", exports::exportFeedback, address, savedViews),
                content);
    }

    /** Opens the view a link asks for (docs/pages.md#links); what cannot be used is named and left out. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> problems = new ArrayList<>();
        ReliabilityFilter wanted = filters.restore(parameters, problems);
        show(wanted);
        PageAddress.tell(problems);
    }

    /** The filter in the address; parameters at their defaults are left out. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        filters.writeTo(state);
        address.write(state);
    }

    private void show(ReliabilityFilter filter) {
        showFigures(filter);
        writeAddress();
    }

    private void showFigures(ReliabilityFilter filter) {
        ReliabilityService.FeedbackReport report = service.feedback(filter);
        Map<ReliabilitySplit, List<String>> values = new EnumMap<>(ReliabilitySplit.class);
        report.splits()
                .forEach((split, rows) -> values.put(
                        split,
                        rows.stream()
                                .map(ReliabilityService.FeedbackSplitRow::value)
                                .toList()));
        filters.offer(values);
        filters.offer(service.places(filter.to()));
        FeedbackCounts total = report.total();
        summary.setText(LocaleNumbers.format(total.rated(), locale) + " rated sessions from " + filter.from() + " to "
                + filter.to() + " (UTC days): average rating " + Figures.average(total.average()) + ", poor ratings "
                + Figures.percent(total.poorPercent()) + " (" + LocaleNumbers.format(total.poor(), locale) + ")");
        content.removeAll();
        if (service.stillBuilding()) {
            content.add(Figures.stillBuilding());
        }
        content.add(new H3("Trend"), trend(report), new H3("Problem tokens"), tokens(report));
        content.add(new H3("Splits"));
        for (ReliabilitySplit split : ReliabilitySplit.values()) {
            content.add(split(report, split));
        }
        content.add(new H3("Comments"));
        if (service.mayReadPerUserData()) {
            content.add(comments(filter));
        } else {
            content.add(Figures.note("The comments are user data: they need a role that reads per-user data."));
        }
    }

    private Component trend(ReliabilityService.FeedbackReport report) {
        var chart = new Chart(ChartType.COLUMN);
        chart.setId("trend-chart");
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Rated sessions and poor rating %");
        conf.getChart().setAnimation(false);
        List<LocalDate> points = new ArrayList<>(report.trend().keySet());
        conf.getxAxis()
                .setCategories(points.stream()
                        .map(d -> report.filter().monthly() ? YearMonth.from(d).toString() : d.toString())
                        .toArray(String[]::new));
        conf.getyAxis().setTitle("Rated sessions");
        conf.getyAxis().setMin(0);
        var percentAxis = new YAxis();
        percentAxis.setTitle("Poor rating %");
        percentAxis.setOpposite(true);
        percentAxis.setMin(0);
        conf.addyAxis(percentAxis);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        var rated = new ListSeries("Rated sessions");
        var poor = new ListSeries("Poor rating %");
        for (LocalDate point : points) {
            FeedbackCounts c = report.trend().get(point);
            rated.addData(c.rated());
            poor.addData(c.poorPercent() == null ? null : Math.round(c.poorPercent() * 100) / 100.0);
        }
        var line = new PlotOptionsLine();
        line.setAnimation(false);
        poor.setPlotOptions(line);
        poor.setyAxis(1);
        conf.addSeries(rated);
        conf.addSeries(poor);
        return chart;
    }

    private Component tokens(ReliabilityService.FeedbackReport report) {
        var groups = new FlexLayout();
        groups.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        groups.getStyle().set("gap", "var(--lumo-space-m)");
        for (ProblemTokens.Group group : ProblemTokens.Group.values()) {
            var grid = new Grid<Map.Entry<String, Long>>();
            grid.setId("tokens-" + group.name().toLowerCase(Locale.ROOT));
            grid.addThemeVariants(GridVariant.LUMO_COMPACT);
            grid.setAllRowsVisible(true);
            grid.setEmptyStateText("No " + group.label().toLowerCase(Locale.ROOT) + " tokens.");
            grid.addColumn(Map.Entry::getKey)
                    .setHeader(group.label() + " token")
                    .setFlexGrow(1);
            grid.addColumn(e -> LocaleNumbers.format(e.getValue(), locale))
                    .setHeader("Ratings")
                    .setTextAlign(ColumnTextAlign.END)
                    .setAutoWidth(true)
                    .setFlexGrow(0);
            grid.setItems(report.tokens().get(group));
            grid.setWidth("22em");
            groups.add(grid);
        }
        return groups;
    }

    private Component split(ReliabilityService.FeedbackReport report, ReliabilitySplit split) {
        var grid = new Grid<ReliabilityService.FeedbackSplitRow>();
        grid.setId("split-" + split.name().toLowerCase(Locale.ROOT));
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No ratings in this range.");
        grid.addColumn(ReliabilityService.FeedbackSplitRow::label)
                .setHeader(split.title())
                .setFlexGrow(1)
                .setResizable(true);
        grid.addColumn(r -> LocaleNumbers.format(r.counts().rated(), locale))
                .setHeader("Rated sessions")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> Figures.average(r.counts().average()))
                .setHeader("Average rating")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> Figures.percent(r.counts().poorPercent()))
                .setHeader("Poor rating %")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setItems(report.splits().get(split));
        grid.setWidthFull();
        return grid;
    }

    private Component comments(ReliabilityFilter filter) {
        var grid = new Grid<ReliabilityService.Comment>();
        grid.setId("comments");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No comments in this range and filter.");
        grid.addColumn(c -> c.sessionStart().toString())
                .setHeader("Session start (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ReliabilityService.Comment::user)
                .setHeader("User")
                .setAutoWidth(true)
                .setResizable(true);
        grid.addColumn(ReliabilityService.Comment::side)
                .setHeader("Side")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ReliabilityService.Comment::rating)
                .setHeader("Rating")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(ReliabilityService.Comment::tokens)
                .setHeader("Tokens")
                .setAutoWidth(true)
                .setResizable(true);
        grid.addColumn(ReliabilityService.Comment::text).setHeader("Comment").setFlexGrow(1);
        grid.setItems(query -> service.comments(filter, query.getOffset(), query.getLimit()).stream(), query ->
                (int) Math.min(Integer.MAX_VALUE, service.commentCount(filter)));
        grid.setHeight("24em");
        grid.setWidthFull();
        return grid;
    }
}
