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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.DayCharts;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.ReportLink;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.common.ReportPeriod;
import org.commsportal.export.ExportFormat;
import org.commsportal.pstn.PstnCallColumn;
import org.commsportal.pstn.PstnCallQuery;
import org.commsportal.pstn.PstnCallRow;
import org.commsportal.pstn.PstnCallType;
import org.commsportal.pstn.PstnTotals;
import org.commsportal.pstn.PstnUsageDay;
import org.commsportal.pstn.PstnUsageReport;
import org.commsportal.pstn.PstnUsageService;
import org.commsportal.savedviews.SavedViews;
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
class PstnUsageView extends VerticalLayout implements BeforeEnterObserver {

    static final String COLUMNS_PREFERENCE = "pstn-usage.columns";
    private static final String ANY_COUNTRY = "";
    static final String ROUTE = "usage/pstn-usage";
    /** The link parameters of the direction and country filters (docs/pages.md#links). */
    static final String DIRECTION = "direction";

    static final String COUNTRY = "country";

    private final PstnUsageService service;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Select<ReportPeriod> period = new Select<>();
    private final Select<PstnCallType.Direction> direction = new Select<>();
    private final Select<String> country = new Select<>();
    private final Span dayMarker = new Span();
    private final HorizontalLayout dayChip = new HorizontalLayout();
    private final Span callCount = new Span();
    private final Span chargeTotal = new Span();
    private final TextField user = new TextField();
    private final ReportLink<PstnCallColumn> link;
    private @Nullable UserTableGrid<PstnCallRow, PstnCallColumn, PstnCallQuery> grid;
    private @Nullable ColumnChooser<PstnCallColumn> columns;
    private PstnCallQuery query = PstnCallQuery.of(ReportPeriod.D7);

    PstnUsageView(PstnUsageService service, AccountPreferences preferences, SavedViews savedViews) {
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
        var header = new HorizontalLayout(period, dataAsOf, ReportLink.copyButton());
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
        link = new ReportLink<>(
                ROUTE,
                PstnCallColumn.class,
                period,
                grid,
                columns,
                grid == null ? null : new UserField(),
                () -> query.day(),
                this::showDay,
                service::reportDate);
        link.with(new Filters());
        header.add(link.saveButton(savedViews::trySave));
        showPeriod(ReportPeriod.D7);
    }

    /** The "user contains" field as the link reads and writes it. */
    private final class UserField implements ReportLink.UserFilter {
        @Override
        public String filterText() {
            return user.getValue();
        }

        @Override
        public void filterBy(String text) {
            user.setValue(text);
        }
    }

    /** The direction and country filters in the link: {@code direction=inbound}, {@code country=GB}. */
    private final class Filters implements ReportLink.ExtraParameters {
        @Override
        public void restore(Map<String, List<String>> values, List<String> problems) {
            PageAddress.single(values, DIRECTION)
                    .ifPresent(value -> Arrays.stream(PstnCallType.Direction.values())
                            .filter(d -> d.name().equalsIgnoreCase(value))
                            .findFirst()
                            .ifPresentOrElse(
                                    direction::setValue,
                                    () -> problems.add("direction " + PageAddress.shown(value)
                                            + " is neither inbound nor outbound")));
            PageAddress.single(values, COUNTRY).ifPresent(value -> {
                String code = value.strip().toUpperCase(Locale.ROOT);
                if (country.getListDataView().contains(code) && !code.isEmpty()) {
                    country.setValue(code);
                    refreshTable(query.withCountry(code));
                } else {
                    problems.add("country " + PageAddress.shown(value) + " is no destination of the period's calls");
                }
            });
        }

        @Override
        public void write(Map<String, String> state) {
            if (query.direction() != null) {
                state.put(DIRECTION, query.direction().name().toLowerCase(Locale.ROOT));
            }
            if (query.country() != null) {
                state.put(COUNTRY, query.country());
            }
        }
    }

    private VerticalLayout callTable(AccountPreferences preferences, ZoneId zone) {
        var table = PstnCallGrid.of(service, zone, () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                PstnCallColumn.class, PstnCallColumn::header, table, preferences, COLUMNS_PREFERENCE);
        columns = chooser;

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
        chargeTotal.setId("charge-total");
        var zoneLabel = new Span("Times in " + zone.getId());
        zoneLabel.setId("time-zone");
        zoneLabel.getElement().getThemeList().add("badge contrast");
        var toolbar = new HorizontalLayout(
                user,
                direction,
                country,
                dayChip,
                callCount,
                chargeTotal,
                zoneLabel,
                new Div(),
                chooser,
                new StreamedExports(this::prepareExport));
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(7));
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
                + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS))
                + (service.stillBuilding()
                        ? " · still deriving the calls of the sessions stored before this version: they are not shown"
                                + " until it finishes (reload to check)"
                        : ""));
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
        PstnTotals totals = service.totals(query);
        callCount.setText(totals.calls()
                + (totals.calls() == 1 ? " call, " : " calls, ")
                + totals.minutes()
                + (totals.minutes() == 1 ? " minute" : " minutes"));
        chargeTotal.setText(totals.charge() == null ? "" : "Charge " + totals.chargeText());
        chargeTotal.setVisible(totals.charge() != null);
        link.update();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        link.restore(event.getLocation().getQueryParameters());
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
