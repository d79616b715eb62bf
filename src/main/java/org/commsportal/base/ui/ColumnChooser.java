package org.commsportal.base.ui;

import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
            });
        }
    }

    /** The columns shown, in their order. */
    public List<C> visible() {
        return all.stream()
                .filter(c -> grid.getColumnByKey(c.name()).isVisible())
                .toList();
    }

    private void apply(Set<C> visible) {
        for (C column : all) {
            grid.getColumnByKey(column.name()).setVisible(visible.contains(column));
        }
    }
}
