package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.ChartOptions;
import com.vaadin.flow.component.charts.model.Lang;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.AccountPreferences;
import org.commsportal.skypeactivity.SkypeActivityColumn;
import org.commsportal.skypeactivity.SkypeActivityPage;
import org.commsportal.skypeactivity.SkypeActivityQuery;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.jspecify.annotations.Nullable;

/**
 * What the activity, conference organizer and conference participant pages share (docs/skype-for-business-activity.md):
 * a period ending at the report date, the page's charts, and the per-user table that a click on a chart day scopes
 * to that day. Sorting, filtering, paging and exports run in the database.
 */
abstract class SkypeActivityPageView extends VerticalLayout {

    private final SkypeActivityService service;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Span dayMarker = new Span();
    private final HorizontalLayout dayChip = new HorizontalLayout();
    private final Span userCount = new Span();
    private final Checkbox logarithmic = new Checkbox("Logarithmic scale");
    private final Select<ReportPeriod> period = new Select<>();
    private @Nullable SkypeActivityGrid grid;
    private @Nullable ColumnChooser<SkypeActivityColumn> columns;
    private SkypeActivityQuery query;

    SkypeActivityPageView(
            SkypeActivityPage page, SkypeActivityService service, AccountPreferences preferences, String note) {
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
        var header = new HorizontalLayout(period, logarithmic, dataAsOf);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        // One number format in tooltips and axis labels: the browser's, as the rest of the page's numbers
        var symbols = java.text.DecimalFormatSymbols.getInstance(getLocale());
        var lang = new Lang();
        lang.setThousandsSep(String.valueOf(symbols.getGroupingSeparator()));
        lang.setDecimalPoint(String.valueOf(symbols.getDecimalSeparator()));
        ChartOptions.get().setLang(lang);
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
        showPeriod(ReportPeriod.D7);
    }

    SkypeActivityService service() {
        return service;
    }

    /** The page's charts over the days of [from, to]; a click on a day calls onDay. */
    abstract List<Chart> charts(LocalDate from, LocalDate to, Consumer<LocalDate> onDay, boolean logarithmic);

    private VerticalLayout userTable(SkypeActivityPage page, AccountPreferences preferences) {
        var filter = new TextField();
        filter.setId("user-filter");
        filter.setPlaceholder("User name contains");
        filter.setAriaLabel("User name contains");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(event -> refreshTable(query.withFilter(event.getValue())));

        dayMarker.setId("day-marker");
        var removeDay = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> refreshTable(query.withDay(null)));
        removeDay.setId("remove-day");
        removeDay.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        removeDay.setAriaLabel("Show the whole period");
        dayChip.add(dayMarker, removeDay);
        dayChip.setSpacing(false);
        dayChip.setAlignItems(FlexComponent.Alignment.CENTER);
        dayChip.getElement().getThemeList().add("badge pill");
        dayChip.setVisible(false);

        var table = new SkypeActivityGrid(service, page.columns(), () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                SkypeActivityColumn.class,
                page.columns(),
                SkypeActivityColumn::header,
                table,
                preferences,
                page.slug() + ".columns");
        columns = chooser;
        userCount.setId("user-count");
        var toolbar = new HorizontalLayout(
                filter, dayChip, userCount, new Div(), chooser, new StreamedExports(this::prepareExport));
        toolbar.setWidthFull();
        toolbar.setWrap(true); // on a phone the exports go to a second line instead of off the screen
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(3));

        var section = new VerticalLayout(new H3("Users"), toolbar, table);
        section.setPadding(false);
        section.setWidthFull();
        // Below the charts: scrolled to, the table fills the window under the toolbar, whatever its height
        table.setHeight("calc(100vh - 9rem)");
        table.setMinHeight("22rem");
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
        charts(service.firstDay(shown), to, day -> refreshTable(query.withDay(day)), logarithmic.getValue())
                .forEach(charts::add);
    }

    private void refreshTable(SkypeActivityQuery newQuery) {
        query = newQuery;
        if (grid == null) {
            return;
        }
        LocalDate day = query.day();
        dayChip.setVisible(day != null);
        dayMarker.setText(day == null ? "" : "day: " + day);
        grid.getDataProvider().refreshAll();
        long shown = service.countUsers(query);
        if (query.nameContains().isEmpty()) {
            userCount.setText(shown + (shown == 1 ? " user" : " users"));
        } else {
            long all = service.countUsers(query.withFilter(""));
            userCount.setText(shown + " of " + all + (all == 1 ? " user" : " users"));
        }
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
