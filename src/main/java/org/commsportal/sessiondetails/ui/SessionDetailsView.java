package org.commsportal.sessiondetails.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.commsportal.export.ExportFormat;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.commsportal.sessiondetails.InvalidSearchException;
import org.commsportal.sessiondetails.SearchForm;
import org.commsportal.sessiondetails.SessionColumn;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionSearch;
import org.commsportal.sessiondetails.UserChoice;
import org.jspecify.annotations.Nullable;

/**
 * Session details (SPEC section 3): one user's sessions in a range entered in the viewer's time zone, sorted and
 * grouped in the database, each opening its quality sub-tabs; exports of the whole result set.
 */
@Route("usage/session-details")
@PageTitle("Session details | Comms Usage Portal")
@Menu(order = 2, title = "Session details", icon = "vaadin:phone")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.SFB_ADMIN, Roles.REPORTS_READER, Roles.GLOBAL_READER})
class SessionDetailsView extends VerticalLayout {

    static final String COLUMNS_PREFERENCE = "session-details.columns";
    static final String GROUP_BY_HINT = "Drag a column header here to group by that column";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SessionDetailsService service;
    private final AccountPreferences preferences;
    private final ZoneId zone;
    private final ComboBox<UserChoice> user = new ComboBox<>("Search user by alias");
    private final DateTimePicker from = new DateTimePicker("From date time");
    private final DateTimePicker to = new DateTimePicker("To date time");
    private final Span summary = new Span();
    private final HorizontalLayout groupBar = new HorizontalLayout();
    private final SessionTree tree;
    private final ProgressBar exportProgress = new ProgressBar();
    private volatile @Nullable ExportRequest pendingExport;

    /** What the next download writes: captured in the UI thread when an export button is clicked. */
    private record ExportRequest(SessionSearch search, List<SessionColumn> columns, long expectedRows) {
    }

    SessionDetailsView(SessionDetailsService service, AccountPreferences preferences) {
        this.service = service;
        this.preferences = preferences;
        this.zone = service.viewerZone();
        this.tree = new SessionTree(service, zone);
        setId("session-details");
        setWidthFull();

        user.setId("user-search");
        user.setPlaceholder("Alias or user name");
        user.setWidth("26em");
        user.setItemLabelGenerator(UserChoice::label);
        user.setItems(query -> service.findUsers(query.getFilter().orElse(""), query.getOffset() + query.getLimit())
                .stream().skip(query.getOffset()));
        from.setId("from");
        from.setRequiredIndicatorVisible(true);
        from.setValue(LocalDate.now(zone).minusDays(SearchForm.DEFAULT_DAYS).atStartOfDay());
        to.setId("to");
        to.setHelperText("Optional: From + " + SearchForm.DEFAULT_DAYS + " days");
        var zoneLabel = new Span("Times in " + SessionDetailsService.zoneName(zone));
        zoneLabel.setId("time-zone");
        zoneLabel.getElement().getThemeList().add("badge contrast");
        var search = new Button("Search", VaadinIcon.SEARCH.create(), click -> runSearch());
        search.setId("search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(user, from, to, search, zoneLabel);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        summary.setId("result-summary");
        groupBar.setId("group-by-bar");
        groupBar.setWidthFull();
        groupBar.setAlignItems(FlexComponent.Alignment.CENTER);
        groupBar.getStyle().set("border", "1px dashed var(--lumo-contrast-30pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)").set("min-height", "2.5em");
        DropTarget<HorizontalLayout> drop = DropTarget.create(groupBar);
        drop.addDropListener(event -> event.getDragData().ifPresent(data -> {
            if (data instanceof SessionColumn column) {
                groupBy(column);
            }
        }));
        showGrouping();

        exportProgress.setId("export-progress");
        exportProgress.setWidth("12em");
        exportProgress.setVisible(false);
        var toolbar = new HorizontalLayout(summary, new Div(), columnChooser(), exportButton(ExportFormat.CSV),
                exportButton(ExportFormat.XLSX), exportProgress);
        toolbar.setWidthFull();
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(1));

        applyVisibleColumns(savedColumns());
        tree.setHeight("560px");
        add(new H2("Session details"), form, toolbar, groupBar, tree);
    }

    private void runSearch() {
        List<com.vaadin.flow.component.HasValidation> fields = List.of(user, from, to);
        for (var field : fields) {
            field.setInvalid(false);
            field.setErrorMessage(null);
        }
        var form = new SearchForm(user.getValue() == null ? null : user.getValue().userId(), from.getValue(),
                to.getValue());
        Map<SearchForm.Field, String> errors = form.errors();
        if (errors.isEmpty()) {
            try {
                SessionSearch search = service.search(form);
                tree.show(search);
                summary.setText(service.countSessions(search, List.of()) + " sessions of " + search.userLabel()
                        + " from " + SHOWN.format(form.from()) + " to " + SHOWN.format(form.effectiveTo()) + " ("
                        + SessionDetailsService.zoneName(zone) + ")");
                return;
            } catch (InvalidSearchException e) {
                errors = e.errors();
            }
        }
        errors.forEach((field, message) -> {
            switch (field) {
                case USER -> showError(user, message);
                case FROM -> showError(from, message);
                case TO -> showError(to, message);
            }
        });
        tree.show(null);
        summary.setText("");
    }

    private static void showError(com.vaadin.flow.component.HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private void groupBy(SessionColumn column) {
        List<SessionColumn> levels = new ArrayList<>(tree.grouping());
        if (column.groupable() && !levels.contains(column)) {
            levels.add(column);
            tree.setGrouping(levels);
            showGrouping();
        }
    }

    private void ungroup(SessionColumn column) {
        List<SessionColumn> levels = new ArrayList<>(tree.grouping());
        levels.remove(column);
        tree.setGrouping(levels);
        showGrouping();
    }

    private void showGrouping() {
        groupBar.removeAll();
        List<SessionColumn> levels = tree.grouping();
        if (levels.isEmpty()) {
            var hint = new Span(GROUP_BY_HINT);
            hint.setId("group-by-hint");
            hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
            groupBar.add(hint);
            return;
        }
        for (SessionColumn column : levels) {
            var remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> ungroup(column));
            remove.setId("remove-group-" + column.name());
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            remove.setAriaLabel("Stop grouping by " + column.header());
            var chip = new HorizontalLayout(new Span(column.header()), remove);
            chip.setId("group-chip-" + column.name());
            chip.addClassName("group-chip");
            chip.setSpacing(false);
            chip.setAlignItems(FlexComponent.Alignment.CENTER);
            chip.getElement().getThemeList().add("badge pill");
            groupBar.add(chip);
        }
    }

    private MenuBar columnChooser() {
        var menu = new MenuBar();
        menu.setId("column-chooser");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        SubMenu columns = menu.addItem("Columns").getSubMenu();
        Set<SessionColumn> visible = savedColumns();
        for (SessionColumn column : SessionColumn.values()) {
            MenuItem item = columns.addItem(column.header());
            item.setCheckable(true);
            item.setChecked(visible.contains(column));
            item.setKeepOpen(true);
            item.addClickListener(click -> {
                Set<SessionColumn> chosen = visibleColumns();
                if (item.isChecked()) {
                    chosen.add(column);
                } else if (chosen.size() > 1) {
                    chosen.remove(column);
                } else {
                    item.setChecked(true); // keep at least one column
                }
                applyVisibleColumns(chosen);
                preferences.put(COLUMNS_PREFERENCE, chosen.stream().map(Enum::name).collect(Collectors.joining(",")));
            });
        }
        return menu;
    }

    private Set<SessionColumn> savedColumns() {
        Set<SessionColumn> saved = EnumSet.noneOf(SessionColumn.class);
        preferences.get(COLUMNS_PREFERENCE).ifPresent(value -> Arrays.stream(value.split(","))
                .filter(name -> Arrays.stream(SessionColumn.values()).anyMatch(c -> c.name().equals(name)))
                .map(SessionColumn::valueOf)
                .forEach(saved::add));
        return saved.isEmpty() ? EnumSet.allOf(SessionColumn.class) : saved;
    }

    private Set<SessionColumn> visibleColumns() {
        Set<SessionColumn> visible = EnumSet.noneOf(SessionColumn.class);
        for (SessionColumn column : SessionColumn.values()) {
            if (tree.column(column).isVisible()) {
                visible.add(column);
            }
        }
        return visible;
    }

    private void applyVisibleColumns(Set<SessionColumn> visible) {
        for (SessionColumn column : SessionColumn.values()) {
            tree.column(column).setVisible(visible.contains(column));
        }
    }

    /**
     * A button that starts a streamed download of the whole result set (group filters aside) in the table's order,
     * with the visible columns and times in the viewer's zone. A progress bar follows the rows written.
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
            SessionSearch current = tree.currentSearch();
            if (current == null) {
                Notification.show("Search first: the export holds the sessions the search finds.", 5000,
                        Notification.Position.MIDDLE);
                return;
            }
            List<SessionColumn> columns = List.copyOf(visibleColumns());
            pendingExport = new ExportRequest(current, columns, service.countSessions(current, List.of()));
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
            if (request == null) {
                event.getResponse().setStatus(404);
                return;
            }
            event.setFileName("session-details-" + LocalDate.ofInstant(request.search().from(), zone) + "."
                    + format.fileExtension());
            event.setContentType(format.contentType());
            try (OutputStream out = event.getOutputStream()) {
                long rows = service.export(request.search(), request.columns(), format, out, written ->
                        ui.access(() -> exportProgress.setValue(
                                request.expectedRows() == 0 ? 1 : Math.min(1, (double) written / request.expectedRows()))));
                ui.access(() -> exportFinished(Notification.show("Exported " + rows + " sessions."), null));
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
