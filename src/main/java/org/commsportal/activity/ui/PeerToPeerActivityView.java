package org.commsportal.activity.ui;

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
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.commsportal.activity.ActivityReport;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
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
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * Peer-to-peer activity (docs/peer-to-peer-activity.md): three charts over the period, and the per-user table that a click on
 * a chart day scopes to that day. Sorting, filtering, paging and exports run in the database.
 */
@Route("usage/peer-to-peer-activity")
@PageTitle("Peer-to-peer activity | Comms Usage Portal")
@Menu(order = 1, title = "Peer-to-peer activity", icon = "vaadin:chart")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class PeerToPeerActivityView extends VerticalLayout implements BeforeEnterObserver {

    static final String COLUMNS_PREFERENCE = "peer-to-peer-activity.columns";

    private final ActivityService activity;
    private final AccountPreferences preferences;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Checkbox logarithmic = new Checkbox("Logarithmic scale");
    private @Nullable UserTableGrid<UserActivityRow, UserActivityColumn, UserTableQuery> grid;
    private @Nullable ColumnChooser<UserActivityColumn> columns;
    private @Nullable UserTableSection usersSection;
    private final ReportLink<UserActivityColumn> link;
    private final Select<ReportPeriod> period = new Select<>();
    private UserTableQuery query = UserTableQuery.of(ReportPeriod.D7);

    PeerToPeerActivityView(ActivityService activity, AccountPreferences preferences, SavedViews savedViews) {
        this.activity = activity;
        this.preferences = preferences;
        setId("peer-to-peer-activity");
        setWidthFull();

        period.setId("period");
        period.setLabel("Period");
        period.setItems(ReportPeriod.values());
        period.setItemLabelGenerator(ReportPeriod::label);
        period.setValue(ReportPeriod.D7);
        period.addValueChangeListener(event -> showPeriod(event.getValue()));
        dataAsOf.setId("data-as-of");
        logarithmic.setId("log-scale");
        // Small series (video, file transfers) stay readable beside large ones (IM); the chosen day stays
        logarithmic.addValueChangeListener(event -> showCharts(activity.activity(period.getValue())));
        var header = new HorizontalLayout(period, logarithmic, dataAsOf, ReportLink.copyButton());
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        LocaleNumbers.useInCharts(getLocale());
        charts.setId("charts");
        charts.setWidthFull();
        charts.addClassName("report-charts");
        add(new H2("Peer-to-peer activity"), header, charts);

        if (activity.mayReadPerUserData()) {
            add(userTable());
        } else {
            var note = new Paragraph("Your role shows the charts only: per-user figures need a reports reader or "
                    + "administrator role.");
            note.setId("charts-only");
            add(note);
        }
        link = new ReportLink<>(
                "usage/peer-to-peer-activity",
                UserActivityColumn.class,
                period,
                grid,
                columns,
                usersSection,
                () -> query.day(),
                this::showDay,
                activity::reportDate);
        header.add(link.saveButton(savedViews::trySave));
        showPeriod(ReportPeriod.D7);
    }

    private UserTableSection userTable() {
        var table = UserActivityGrid.of(activity, () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                UserActivityColumn.class, UserActivityColumn::header, table, preferences, COLUMNS_PREFERENCE);
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
        showCharts(activity.activity(period));
        refreshTable(query.withPeriod(period));
    }

    private void showCharts(ActivityReport report) {
        dataAsOf.setText("Data as of " + report.reportDate() + " (UTC) · figures read "
                + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
        charts.removeAll();
        for (Chart chart : ActivityCharts.of(report, this::showDay, logarithmic.getValue())) {
            charts.add(chart);
        }
    }

    private void showDay(LocalDate day) {
        refreshTable(query.withDay(day));
    }

    private void refreshTable(UserTableQuery newQuery) {
        query = newQuery;
        if (grid == null || usersSection == null) {
            return;
        }
        grid.getDataProvider().refreshAll();
        boolean filtered = !query.nameContains().isEmpty();
        long shown = activity.countUsers(query);
        usersSection.show(query.day(), shown, filtered ? activity.countUsers(query.withFilter("")) : shown, filtered);
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
        UserTableQuery current = grid.currentQuery();
        List<UserActivityColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                activity.exportFileName(current, format),
                activity.countUsers(current),
                (out, progress) -> activity.export(current, chosen, format, out, progress));
    }
}
