package org.commsportal.sessiondetails.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dnd.DropTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.DateTimeInput;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.export.ExportFormat;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.commsportal.sessiondetails.DrillThrough;
import org.commsportal.sessiondetails.InvalidSearchException;
import org.commsportal.sessiondetails.SearchForm;
import org.commsportal.sessiondetails.SessionColumn;
import org.commsportal.sessiondetails.SessionDetailsService;
import org.commsportal.sessiondetails.SessionSearch;
import org.commsportal.sessiondetails.UserChoice;
import org.jspecify.annotations.Nullable;

/**
 * Session details (docs/session-details.md): one user's sessions in a range entered in the viewer's time zone, sorted and
 * grouped in the database, each opening its quality sub-tabs; exports of the whole result set.
 */
@Route("usage/session-details")
@PageTitle("Session details | Comms Usage Portal")
@Menu(order = 2, title = "Session details", icon = "vaadin:phone")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.SFB_ADMIN, Roles.REPORTS_READER, Roles.GLOBAL_READER})
class SessionDetailsView extends VerticalLayout implements BeforeEnterObserver {

    static final String COLUMNS_PREFERENCE = "session-details.columns";
    static final String GROUP_BY_HINT = "Drag a column header here to group by that column";
    /** Why a search shows its sessions in start time order only (docs/session-details.md). */
    static final String SORT_AND_GROUP_LIMIT =
            "More than %,d sessions match: too many to sort by another column than the start time or to group."
                    + " They are shown by start time; narrow the days or the filters to sort or group them.";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String TO_HELP = "Optional: From + " + SearchForm.DEFAULT_DAYS + " days";
    /** The search form's state in the address (docs/session-details.md, "Links"); a drill-through has its own. */
    static final String START = "start";

    static final String END = "end";
    static final String GROUP = "group";
    static final String COLUMNS = "columns";
    private static final Set<String> FORM_PARAMETERS = Set.of(DrillThroughLink.USER, START, END);
    private static final DateTimeFormatter IN_ADDRESS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

    private final SessionDetailsService service;
    private final ZoneId zone;
    private final ComboBox<UserChoice> user = new ComboBox<>("Search user by alias");
    private final DateTimePicker from = DateTimeInput.create("From date time", "from");
    private final DateTimePicker to = DateTimeInput.create("To date time", "to");
    private final Span summary = new Span();
    private final Div drillThrough = new Div();
    private final HorizontalLayout groupBar = new HorizontalLayout();
    private final SessionTree tree;
    private final ColumnChooser<SessionColumn> columns;
    private final PageAddress address = new PageAddress(DrillThroughLink.ROUTE);
    /** One user's sessions, or every user's with filters (docs/session-details.md, "Search every user"). */
    private final com.vaadin.flow.component.radiobutton.RadioButtonGroup<String> mode =
            new com.vaadin.flow.component.radiobutton.RadioButtonGroup<>("Search");

    static final String ONE_USER = "One user";
    static final String EVERY_USER = "Every user, with filters";
    /** Built when first wanted: most visits search one user, and the hidden form cost 7 KB of every opening's reply. */
    private @Nullable EveryUserForm everyUser;
    /** The address parameters of the search on show: the form's or the drill-through's; none before a search. */
    private Map<String, String> searchState = Map.of();

    SessionDetailsView(SessionDetailsService service, AccountPreferences preferences, SavedViews savedViews) {
        this.service = service;
        this.zone = service.viewerZone();
        this.tree = new SessionTree(service, zone);
        setId("session-details");
        setSizeFull();

        user.setId("user-search");
        if (service.namesConcealed()) {
            user.setLabel("Search user by pseudonym");
            user.setPlaceholder("Start of a pseudonym");
            user.setHelperText("Names are concealed: type the first characters (0-9, a-f) of a pseudonym");
        } else {
            user.setPlaceholder("Alias or user name");
        }
        user.setWidth("min(26em, 100%)");
        user.setItemLabelGenerator(UserChoice::label);
        user.setItems(
                query -> service.findUsers(query.getFilter().orElse(""), query.getOffset() + query.getLimit()).stream()
                        .skip(query.getOffset()));
        from.setRequiredIndicatorVisible(true);
        from.setValue(LocalDate.now(zone).minusDays(SearchForm.DEFAULT_DAYS).atStartOfDay());
        to.setHelperText(TO_HELP);
        var zoneLabel = new Span("Times in " + SessionDetailsService.zoneName(zone));
        zoneLabel.setId("time-zone");
        zoneLabel.getElement().getThemeList().add("badge contrast");
        var search = new Button("Search", VaadinIcon.SEARCH.create(), click -> runSearch());
        search.setId("search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var form = new HorizontalLayout(user, from, to, search, zoneLabel);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        mode.setId("search-mode");
        mode.setItems(ONE_USER, EVERY_USER);
        mode.setValue(ONE_USER);
        mode.addValueChangeListener(change -> {
            boolean every = EVERY_USER.equals(change.getValue());
            form.setVisible(!every);
            if (every) {
                everyUserForm().setVisible(true);
            } else if (everyUser != null) {
                everyUser.setVisible(false);
            }
        });

        summary.setId("result-summary");
        groupBar.setId("group-by-bar");
        groupBar.setWidthFull();
        groupBar.setAlignItems(FlexComponent.Alignment.CENTER);
        groupBar.setWrap(true); // the chips of a grouping that waits go below the sort and group limit's text
        groupBar.getStyle().set("flex-shrink", "0"); // on a phone the table would otherwise cover its wrapped lines
        groupBar.getStyle()
                .set("border", "1px dashed var(--lumo-contrast-30pct)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)")
                .set("min-height", "2.5em");
        DropTarget<HorizontalLayout> drop = DropTarget.create(groupBar);
        drop.addDropListener(event -> event.getDragData().ifPresent(data -> {
            if (data instanceof SessionColumn column) {
                groupBy(column);
            }
        }));
        showGrouping();

        columns =
                new ColumnChooser<>(SessionColumn.class, SessionColumn::header, tree, preferences, COLUMNS_PREFERENCE);
        columns.addChangeListener(this::writeAddress);
        var toolbar = new HorizontalLayout(
                summary,
                new Div(),
                columns,
                new StreamedExports(this::prepareExport),
                PageAddress.copyButton(),
                address.saveButton(savedViews::trySave));
        toolbar.setWidthFull();
        toolbar.setWrap(true); // on a phone the exports go to a second line instead of off the screen
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(1));

        // The table takes the height the page leaves, so an opened session's sub-tabs have room below the form
        tree.setMinHeight("22rem");
        drillThrough.setId("drill-through");
        drillThrough.setVisible(false);
        add(new H2("Session details"), mode, form, drillThrough, toolbar, groupBar, tree);
        setFlexGrow(1, tree);
    }

    /** The every-user form, built and placed below the one-user form on first use. */
    private EveryUserForm everyUserForm() {
        if (everyUser == null) {
            var built = new EveryUserForm(zone, this::drillThrough, service::places);
            addComponentAtIndex(indexOf(drillThrough), built);
            everyUser = built;
        }
        return everyUser;
    }

    /**
     * The page's link (docs/session-details.md, "Links"): grouping and columns, then either the search form's user and
     * times or a drill-through from another page (docs/session-details.md, "Drill-through"). What is wrong with a link
     * is said on the page, never as an error page.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> query =
                new LinkedHashMap<>(event.getLocation().getQueryParameters().getParameters());
        List<String> problems = new ArrayList<>();
        Optional<String> chosenColumns = PageAddress.single(query, COLUMNS);
        Optional<String> chosenGrouping = PageAddress.single(query, GROUP);
        query.remove(COLUMNS);
        query.remove(GROUP);
        chosenColumns.ifPresent(value -> {
            if (!columns.showOnly(Arrays.asList(value.split(",")))) {
                problems.add("columns " + PageAddress.shown(value) + " name no column of this table");
            }
        });
        chosenGrouping.ifPresent(value -> restoreGrouping(value, problems));
        if (query.containsKey(START)) {
            restoreSearch(query, problems);
        } else if (DrillThrough.requested(query)) {
            drillThrough(query);
        } else {
            writeAddress();
        }
        PageAddress.tell(problems);
    }

    private void restoreGrouping(String value, List<String> problems) {
        List<SessionColumn> levels = new ArrayList<>();
        for (String name : value.split(",")) {
            Optional<SessionColumn> column = Arrays.stream(SessionColumn.values())
                    .filter(c -> c.name().equals(name) && c.groupable())
                    .findFirst();
            if (column.isEmpty()) {
                problems.add("group " + PageAddress.shown(name) + " is no column the table groups by");
            } else if (!levels.contains(column.get())) {
                levels.add(column.get());
            }
        }
        tree.setGrouping(levels);
        showGrouping();
    }

    /** The search form as a link left it: the user as the viewer sees names, From and To in the viewer's zone. */
    private void restoreSearch(Map<String, List<String>> query, List<String> problems) {
        query.keySet().stream()
                .filter(name -> !FORM_PARAMETERS.contains(name))
                .forEach(name -> problems.add("parameter " + PageAddress.shown(name) + " is not one of this search"));
        restoreTime(query, START, from, problems);
        restoreTime(query, END, to, problems);
        PageAddress.single(query, DrillThroughLink.USER)
                .ifPresent(name -> service.userNamed(name)
                        .ifPresentOrElse(
                                user::setValue,
                                () -> problems.add("user " + PageAddress.shown(name)
                                        + (service.namesConcealed()
                                                ? " is no pseudonym of this organization (names are concealed)"
                                                : " is no user of this organization"))));
        runSearch();
    }

    private static void restoreTime(
            Map<String, List<String>> query, String name, DateTimePicker field, List<String> problems) {
        PageAddress.single(query, name).ifPresent(text -> {
            try {
                field.setValue(LocalDateTime.parse(text));
            } catch (DateTimeParseException e) {
                problems.add(name + " " + PageAddress.shown(text) + " is not a date and time such as 2026-11-20T09:30");
            }
        });
    }

    /** Writes the search on show, the grouping and the columns into the address. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>(searchState);
        List<SessionColumn> levels = tree.grouping();
        if (!levels.isEmpty()) {
            state.put(GROUP, String.join(",", levels.stream().map(Enum::name).toList()));
        }
        if (!columns.showsAll()) {
            state.put(
                    COLUMNS,
                    String.join(",", columns.visible().stream().map(Enum::name).toList()));
        }
        address.write(state);
    }

    private void drillThrough(Map<String, List<String>> query) {
        drillThrough.removeAll();
        drillThrough.setVisible(true);
        DrillThrough.Parsed parsed = DrillThrough.parse(query, zone);
        if (parsed.search() == null) {
            showDrillThroughErrors(parsed.errors());
            return;
        }
        DrillThrough wanted = parsed.search();
        if (wanted.user() == null) {
            everyUserForm().show(wanted);
            mode.setValue(EVERY_USER);
        }
        SessionSearch search;
        try {
            search = service.search(wanted);
        } catch (InvalidSearchException e) {
            showDrillThroughErrors(List.copyOf(e.errors().values()));
            return;
        }
        show(search);
        Map<String, String> state = new LinkedHashMap<>();
        query.forEach((name, values) -> state.put(name, values.get(0)));
        searchState = state;
        writeAddress();
        List<String> filters = search.filters().describe();
        var described =
                new Span("Drill-through: " + (filters.isEmpty() ? "no filters" : String.join(", ", filters)) + ". ");
        described.setId("drill-through-filters");
        var clear = new com.vaadin.flow.component.html.Anchor("usage/session-details", "Clear the drill-through");
        clear.setId("drill-through-clear");
        drillThrough.add(described, clear);
        long count = service.countSessions(search, List.of());
        String streams =
                search.filters().aboutStreams() || search.filters().streams().any()
                        ? " (" + service.countStreams(search) + " streams match)"
                        : "";
        summary.setText(count + " sessions" + streams + " of " + search.userLabel() + " on the days " + wanted.from()
                + " to " + wanted.to() + " (" + SessionDetailsService.zoneName(wanted.zone()) + ")");
    }

    private void showDrillThroughErrors(List<String> errors) {
        show(null);
        summary.setText("");
        var message = new Div();
        message.setId("drill-through-errors");
        message.getStyle().set("color", "var(--lumo-error-text-color)");
        message.add(new Span("This link cannot be shown: "));
        errors.forEach(error -> message.add(new Div(error)));
        drillThrough.add(message);
    }

    private void runSearch() {
        drillThrough.setVisible(false);
        List<com.vaadin.flow.component.HasValidation> fields = List.of(user, from, to);
        for (var field : fields) {
            field.setInvalid(false);
            field.setErrorMessage(null);
        }
        from.setHelperText(null);
        to.setHelperText(TO_HELP);
        var form = new SearchForm(
                user.getValue() == null ? null : user.getValue().userId(), from.getValue(), to.getValue());
        Map<SearchForm.Field, String> errors = new java.util.EnumMap<>(form.errors(zone));
        // What was typed but cannot be read is an error of its own: an empty To would mean From + 30 days
        String fromInput = DateTimeInput.inputError(from);
        String toInput = DateTimeInput.inputError(to);
        if (fromInput != null) {
            errors.put(SearchForm.Field.FROM, fromInput);
        }
        if (toInput != null) {
            errors.put(SearchForm.Field.TO, toInput);
        }
        if (errors.isEmpty()) {
            try {
                SessionSearch search = service.search(form);
                show(search);
                Map<String, String> state = new LinkedHashMap<>();
                state.put(DrillThroughLink.USER, search.userLabel());
                state.put(START, IN_ADDRESS.format(form.from()));
                if (form.to() != null) {
                    state.put(END, IN_ADDRESS.format(form.to()));
                }
                searchState = state;
                writeAddress();
                Map<SearchForm.Field, String> notes = form.notes(zone);
                if (notes.containsKey(SearchForm.Field.FROM)) {
                    from.setHelperText(notes.get(SearchForm.Field.FROM));
                }
                if (notes.containsKey(SearchForm.Field.TO)) {
                    to.setHelperText(notes.get(SearchForm.Field.TO));
                }
                summary.setText(service.countSessions(search, List.of()) + " sessions of " + search.userLabel()
                        + " from " + SHOWN.format(form.from()) + " to " + SHOWN.format(form.effectiveTo()) + " ("
                        + SessionDetailsService.zoneName(zone) + ")"
                        + (notes.isEmpty() ? "" : ". " + String.join(" ", notes.values())));
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
        show(null);
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
            writeAddress();
        }
    }

    private void ungroup(SessionColumn column) {
        List<SessionColumn> levels = new ArrayList<>(tree.grouping());
        levels.remove(column);
        tree.setGrouping(levels);
        showGrouping();
        writeAddress();
    }

    /** Shows the search's sessions (none for null), and in the group-by bar whether they may be sorted and grouped. */
    private void show(@Nullable SessionSearch search) {
        boolean before = tree.sortsAndGroups();
        tree.show(search);
        if (tree.sortsAndGroups() != before) {
            showGrouping();
        }
    }

    private void showGrouping() {
        groupBar.removeAll();
        List<SessionColumn> levels = tree.grouping();
        if (!tree.sortsAndGroups()) {
            var limit =
                    new Span(String.format(java.util.Locale.ROOT, SORT_AND_GROUP_LIMIT, service.sortAndGroupLimit()));
            limit.setId("sort-and-group-limit");
            limit.getElement().setAttribute("role", "status");
            groupBar.add(limit);
        } else if (levels.isEmpty()) {
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

    /**
     * The whole result set (group filters aside) in the table's order, with the visible columns and times in the
     * viewer's zone; nothing before a search.
     */
    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        SessionSearch current = tree.currentSearch();
        if (current == null) {
            Notification.show(
                    "Search first: the export holds the sessions the search finds.",
                    5000,
                    Notification.Position.MIDDLE);
            return null;
        }
        List<SessionColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                SessionDetailsService.exportFileName(current, format),
                service.countSessions(current, List.of()),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
