package org.commsportal.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.grid.Grid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commsportal.security.AccountPreferences;

/**
 * A "Columns" menu that shows and hides a grid's columns (at least one stays) and remembers the choice per portal
 * account. Each column constant names its grid column by {@link Enum#name()} as the column key. The menu's items are
 * made when it first opens: most page opens never use it, and its items were a ninth of each page open's changes
 * (docs/load-test.md, "What limits it").
 */
public final class ColumnChooser<C extends Enum<C>> extends Button {

    private final Class<C> type;
    private final List<C> all;
    private final Function<C, String> header;
    private final Grid<?> grid;
    private final AccountPreferences preferences;
    private final String preferenceKey;
    private final Map<C, MenuItem> items;
    private final List<Runnable> changeListeners = new ArrayList<>();

    public ColumnChooser(
            Class<C> type,
            Function<C, String> header,
            Grid<?> grid,
            AccountPreferences preferences,
            String preferenceKey) {
        this(type, List.of(type.getEnumConstants()), header, grid, preferences, preferenceKey);
    }

    /** A chooser of some of the enum's columns: those the grid has, in their order. */
    public ColumnChooser(
            Class<C> type,
            List<C> all,
            Function<C, String> header,
            Grid<?> grid,
            AccountPreferences preferences,
            String preferenceKey) {
        super("Columns");
        this.type = type;
        this.all = List.copyOf(all);
        this.header = header;
        this.grid = grid;
        this.preferences = preferences;
        this.preferenceKey = preferenceKey;
        this.items = new EnumMap<>(type);
        setId("column-chooser");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        getElement().setAttribute("aria-haspopup", "menu");
        Set<C> saved = EnumSet.noneOf(type);
        preferences
                .get(preferenceKey)
                .ifPresent(value -> Arrays.stream(value.split(","))
                        .flatMap(name -> this.all.stream().filter(c -> c.name().equals(name)))
                        .forEach(saved::add));
        apply(saved.isEmpty() ? EnumSet.copyOf(this.all) : saved);
        new Menu(this);
    }

    /** The menu, opened by a click (or Enter, Space) on the button; its items made before it first opens. */
    private final class Menu extends ContextMenu {

        private Menu(Button target) {
            super(target);
            setOpenOnClick(true);
            target.getElement().setAttribute("aria-expanded", "false");
            addOpenedChangeListener(
                    change -> target.getElement().setAttribute("aria-expanded", String.valueOf(change.isOpened())));
        }

        @Override
        protected boolean onBeforeOpenMenu(elemental.json.JsonObject eventDetail) {
            if (items.isEmpty()) {
                addItems(this);
            }
            return true;
        }
    }

    private void addItems(ContextMenu menu) {
        List<C> visible = visible();
        for (C column : all) {
            MenuItem item = menu.addItem(header.apply(column));
            items.put(column, item);
            item.setCheckable(true);
            item.setChecked(visible.contains(column));
            item.setKeepOpen(true);
            item.addClickListener(click -> {
                Set<C> chosen = EnumSet.copyOf(visible());
                if (item.isChecked()) {
                    chosen.add(column);
                } else if (chosen.size() > 1) {
                    chosen.remove(column);
                } else {
                    item.setChecked(true); // keep at least one column
                }
                apply(chosen);
                preferences.put(preferenceKey, chosen.stream().map(Enum::name).collect(Collectors.joining(",")));
                changeListeners.forEach(Runnable::run);
            });
        }
    }

    /** The columns shown, in their order. */
    public List<C> visible() {
        return all.stream()
                .filter(c -> grid.getColumnByKey(c.name()).isVisible())
                .toList();
    }

    /**
     * Shows the named columns that exist (a report link's choice, docs/pages.md#links) without changing the
     * account's remembered choice; false, changing nothing, when none of the names is a column.
     */
    public boolean showOnly(List<String> names) {
        Set<C> chosen = EnumSet.noneOf(type);
        all.stream().filter(c -> names.contains(c.name())).forEach(chosen::add);
        if (chosen.isEmpty()) {
            return false;
        }
        apply(chosen);
        items.forEach((column, item) -> item.setChecked(chosen.contains(column)));
        return true;
    }

    /**
     * Shows the columns a link names in its {@code columns} parameter (docs/pages.md#links), if it has one; a value
     * naming no column is left out and named in {@code problems}.
     */
    public void restore(Map<String, List<String>> parameters, List<String> problems) {
        PageAddress.single(parameters, ReportLink.COLUMNS).ifPresent(value -> {
            if (!showOnly(Arrays.asList(value.split(",")))) {
                problems.add("columns " + PageAddress.shown(value) + " name no column of this table");
            }
        });
    }

    /** Puts the visible columns into a link's {@code state} unless every column is shown. */
    public void write(Map<String, String> state) {
        if (!showsAll()) {
            state.put(ReportLink.COLUMNS, visible().stream().map(Enum::name).collect(Collectors.joining(",")));
        }
    }

    /** Whether every column of the table is shown. */
    public boolean showsAll() {
        return visible().size() == all.size();
    }

    /** Runs after each change of the visible columns by the viewer. */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    private void apply(Set<C> visible) {
        for (C column : all) {
            grid.getColumnByKey(column.name()).setVisible(visible.contains(column));
        }
    }
}
