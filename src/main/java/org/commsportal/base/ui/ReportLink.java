package org.commsportal.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
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

    private final Class<C> type;
    private final Select<ReportPeriod> period;
    private final @Nullable UserTableGrid<?, C, ?> grid;
    private final @Nullable ColumnChooser<C> columns;
    private final @Nullable UserFilter table;
    private final List<ExtraParameters> extras = new ArrayList<>();
    private final Supplier<@Nullable LocalDate> day;
    private final Consumer<LocalDate> showDay;
    private final Supplier<LocalDate> reportDate;
    private final PageAddress address;
    private boolean restoring;

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
            @Nullable UserFilter table,
            Supplier<@Nullable LocalDate> day,
            Consumer<LocalDate> showDay,
            Supplier<LocalDate> reportDate) {
        this.address = new PageAddress(route);
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

    /** The table's "user contains" filter, which a link restores and writes as {@link #USER}. */
    public interface UserFilter {
        String filterText();

        /** Types the text into the filter, which filters the table as if the viewer had typed it. */
        void filterBy(String text);
    }

    /**
     * A page's own table parameters beside the common ones (such as the PSTN page's direction and country): restored
     * after the period, the columns and the sort, written after them. The page calls {@link #update()} when they
     * change.
     */
    public interface ExtraParameters {
        /** Applies the parameters it knows; names any that is not valid in {@code problems}. */
        void restore(Map<String, List<String>> values, List<String> problems);

        /** Puts the parameters not at their defaults into {@code state}. */
        void write(Map<String, String> state);
    }

    /** Adds a page's own table parameters (only for roles that see the table). */
    public ReportLink<C> with(ExtraParameters extra) {
        extras.add(extra);
        return this;
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
        PageAddress.tell(problems);
    }

    private void restoreTable(Map<String, List<String>> values, List<String> problems) {
        columns().restore(values, problems);
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
        extras.forEach(extra -> extra.restore(values, problems));
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
            columns.write(state);
            extras.forEach(extra -> extra.write(state));
        }
        address.write(state);
    }

    /** "Save view" for this report (docs/pages.md, "Saved views"). */
    public Button saveButton(PageAddress.ViewSaver saver) {
        return address.saveButton(saver);
    }

    /** "Copy link": see {@link PageAddress#copyButton()}. */
    public static Button copyButton() {
        return PageAddress.copyButton();
    }

    private UserTableGrid<?, C, ?> grid() {
        return java.util.Objects.requireNonNull(grid);
    }

    private ColumnChooser<C> columns() {
        return java.util.Objects.requireNonNull(columns);
    }

    private UserFilter table() {
        return java.util.Objects.requireNonNull(table);
    }

    private static Optional<ReportPeriod> periodNamed(String value) {
        return Arrays.stream(ReportPeriod.values())
                .filter(p -> p.name().equals(value.toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    private static Optional<String> single(Map<String, List<String>> values, String name) {
        return PageAddress.single(values, name);
    }

    private static String shown(String value) {
        return PageAddress.shown(value);
    }
}
