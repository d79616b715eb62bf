package org.commsportal.usersblocked.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
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
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.directory.PstnBlockAction;
import org.commsportal.export.ExportFormat;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.commsportal.usersblocked.BlockedUserColumn;
import org.commsportal.usersblocked.BlockedUserQuery;
import org.commsportal.usersblocked.BlockedUserRow;
import org.commsportal.usersblocked.UsersBlockedService;
import org.jspecify.annotations.Nullable;

/**
 * Users blocked (docs/users-blocked.md): the users blocked from PSTN calling at some moment of a chosen day of the
 * viewer's zone (today by default), with the block action, its reason and when it started and ended; filtered,
 * sorted, paged and exported in the database. Chart-only roles see how many users were blocked. The day, the
 * filters and the sort are kept in the page's address (docs/pages.md#links), with "Copy link".
 */
@Route("usage/users-blocked")
@PageTitle("Users blocked | Comms Usage Portal")
@Menu(order = 4.6, title = "Users blocked", icon = "vaadin:ban")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class UsersBlockedView extends VerticalLayout implements BeforeEnterObserver {

    static final String COLUMNS_PREFERENCE = "users-blocked.columns";
    static final String ROUTE = "usage/users-blocked";
    private static final int MAX_FILTER_LENGTH = 200;

    private final UsersBlockedService service;
    private final DatePicker day = new DatePicker("Day");
    private final Span blockedCount = new Span();
    private final TextField user = new TextField();
    private final Select<PstnBlockAction> action = new Select<>();
    private final PageAddress address = new PageAddress(ROUTE);
    private @Nullable UserTableGrid<BlockedUserRow, BlockedUserColumn, BlockedUserQuery> grid;
    private @Nullable ColumnChooser<BlockedUserColumn> columns;
    private BlockedUserQuery query;

    UsersBlockedView(UsersBlockedService service, AccountPreferences preferences, SavedViews savedViews) {
        this.service = service;
        setId("users-blocked");
        setWidthFull();
        ZoneId zone = service.viewerZone();
        LocalDate today = service.today();
        query = BlockedUserQuery.of(today);

        day.setId("day");
        day.setValue(today);
        day.setMax(today);
        day.setHelperText("Users blocked at some moment of this day (" + zone.getId() + ")");
        day.addValueChangeListener(event -> {
            if (event.getValue() == null) {
                day.setValue(event.getOldValue() == null ? service.today() : event.getOldValue());
                return;
            }
            refresh(query.withDay(event.getValue()));
        });
        blockedCount.setId("blocked-count");
        var zoneLabel = new Span("Times in " + zone.getId());
        zoneLabel.setId("time-zone");
        zoneLabel.getElement().getThemeList().add("badge contrast");
        var header = new HorizontalLayout(
                day, blockedCount, zoneLabel, PageAddress.copyButton(), address.saveButton(savedViews::trySave));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);
        add(new H2("Users blocked"), header);

        if (service.mayReadPerUserData()) {
            add(blockTable(preferences, zone));
        } else {
            var note = new Paragraph("Your role shows how many users were blocked: who they are needs a reports reader "
                    + "or administrator role.");
            note.setId("charts-only");
            add(note);
        }
        refresh(query);
    }

    private VerticalLayout blockTable(AccountPreferences preferences, ZoneId zone) {
        var table = BlockedUserGrid.of(service, zone, () -> query);
        grid = table;
        var chooser = new ColumnChooser<>(
                BlockedUserColumn.class, BlockedUserColumn::header, table, preferences, COLUMNS_PREFERENCE);
        columns = chooser;
        chooser.addChangeListener(this::writeAddress);

        user.setId("user-filter");
        user.setPlaceholder("User contains");
        user.setAriaLabel("User contains");
        user.setPrefixComponent(VaadinIcon.SEARCH.create());
        user.setClearButtonVisible(true);
        user.setValueChangeMode(ValueChangeMode.LAZY);
        user.addValueChangeListener(event -> refresh(query.withUserContains(event.getValue())));

        action.setId("action-filter");
        action.setAriaLabel("Block action");
        action.setEmptySelectionAllowed(true);
        action.setEmptySelectionCaption("Any block action");
        action.setItems(PstnBlockAction.values());
        action.setItemLabelGenerator(a -> a == null ? "Any block action" : a.wireName());
        action.addValueChangeListener(event -> refresh(query.withAction(event.getValue())));

        table.addSortListener(event -> writeAddress());
        var toolbar = new HorizontalLayout(user, action, new Div(), chooser, new StreamedExports(this::prepareExport));
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.expand(toolbar.getComponentAt(2));
        table.setHeight("calc(100vh - 12rem)");
        table.setMinHeight("22rem");
        var section = new VerticalLayout(toolbar, table);
        section.setPadding(false);
        section.setWidthFull();
        return section;
    }

    private void refresh(BlockedUserQuery newQuery) {
        query = newQuery;
        long users = service.countBlockedUsers(query.day());
        blockedCount.setText(users + (users == 1 ? " user" : " users") + " blocked on " + query.day());
        if (grid != null) {
            grid.getDataProvider().refreshAll();
        }
        writeAddress();
    }

    /** Opens the view a link describes; parameters that are not valid are left out and named in one message. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        address.restore(event.getLocation().getQueryParameters(), this::restore, () -> refresh(query));
    }

    private void restore(Map<String, List<String>> parameters, List<String> problems) {
        PageAddress.single(parameters, "day").ifPresent(text -> {
            try {
                LocalDate chosen = LocalDate.parse(text);
                if (chosen.isAfter(service.today())) {
                    problems.add("day " + PageAddress.shown(text) + " is after today");
                } else {
                    day.setValue(chosen);
                }
            } catch (DateTimeParseException e) {
                problems.add("day " + PageAddress.shown(text) + " is not a date such as 2026-11-20");
            }
        });
        if (grid != null) {
            PageAddress.single(parameters, "user").ifPresent(text -> {
                if (text.length() > MAX_FILTER_LENGTH) {
                    problems.add("user filter is longer than " + MAX_FILTER_LENGTH + " characters");
                } else {
                    user.setValue(text);
                }
            });
            PageAddress.single(parameters, "action")
                    .ifPresent(text -> PstnBlockAction.ofWireName(text)
                            .ifPresentOrElse(
                                    action::setValue,
                                    () -> problems.add("block action " + PageAddress.shown(text) + " is not known")));
            Objects.requireNonNull(columns).restore(parameters, problems);
            grid.restoreSort(parameters, problems);
        }
    }

    /** Writes the day (when not today), the filters, the sort and the visible columns into the address. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        if (!query.day().equals(service.today())) {
            state.put("day", query.day().toString());
        }
        if (!query.userContains().isEmpty()) {
            state.put("user", query.userContains());
        }
        if (query.action() != null) {
            state.put("action", query.action().wireName());
        }
        if (grid != null) {
            grid.writeSort(state);
        }
        if (columns != null) {
            columns.write(state);
        }
        address.write(state);
    }

    /** Every row matching the day, the filters and the sort, with the visible columns. */
    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        if (grid == null || columns == null) {
            return null;
        }
        BlockedUserQuery current = grid.currentQuery();
        List<BlockedUserColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.countBlocks(current),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
