package org.commsportal.pstn.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.DayCharts;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.pstn.PstnCallColumn;
import org.commsportal.pstn.PstnCallQuery;
import org.commsportal.pstn.PstnCallRow;
import org.commsportal.pstn.PstnCallType;
import org.commsportal.pstn.PstnUsageDay;
import org.commsportal.pstn.PstnUsageReport;
import org.commsportal.pstn.PstnUsageService;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * PSTN usage (docs/pstn-usage.md): minutes per UTC day by call type and domestic / international, and every call
 * with a telephone party, start times in the viewer's zone, filtered, sorted, paged and exported in the database. A
 * click on a chart day scopes the table to that day.
 */
@Route("usage/pstn-usage")
@PageTitle("PSTN usage | Comms Usage Portal")
@Menu(order = 4.5, title = "PSTN usage", icon = "vaadin:phone-landline")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class PstnUsageView extends VerticalLayout {

    static final String COLUMNS_PREFERENCE = "pstn-usage.columns";
    private static final String ANY_COUNTRY = "";

    private final PstnUsageService service;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Select<ReportPeriod> period = new Select<>();
    private final Select<PstnCallType.Direction> direction = new Select<>();
    private final Select<String> country = new Select<>();
    private final Span dayMarker = new Span();
    private final HorizontalLayout dayChip = new HorizontalLayout();
    private final Span callCount = new Span();
    private @Nullable UserTableGrid<PstnCallRow, PstnCallColumn, PstnCallQuery> grid;
    private @Nullable ColumnChooser<PstnCallColumn> columns;
    private PstnCallQuery query = PstnCallQuery.of(ReportPeriod.D7);

    PstnUsageView(PstnUsageService service, AccountPreferences preferences) {
        this.service = service;
        setId("pstn-usage");
        setWidthFull();

        period.setId("period");
        period.setLabel("Period");
        period.setItems(ReportPeriod.values());
        period.setItemLabelGenerator(ReportPeriod::label);
        period.setValue(ReportPeriod.D7);
        period.addValueChangeListener(event -> showPeriod(event.getValue()));
        dataAsOf.setId("data-as-of");
        var header = new HorizontalLayout(period, dataAsOf);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        LocaleNumbers.useInCharts(getLocale());
        charts.setId("charts");
        charts.setWidthFull();
        charts.addClassName("report-charts");
        add(new H2("PSTN usage"), header, charts);

        if (service.mayReadPerUserData()) {
            add(callTable(preferences, service.viewerZone()));
        } else {
            var note = new Paragraph(
                    "Your role shows the charts only: the calls need a reports reader or " + "administrator role.");
            note.setId("charts-only");
            add(note);
        }
        showPeriod(ReportPeriod.D7);
    }

    private VerticalLayout callTable(AccountPreferences preferences, ZoneId zone) {
        var table = PstnCallGrid.of(service, zone, () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                PstnCallColumn.class, PstnCallColumn::header, table, preferences, COLUMNS_PREFERENCE);
        columns = chooser;

        var user = new TextField();
        user.setId("user-filter");
        user.setPlaceholder("User contains");
        user.setAriaLabel("User contains");
        user.setPrefixComponent(VaadinIcon.SEARCH.create());
        user.setClearButtonVisible(true);
        user.setValueChangeMode(ValueChangeMode.LAZY);
        user.addValueChangeListener(event -> refreshTable(query.withUserContains(event.getValue())));

        direction.setId("direction-filter");
        direction.setAriaLabel("Direction");
        direction.setEmptySelectionAllowed(true);
        direction.setEmptySelectionCaption("Any direction");
        direction.setItems(PstnCallType.Direction.values());
        direction.setItemLabelGenerator(d -> d == null ? "Any direction" : d.label());
        direction.addValueChangeListener(event -> refreshTable(query.withDirection(event.getValue())));

        country.setId("country-filter");
        country.setAriaLabel("Destination country");
        country.setItemLabelGenerator(code -> code == null || code.isEmpty() ? "Any country" : code);
        country.addValueChangeListener(event -> {
            if (event.isFromClient()) {
                refreshTable(query.withCountry(event.getValue()));
            }
        });

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

        callCount.setId("call-count");
        var zoneLabel = new Span("Times in " + zone.getId());
        zoneLabel.setId("time-zone");
        zoneLabel.getElement().getThemeList().add("badge contrast");
        var toolbar = new HorizontalLayout(
                user,
                direction,
                country,
                dayChip,
                callCount,
                zoneLabel,
                new Div(),
                chooser,
                new StreamedExports(this::prepareExport));
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(6));
        table.setHeight("calc(100vh - 9rem)");
        table.setMinHeight("22rem");
        var section = new VerticalLayout(new H3("Calls"), toolbar, table);
        section.setPadding(false);
        section.setWidthFull();
        return section;
    }

    private void showPeriod(ReportPeriod newPeriod) {
        PstnUsageReport report = service.report(newPeriod);
        dataAsOf.setText("Data as of " + report.reportDate() + " (UTC) · figures read "
                + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
        charts.removeAll();
        List<DayCharts.Series<PstnUsageDay>> byType = new ArrayList<>();
        for (PstnCallType type : PstnCallType.values()) {
            byType.add(new DayCharts.Series<>(type.label(), day -> day.minutes(type)));
        }
        charts.add(DayCharts.chart(
                "type-chart",
                "Minutes by call type",
                "Minutes",
                report.days(),
                PstnUsageDay::day,
                this::showDay,
                false,
                byType));
        charts.add(DayCharts.chart(
                "reach-chart",
                "Domestic and international minutes",
                "Minutes",
                report.days(),
                PstnUsageDay::day,
                this::showDay,
                false,
                List.of(
                        new DayCharts.Series<>("Domestic", PstnUsageDay::domestic),
                        new DayCharts.Series<>("International", PstnUsageDay::international),
                        new DayCharts.Series<>("Unknown", PstnUsageDay::unknown))));
        if (grid != null) {
            List<String> countries = new ArrayList<>();
            countries.add(ANY_COUNTRY);
            countries.addAll(service.countries(newPeriod));
            String chosen = query.country();
            country.setItems(countries);
            country.setValue(chosen != null && countries.contains(chosen) ? chosen : ANY_COUNTRY);
            refreshTable(query.withPeriod(newPeriod).withCountry(country.getValue()));
        }
    }

    private void showDay(LocalDate day) {
        refreshTable(query.withDay(day));
    }

    private void refreshTable(PstnCallQuery newQuery) {
        query = newQuery;
        if (grid == null) {
            return;
        }
        grid.getDataProvider().refreshAll();
        dayChip.setVisible(query.day() != null);
        dayMarker.setText(query.day() == null ? "" : "day: " + query.day());
        long shown = service.countCalls(query);
        callCount.setText(shown + (shown == 1 ? " call" : " calls"));
    }

    /** Every row matching the period or day, the filters and the sort, with the visible columns. */
    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        if (grid == null || columns == null) {
            return null;
        }
        PstnCallQuery current = grid.currentQuery();
        List<PstnCallColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.countCalls(current),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
