package org.commsportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.QueryParameters;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.commsportal.common.ReportPeriod;
import org.jspecify.annotations.Nullable;

/**
 * A usage report's view in its address (docs/pages.md#links): the period, the chosen day, the user filter, the sort
 * and the visible columns come from the query parameters when the page opens and are written back, without a new
 * history entry, whenever the viewer changes them. A link opens what the opener's roles and concealment allow and no
 * more: the filter matches the names the opener sees, so a real name in a concealed viewer's link matches nobody.
 *
 * @param <C> the report's column enum; a column's parameter value is its name
 */
public final class ReportLink<C extends Enum<C>> {

    public static final String PERIOD = "period";
    public static final String DAY = "day";
    public static final String USER = "user";
    public static final String SORT = "sort";
    public static final String ORDER = "order";
    public static final String COLUMNS = "columns";

    /** Longer filters are not names; the field takes what a person would type. */
    static final int MAX_FILTER_LENGTH = 200;

    private static final int SHOWN_VALUE_LENGTH = 40;

    private final String route;
    private final Class<C> type;
    private final Select<ReportPeriod> period;
    private final @Nullable UserTableGrid<?, C, ?> grid;
    private final @Nullable ColumnChooser<C> columns;
    private final @Nullable UserTableSection table;
    private final Supplier<@Nullable LocalDate> day;
    private final Consumer<LocalDate> showDay;
    private final Supplier<LocalDate> reportDate;
    private boolean restoring;
    private String currentQuery = "";

    /** Saves the view under a name; the reason it could not, if it could not. */
    @FunctionalInterface
    public interface ViewSaver {
        Optional<String> save(String route, String query, String name, boolean shared);
    }

    /**
     * Binds the page's parts: {@code grid}, {@code columns} and {@code table} are the per-user table's (null for a
     * role that sees the charts only), {@code day} the day the table is scoped to (null: the whole period),
     * {@code reportDate} the last day of every period.
     */
    public ReportLink(
            String route,
            Class<C> type,
            Select<ReportPeriod> period,
            @Nullable UserTableGrid<?, C, ?> grid,
            @Nullable ColumnChooser<C> columns,
            @Nullable UserTableSection table,
            Supplier<@Nullable LocalDate> day,
            Consumer<LocalDate> showDay,
            Supplier<LocalDate> reportDate) {
        this.route = route;
        this.type = type;
        this.period = period;
        this.grid = grid;
        this.columns = columns;
        this.table = table;
        this.day = day;
        this.showDay = showDay;
        this.reportDate = reportDate;
        period.addValueChangeListener(event -> update()); // after the page's own listener: the table has changed
        if (grid != null) {
            grid.addSortListener(event -> update());
        }
        if (columns != null) {
            columns.addChangeListener(this::update);
        }
    }

    /**
     * Shows what the link's parameters ask for. A parameter that is not valid for the page is left out and named in
     * one message; the rest still applies.
     */
    public void restore(QueryParameters parameters) {
        Map<String, List<String>> values = parameters.getParameters();
        List<String> problems = new ArrayList<>();
        restoring = true;
        try {
            single(values, PERIOD)
                    .ifPresent(value -> periodNamed(value)
                            .ifPresentOrElse(
                                    period::setValue,
                                    () -> problems.add(
                                            "period " + shown(value) + " is not one of D7, D30, D90, D180")));
            if (grid != null && columns != null && table != null) {
                restoreTable(values, problems);
            }
        } finally {
            restoring = false;
        }
        update();
        if (!problems.isEmpty()) {
            Notification.show(
                    "This link's " + String.join("; ", problems) + ". That part was left out.",
                    8000,
                    Notification.Position.BOTTOM_START);
        }
    }

    private void restoreTable(Map<String, List<String>> values, List<String> problems) {
        single(values, COLUMNS).ifPresent(value -> {
            if (!columns().showOnly(Arrays.asList(value.split(",")))) {
                problems.add("columns " + shown(value) + " name no column of this table");
            }
        });
        single(values, SORT).ifPresent(value -> {
            Optional<C> column = Arrays.stream(type.getEnumConstants())
                    .filter(c -> c.name().equals(value) && columns().visible().contains(c))
                    .findFirst();
            String order = single(values, ORDER).orElse("asc");
            if (column.isEmpty()) {
                problems.add("sort " + shown(value) + " is not a visible column of this table");
            } else if (!order.equals("asc") && !order.equals("desc")) {
                problems.add("order " + shown(order) + " is neither asc nor desc");
            } else {
                grid().sortBy(column.get(), order.equals("asc"));
            }
        });
        single(values, DAY).ifPresent(value -> {
            try {
                LocalDate chosen = LocalDate.parse(value);
                LocalDate last = reportDate.get();
                if (!chosen.isAfter(last) && !chosen.isBefore(period.getValue().firstDay(last))) {
                    showDay.accept(chosen);
                } else {
                    problems.add("day " + chosen + " is not in the period shown");
                }
            } catch (DateTimeParseException e) {
                problems.add("day " + shown(value) + " is not a date written as 2026-11-20");
            }
        });
        single(values, USER).ifPresent(value -> {
            if (value.length() > MAX_FILTER_LENGTH) {
                problems.add("user filter is longer than " + MAX_FILTER_LENGTH + " characters");
            } else {
                table().filterBy(value);
            }
        });
    }

    /** Writes the view's state into the address; parameters at their defaults are left out. */
    public void update() {
        UI ui = UI.getCurrent();
        if (restoring || ui == null) {
            return;
        }
        Map<String, String> state = new LinkedHashMap<>();
        if (period.getValue() != null && period.getValue() != ReportPeriod.D7) {
            state.put(PERIOD, period.getValue().name());
        }
        if (grid != null && columns != null && table != null) {
            @Nullable LocalDate chosenDay = day.get();
            if (chosenDay != null) {
                state.put(DAY, chosenDay.toString());
            }
            if (!table.filterText().isEmpty()) {
                state.put(USER, table.filterText());
            }
            grid.sortChoice().ifPresent(sort -> {
                state.put(SORT, sort.getKey().name());
                state.put(ORDER, sort.getValue() ? "asc" : "desc");
            });
            if (!columns.showsAll()) {
                state.put(
                        COLUMNS,
                        String.join(
                                ",", columns.visible().stream().map(Enum::name).toList()));
            }
        }
        QueryParameters query = QueryParameters.simple(state);
        currentQuery = query.getQueryString();
        ui.getPage().getHistory().replaceState(null, new Location(route, query));
    }

    /**
     * "Save view": names the view as it is now, private or shared within the tenant; the Usage overview lists it
     * (docs/pages.md, "Saved views").
     */
    public Button saveButton(ViewSaver saver) {
        var save = new Button("Save view", VaadinIcon.BOOKMARK.create());
        save.setId("save-view");
        save.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        save.addClickListener(click -> {
            var dialog = new Dialog();
            dialog.setId("save-view-dialog");
            dialog.setHeaderTitle("Save this view");
            var name = new TextField("Name");
            name.setId("saved-view-name");
            name.setMaxLength(200); // longer names get the service's own message
            name.setWidthFull();
            var shared = new Checkbox("Share with the other accounts of the organization");
            shared.setId("saved-view-shared");
            dialog.add(new VerticalLayout(name, shared));
            var cancel = new Button("Cancel", event -> dialog.close());
            var confirm = new Button(
                    "Save",
                    event -> saver.save(route, currentQuery, name.getValue(), shared.getValue())
                            .ifPresentOrElse(
                                    problem -> {
                                        name.setInvalid(true);
                                        name.setErrorMessage(problem);
                                    },
                                    () -> {
                                        dialog.close();
                                        Notification.show(
                                                "Saved: the Usage overview lists it.",
                                                4000,
                                                Notification.Position.BOTTOM_START);
                                    }));
            confirm.setId("confirm-save-view");
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            dialog.getFooter().add(cancel, confirm);
            dialog.open();
            name.focus();
        });
        return save;
    }

    /** "Copy link": puts the page's address, which holds its state, on the clipboard. */
    public static Button copyButton() {
        var copy = new Button("Copy link", VaadinIcon.LINK.create());
        copy.setId("copy-link");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        // in the browser, inside the click: the clipboard needs the viewer's gesture, which a round trip would lose
        copy.getElement().executeJs("""
                const button = this;
                button.addEventListener('click', () => {
                  const url = window.location.href;
                  const done = ok => button.dispatchEvent(new CustomEvent('link-copied', {detail: {ok: ok}}));
                  const fallback = () => {
                    const area = document.createElement('textarea');
                    area.value = url;
                    area.setAttribute('readonly', '');
                    area.style.position = 'fixed';
                    area.style.opacity = '0';
                    document.body.appendChild(area);
                    area.select();
                    let ok = false;
                    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
                    area.remove();
                    return ok;
                  };
                  if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(url).then(() => done(true), () => done(fallback()));
                  } else {
                    done(fallback());
                  }
                });
                """);
        copy.getElement()
                .addEventListener(
                        "link-copied",
                        event -> Notification.show(
                                event.getEventData().getBoolean("event.detail.ok")
                                        ? "Link copied: it opens this view as the opener's roles allow."
                                        : "The browser did not allow copying: copy the address from the address bar.",
                                5000,
                                Notification.Position.BOTTOM_START))
                .addEventData("event.detail.ok");
        return copy;
    }

    private UserTableGrid<?, C, ?> grid() {
        return java.util.Objects.requireNonNull(grid);
    }

    private ColumnChooser<C> columns() {
        return java.util.Objects.requireNonNull(columns);
    }

    private UserTableSection table() {
        return java.util.Objects.requireNonNull(table);
    }

    private static Optional<ReportPeriod> periodNamed(String value) {
        return Arrays.stream(ReportPeriod.values())
                .filter(p -> p.name().equals(value.toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    /** The parameter's value when given once; a repeated parameter counts as its first value. */
    private static Optional<String> single(Map<String, List<String>> values, String name) {
        List<String> given = values.getOrDefault(name, List.of());
        return given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
    }

    /** A value quoted for a message, cut short: links can carry anything. */
    private static String shown(String value) {
        String cut = value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH) + "…" : value;
        return "\"" + cut + "\"";
    }
}
