package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.ReportLink;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.base.ui.UserTableSection;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountPreferences;
import org.commsportal.skypeactivity.SkypeActivityColumn;
import org.commsportal.skypeactivity.SkypeActivityPage;
import org.commsportal.skypeactivity.SkypeActivityQuery;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.commsportal.skypeactivity.SkypeActivityUserRow;
import org.jspecify.annotations.Nullable;

/**
 * What the activity, conference organizer and conference participant pages share (docs/skype-for-business-activity.md):
 * a period ending at the report date, the page's charts, and the per-user table that a click on a chart day scopes
 * to that day. Sorting, filtering, paging and exports run in the database.
 */
abstract class SkypeActivityPageView extends VerticalLayout implements BeforeEnterObserver {

    private final SkypeActivityService service;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Checkbox logarithmic = new Checkbox("Logarithmic scale");
    private final Select<ReportPeriod> period = new Select<>();
    private @Nullable UserTableGrid<SkypeActivityUserRow, SkypeActivityColumn, SkypeActivityQuery> grid;
    private @Nullable ColumnChooser<SkypeActivityColumn> columns;
    private @Nullable UserTableSection usersSection;
    private final ReportLink<SkypeActivityColumn> link;
    private SkypeActivityQuery query;

    SkypeActivityPageView(
            SkypeActivityPage page,
            SkypeActivityService service,
            AccountPreferences preferences,
            SavedViews savedViews,
            String note) {
        this.service = service;
        this.query = SkypeActivityQuery.of(page, ReportPeriod.D7);
        setId(page.slug());
        setWidthFull();

        period.setId("period");
        period.setLabel("Period");
        period.setItems(ReportPeriod.values());
        period.setItemLabelGenerator(ReportPeriod::label);
        period.setValue(ReportPeriod.D7);
        period.addValueChangeListener(event -> showPeriod(event.getValue()));
        dataAsOf.setId("data-as-of");
        logarithmic.setId("log-scale");
        logarithmic.addValueChangeListener(event -> showCharts());
        var header = new HorizontalLayout(period, logarithmic, dataAsOf, ReportLink.copyButton());
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        LocaleNumbers.useInCharts(getLocale());
        charts.setId("charts");
        charts.setWidthFull();
        charts.addClassName("report-charts");
        var explanation = new Paragraph(note);
        explanation.setId("report-note");
        add(new H2(page.title()), header, explanation, charts);

        if (service.mayReadPerUserData()) {
            add(userTable(page, preferences));
        } else {
            var chartsOnly = new Paragraph("Your role shows the charts only: per-user figures need a reports reader or "
                    + "administrator role.");
            chartsOnly.setId("charts-only");
            add(chartsOnly);
        }
        link = new ReportLink<>(
                "usage/" + page.slug(),
                SkypeActivityColumn.class,
                period,
                grid,
                columns,
                usersSection,
                () -> query.day(),
                this::showDay,
                service::reportDate);
        header.add(link.saveButton(savedViews::trySave));
        showPeriod(ReportPeriod.D7);
    }

    SkypeActivityService service() {
        return service;
    }

    /** The page's charts over the days of [from, to]; a click on a day calls onDay. */
    abstract List<Chart> charts(LocalDate from, LocalDate to, Consumer<LocalDate> onDay, boolean logarithmic);

    private UserTableSection userTable(SkypeActivityPage page, AccountPreferences preferences) {
        var table = SkypeActivityGrid.of(service, page.columns(), () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                SkypeActivityColumn.class,
                page.columns(),
                SkypeActivityColumn::header,
                table,
                preferences,
                page.slug() + ".columns");
        columns = chooser;
        var section = new UserTableSection(
                table,
                filter -> refreshTable(query.withFilter(filter)),
                () -> refreshTable(query.withDay(null)),
                chooser,
                new StreamedExports(this::prepareExport));
        usersSection = section;
        return section;
    }

    private void showPeriod(ReportPeriod newPeriod) {
        showCharts();
        refreshTable(query.withPeriod(newPeriod));
    }

    private void showCharts() {
        ReportPeriod shown = period.getValue();
        LocalDate to = service.reportDate();
        dataAsOf.setText("Data as of " + to + " (UTC)");
        charts.removeAll();
        charts(service.firstDay(shown), to, this::showDay, logarithmic.getValue())
                .forEach(charts::add);
    }

    private void refreshTable(SkypeActivityQuery newQuery) {
        query = newQuery;
        if (grid == null || usersSection == null) {
            return;
        }
        grid.getDataProvider().refreshAll();
        boolean filtered = !query.nameContains().isEmpty();
        long shown = service.countUsers(query);
        usersSection.show(query.day(), shown, filtered ? service.countUsers(query.withFilter("")) : shown, filtered);
        link.update();
    }

    private void showDay(LocalDate day) {
        refreshTable(query.withDay(day));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        link.restore(event.getLocation().getQueryParameters());
    }

    /** Every row matching the period or day, the filter and the sort, with the visible columns. */
    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        if (grid == null || columns == null) {
            return null;
        }
        SkypeActivityQuery current = grid.currentQuery();
        List<SkypeActivityColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.countUsers(current),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
