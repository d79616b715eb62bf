package org.commsportal.deviceusage.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.ReportLink;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.base.ui.UserTableSection;
import org.commsportal.common.ReportPeriod;
import org.commsportal.deviceusage.DeviceUsageReport;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.DeviceUserColumn;
import org.commsportal.deviceusage.DeviceUserQuery;
import org.commsportal.deviceusage.DeviceUserRow;
import org.commsportal.deviceusage.UnknownAgent;
import org.commsportal.export.ExportFormat;
import org.commsportal.savedviews.SavedViews;
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
class DeviceUsageView extends VerticalLayout implements BeforeEnterObserver {

    static final String COLUMNS_PREFERENCE = "device-usage.columns";

    private final DeviceUsageService service;
    private final AccountPreferences preferences;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Grid<UnknownAgent> unknownAgents = new Grid<>();
    private @Nullable UserTableGrid<DeviceUserRow, DeviceUserColumn, DeviceUserQuery> grid;
    private @Nullable ColumnChooser<DeviceUserColumn> columns;
    private @Nullable UserTableSection usersSection;
    private final ReportLink<DeviceUserColumn> link;
    private final Select<ReportPeriod> period = new Select<>();
    private DeviceUserQuery query = DeviceUserQuery.of(ReportPeriod.D7);

    DeviceUsageView(DeviceUsageService service, AccountPreferences preferences, SavedViews savedViews) {
        this.service = service;
        this.preferences = preferences;
        setId("device-usage");
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
        add(new H2("Device usage"), header, charts, unknownAgentsSection());

        if (service.mayReadPerUserData()) {
            add(userTable());
        } else {
            var note = new Paragraph("Your role shows the charts only: per-user figures need a reports reader or "
                    + "administrator role.");
            note.setId("charts-only");
            add(note);
        }
        link = new ReportLink<>(
                "usage/device-usage",
                DeviceUserColumn.class,
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

    private UserTableSection userTable() {
        var table = DeviceUserGrid.of(service, () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                DeviceUserColumn.class, DeviceUserColumn::header, table, preferences, COLUMNS_PREFERENCE);
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

    private void showPeriod(ReportPeriod period) {
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
        if (grid == null || usersSection == null) {
            return;
        }
        grid.getDataProvider().refreshAll();
        boolean filtered = !query.nameContains().isEmpty();
        long shown = service.countUsers(query);
        usersSection.show(query.day(), shown, filtered ? service.countUsers(query.withFilter("")) : shown, filtered);
        link.update();
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
        DeviceUserQuery current = grid.currentQuery();
        List<DeviceUserColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.countUsers(current),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
