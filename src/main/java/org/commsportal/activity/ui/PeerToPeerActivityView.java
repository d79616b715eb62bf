package org.commsportal.activity.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.commsportal.activity.ActivityReport;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.ReportPeriod;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * Peer-to-peer activity (SPEC section 2): three charts over the period, and the per-user table that a click on
 * a chart day scopes to that day. Sorting, filtering, paging and exports run in the database.
 */
@Route("usage/peer-to-peer-activity")
@PageTitle("Peer-to-peer activity | Comms Usage Portal")
@Menu(order = 1, title = "Peer-to-peer activity", icon = "vaadin:chart")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.SFB_ADMIN, Roles.REPORTS_READER, Roles.GLOBAL_READER,
        Roles.USAGE_SUMMARY_READER})
class PeerToPeerActivityView extends VerticalLayout {

    static final String COLUMNS_PREFERENCE = "peer-to-peer-activity.columns";

    private final ActivityService activity;
    private final AccountPreferences preferences;
    private final Span dataAsOf = new Span();
    private final Div charts = new Div();
    private final Span dayMarker = new Span();
    private final HorizontalLayout dayChip = new HorizontalLayout();
    private final ProgressBar exportProgress = new ProgressBar();
    private @Nullable UserActivityGrid grid;
    private UserTableQuery query = UserTableQuery.of(ReportPeriod.D7);
    private volatile ExportRequest pendingExport = new ExportRequest(query, List.of(UserActivityColumn.values()), 0);

    /** What the next download writes: captured in the UI thread when an export button is clicked. */
    private record ExportRequest(UserTableQuery query, List<UserActivityColumn> columns, long expectedRows) {
    }

    PeerToPeerActivityView(ActivityService activity, AccountPreferences preferences) {
        this.activity = activity;
        this.preferences = preferences;
        setId("peer-to-peer-activity");
        setWidthFull();

        var period = new Select<ReportPeriod>();
        period.setId("period");
        period.setLabel("Period");
        period.setItems(ReportPeriod.values());
        period.setItemLabelGenerator(ReportPeriod::label);
        period.setValue(ReportPeriod.D7);
        period.addValueChangeListener(event -> showPeriod(event.getValue()));
        dataAsOf.setId("data-as-of");
        var header = new HorizontalLayout(period, dataAsOf);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

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
        showPeriod(ReportPeriod.D7);
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

        var table = new UserActivityGrid(activity, () -> query);
        grid = table;
        applyVisibleColumns(savedColumns());

        exportProgress.setId("export-progress");
        exportProgress.setWidth("12em");
        exportProgress.setVisible(false);
        var toolbar = new HorizontalLayout(filter, dayChip, new Div(), columnChooser(), exportButton(ExportFormat.CSV),
                exportButton(ExportFormat.XLSX), exportProgress);
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(2));

        var section = new VerticalLayout(new H3("Users"), toolbar, table);
        section.setPadding(false);
        section.setWidthFull();
        table.setHeight("520px");
        return section;
    }

    private void showPeriod(ReportPeriod period) {
        ActivityReport report = activity.activity(period);
        dataAsOf.setText("Data as of " + report.reportDate() + " (UTC) · figures read "
                + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(ChronoUnit.SECONDS)));
        charts.removeAll();
        for (Chart chart : ActivityCharts.of(report, this::showDay)) {
            charts.add(chart);
        }
        refreshTable(query.withPeriod(period));
    }

    private void showDay(LocalDate day) {
        refreshTable(query.withDay(day));
    }

    private void refreshTable(UserTableQuery newQuery) {
        query = newQuery;
        if (grid == null) {
            return;
        }
        LocalDate day = query.day();
        dayChip.setVisible(day != null);
        dayMarker.setText(day == null ? "" : "day: " + day);
        grid.getDataProvider().refreshAll();
    }

    private MenuBar columnChooser() {
        var menu = new MenuBar();
        menu.setId("column-chooser");
        menu.addThemeVariants(com.vaadin.flow.component.menubar.MenuBarVariant.LUMO_TERTIARY);
        SubMenu columns = menu.addItem("Columns").getSubMenu();
        Set<UserActivityColumn> visible = savedColumns();
        for (UserActivityColumn column : UserActivityColumn.values()) {
            MenuItem item = columns.addItem(column.header());
            item.setCheckable(true);
            item.setChecked(visible.contains(column));
            item.setKeepOpen(true);
            item.addClickListener(click -> {
                Set<UserActivityColumn> chosen = visibleColumns();
                if (item.isChecked()) {
                    chosen.add(column);
                } else if (chosen.size() > 1) {
                    chosen.remove(column);
                } else {
                    item.setChecked(true); // keep at least one column
                }
                applyVisibleColumns(chosen);
                preferences.put(COLUMNS_PREFERENCE,
                        chosen.stream().map(Enum::name).collect(Collectors.joining(",")));
            });
        }
        return menu;
    }

    private Set<UserActivityColumn> savedColumns() {
        Set<UserActivityColumn> saved = EnumSet.noneOf(UserActivityColumn.class);
        preferences.get(COLUMNS_PREFERENCE).ifPresent(value -> Arrays.stream(value.split(","))
                .filter(name -> Arrays.stream(UserActivityColumn.values()).anyMatch(c -> c.name().equals(name)))
                .map(UserActivityColumn::valueOf)
                .forEach(saved::add));
        return saved.isEmpty() ? EnumSet.allOf(UserActivityColumn.class) : saved;
    }

    private Set<UserActivityColumn> visibleColumns() {
        Set<UserActivityColumn> visible = new LinkedHashSet<>();
        if (grid != null) {
            for (UserActivityColumn column : UserActivityColumn.values()) {
                if (grid.getColumnByKey(column.name()).isVisible()) {
                    visible.add(column);
                }
            }
        }
        return visible;
    }

    private void applyVisibleColumns(Set<UserActivityColumn> visible) {
        if (grid != null) {
            for (UserActivityColumn column : UserActivityColumn.values()) {
                grid.getColumnByKey(column.name()).setVisible(visible.contains(column));
            }
        }
    }

    /**
     * A button that starts a streamed download of the whole table: every row matching the period or day, the
     * filter and the sort, with the visible columns. A progress bar follows the rows written.
     */
    private Button exportButton(ExportFormat format) {
        var anchor = new Anchor(exportHandler(format), "");
        anchor.getElement().setAttribute("download", true);
        anchor.setId("export-" + format.fileExtension() + "-link");
        anchor.getStyle().set("display", "none");
        add(anchor);
        var button = new Button("Export " + (format == ExportFormat.CSV ? "CSV" : "Excel"),
                VaadinIcon.DOWNLOAD.create());
        button.setId("export-" + format.fileExtension());
        button.addClickListener(click -> {
            if (grid == null) {
                return;
            }
            UserTableQuery current = grid.currentQuery();
            pendingExport = new ExportRequest(current, List.copyOf(visibleColumns()), activity.countUsers(current));
            exportProgress.setValue(0);
            exportProgress.setVisible(true);
            UI.getCurrent().setPollInterval(300);
            anchor.getElement().callJsFunction("click");
        });
        return button;
    }

    private DownloadHandler exportHandler(ExportFormat format) {
        return event -> {
            UI ui = event.getUI();
            ExportRequest request = pendingExport;
            event.setFileName("peer-to-peer-activity-" + activity.reportDate() + "." + format.fileExtension());
            event.setContentType(format.contentType());
            try (OutputStream out = event.getOutputStream()) {
                long rows = activity.export(request.query(), request.columns(), format, out, written ->
                        ui.access(() -> exportProgress.setValue(
                                request.expectedRows() == 0 ? 1 : Math.min(1, (double) written / request.expectedRows()))));
                ui.access(() -> exportFinished(Notification.show("Exported " + rows + " rows."), null));
            } catch (Exception e) {
                ui.access(() -> exportFinished(null, "The export failed: " + e.getClass().getSimpleName()
                        + ". Nothing more was written; try again."));
                throw e;
            }
        };
    }

    private void exportFinished(@Nullable Notification done, @Nullable String error) {
        exportProgress.setVisible(false);
        UI.getCurrent().setPollInterval(-1);
        if (error != null) {
            Notification.show(error, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        } else if (done != null) {
            done.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }
}
