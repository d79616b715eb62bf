package org.commsportal.deviceusage.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.ChartOptions;
import com.vaadin.flow.component.charts.model.Lang;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.deviceusage.DeviceUsagePeriod;
import org.commsportal.deviceusage.DeviceUsageReport;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.DeviceUserColumn;
import org.commsportal.deviceusage.DeviceUserQuery;
import org.commsportal.deviceusage.DeviceUserRow;
import org.commsportal.deviceusage.UnknownAgent;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * Device usage (docs/device-usage.md): distinct users per client platform per day and over the period, the
 * unrecognised client versions, and the per-user table that a click on a chart day scopes to that day. Sorting,
 * filtering, paging and exports run in the database.
 */
@Route("usage/device-usage")
@PageTitle("Device usage | Comms Usage Portal")
@Menu(order = 4, title = "Device usage", icon = "vaadin:mobile")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class DeviceUsageView extends VerticalLayout {

    static final String COLUMNS_PREFERENCE = "device-usage.columns";

    private final DeviceUsageService service;
    private final AccountPreferences preferences;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Grid<UnknownAgent> unknownAgents = new Grid<>();
    private final Span dayMarker = new Span();
    private final HorizontalLayout dayChip = new HorizontalLayout();
    private final Span userCount = new Span();
    private @Nullable UserTableGrid<DeviceUserRow, DeviceUserColumn, DeviceUserQuery> grid;
    private @Nullable ColumnChooser<DeviceUserColumn> columns;
    private DeviceUserQuery query = DeviceUserQuery.of(DeviceUsagePeriod.D7);

    DeviceUsageView(DeviceUsageService service, AccountPreferences preferences) {
        this.service = service;
        this.preferences = preferences;
        setId("device-usage");
        setWidthFull();

        var period = new Select<DeviceUsagePeriod>();
        period.setId("period");
        period.setLabel("Period");
        period.setItems(DeviceUsagePeriod.values());
        period.setItemLabelGenerator(DeviceUsagePeriod::label);
        period.setValue(DeviceUsagePeriod.D7);
        period.addValueChangeListener(event -> showPeriod(event.getValue()));
        dataAsOf.setId("data-as-of");
        var header = new HorizontalLayout(period, dataAsOf);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        var symbols = java.text.DecimalFormatSymbols.getInstance(getLocale());
        var lang = new Lang();
        lang.setThousandsSep(String.valueOf(symbols.getGroupingSeparator()));
        lang.setDecimalPoint(String.valueOf(symbols.getDecimalSeparator()));
        ChartOptions.get().setLang(lang);
        charts.setId("charts");
        charts.setWidthFull();
        charts.addClassName("report-charts");
        add(new H2("Device usage"), header, charts, unknownAgentsSection());

        if (service.mayReadPerUserData()) {
            add(userTable());
        } else {
            var note = new Paragraph("Your role shows the charts only: per-user figures need a reports reader or "
                    + "administrator role.");
            note.setId("charts-only");
            add(note);
        }
        showPeriod(DeviceUsagePeriod.D7);
    }

    /** The client versions the platform table did not recognise, so an administrator sees what counts as Other. */
    private VerticalLayout unknownAgentsSection() {
        unknownAgents.setId("unknown-agents");
        unknownAgents.addThemeVariants(GridVariant.LUMO_COMPACT);
        unknownAgents.setAllRowsVisible(true);
        unknownAgents.setEmptyStateText("Every client version of the period was recognised.");
        unknownAgents
                .addColumn(agent -> agent.clientVersion().isEmpty() ? "(no client version)" : agent.clientVersion())
                .setHeader("Client version")
                .setFlexGrow(1);
        unknownAgents
                .addColumn(UnknownAgent::users)
                .setHeader("Users")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        unknownAgents
                .addColumn(UnknownAgent::sessions)
                .setHeader("Sessions")
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true)
                .setFlexGrow(0);
        var note = new Paragraph("Client versions counted as Other, the " + DeviceUsageService.UNKNOWN_AGENTS_SHOWN
                + " with the most users in the period (docs/device-usage.md lists what is recognised).");
        var section = new VerticalLayout(new H3("Unrecognised client versions"), note, unknownAgents);
        section.setPadding(false);
        section.setWidthFull();
        return section;
    }

    private VerticalLayout userTable() {
        var filter = new TextField();
        filter.setId("user-filter");
        filter.setPlaceholder("User name contains");
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

        var table = DeviceUserGrid.of(service, () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                DeviceUserColumn.class, DeviceUserColumn::header, table, preferences, COLUMNS_PREFERENCE);
        columns = chooser;
        userCount.setId("user-count");
        var toolbar = new HorizontalLayout(
                filter, dayChip, userCount, new Div(), chooser, new StreamedExports(this::prepareExport));
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(3));

        var section = new VerticalLayout(new H3("Users"), toolbar, table);
        section.setPadding(false);
        section.setWidthFull();
        table.setHeight("calc(100vh - 9rem)");
        table.setMinHeight("22rem");
        return section;
    }

    private void showPeriod(DeviceUsagePeriod period) {
        DeviceUsageReport report = service.report(period);
        dataAsOf.setText("Data as of " + report.reportDate() + " (UTC) · figures read "
                + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
        charts.removeAll();
        for (Chart chart : DeviceUsageCharts.of(report, this::showDay)) {
            charts.add(chart);
        }
        unknownAgents.setItems(report.unknownAgents());
        refreshTable(query.withPeriod(period));
    }

    private void showDay(LocalDate day) {
        refreshTable(query.withDay(day));
    }

    private void refreshTable(DeviceUserQuery newQuery) {
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
        DeviceUserQuery current = grid.currentQuery();
        List<DeviceUserColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.countUsers(current),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
