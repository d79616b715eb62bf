package org.commsportal.base.ui;

import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
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
 * account. Each column constant names its grid column by {@link Enum#name()} as the column key.
 */
public final class ColumnChooser<C extends Enum<C>> extends MenuBar {

    private final Class<C> type;
    private final List<C> all;
    private final Grid<?> grid;
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
        this.type = type;
        this.all = List.copyOf(all);
        this.grid = grid;
        this.items = new EnumMap<>(type);
        setId("column-chooser");
        addThemeVariants(MenuBarVariant.LUMO_TERTIARY);
        SubMenu columns = addItem("Columns").getSubMenu();
        Set<C> saved = EnumSet.noneOf(type);
        preferences
                .get(preferenceKey)
                .ifPresent(value -> Arrays.stream(value.split(","))
                        .flatMap(name -> this.all.stream().filter(c -> c.name().equals(name)))
                        .forEach(saved::add));
        Set<C> visible = saved.isEmpty() ? EnumSet.copyOf(this.all) : saved;
        apply(visible);
        for (C column : this.all) {
            MenuItem item = columns.addItem(header.apply(column));
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
