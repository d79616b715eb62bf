package org.commsportal.base.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A usage report's per-user table: pages come from the database, sorted there by whichever column header was
 * clicked; the first column (the user name) stays in view, every column can be resized.
 *
 * @param <R> a row
 * @param <C> the report's column enum; a column's key and sort property are its name
 * @param <Q> the report's table query
 */
public final class UserTableGrid<R, C extends Enum<C>, Q> extends Grid<R> {

    /** How a report reads its table and what its columns are. */
    public interface Table<R, C, Q> {
        List<R> page(Q query, int offset, int limit);

        long count(Q query);

        /** The query sorted by the column. */
        Q sortedBy(Q query, C column, boolean ascending);

        String header(C column);

        @Nullable
        Object value(C column, R row);

        /** Counts and minutes go to the end, yes/no marks to the centre, text stays at the start. */
        ColumnTextAlign align(C column);
    }

    private final Class<C> type;
    private final Table<R, C, Q> table;
    private final Supplier<Q> query;

    public UserTableGrid(Class<C> type, List<C> columns, Table<R, C, Q> table, Supplier<Q> query) {
        this.type = type;
        this.table = table;
        this.query = query;
        setId("user-table");
        setMultiSort(false);
        setEmptyStateText("No licensed users match this period and filter.");
        for (C column : columns) {
            var gridColumn = addColumn(row -> text(table.value(column, row), getLocale()))
                    .setKey(column.name())
                    .setHeader(table.header(column))
                    .setSortable(true)
                    .setSortProperty(column.name())
                    .setResizable(true)
                    .setAutoWidth(true);
            ColumnTextAlign align = table.align(column);
            if (align == ColumnTextAlign.END) {
                gridColumn.setTextAlign(align).setHeader(GridHeaders.endAligned(this, table.header(column)));
            } else if (align == ColumnTextAlign.CENTER) {
                gridColumn.setTextAlign(align);
            }
            if (column == columns.get(0)) {
                // rem, not em: header cells have a smaller font, and an em width made them 40 px narrower than
                // the body's, shifting every other header left of its values
                gridColumn.setAutoWidth(false).setWidth("20rem").setFlexGrow(0).setFrozen(true);
            }
        }
        setItems(
                page -> table.page(sortedQuery(page.getSortOrders()), page.getOffset(), page.getLimit()).stream(),
                page -> Math.toIntExact(table.count(query.get())));
    }

    /** Sorts by the column, as clicks on its header would. */
    public void sortBy(C column, boolean ascending) {
        Column<R> sorted = getColumnByKey(column.name());
        sort(List.of(new GridSortOrder<>(sorted, ascending ? SortDirection.ASCENDING : SortDirection.DESCENDING)));
    }

    /** The column the viewer sorted by and whether ascending; empty while the table has its default order. */
    public Optional<Map.Entry<C, Boolean>> sortChoice() {
        return getSortOrder().stream()
                .findFirst()
                .map(order -> Map.entry(
                        Enum.valueOf(type, order.getSorted().getKey()),
                        order.getDirection() == SortDirection.ASCENDING));
    }

    /**
     * Sorts by the column a link's {@code sort} and {@code order} parameters name (docs/pages.md#links), if it has
     * them; a name of no column is left out and named in {@code problems}.
     */
    public void restoreSort(Map<String, List<String>> parameters, List<String> problems) {
        PageAddress.single(parameters, ReportLink.SORT).ifPresent(text -> {
            try {
                C column = Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
                boolean ascending = !PageAddress.single(parameters, ReportLink.ORDER)
                        .orElse("asc")
                        .equals("desc");
                sortBy(column, ascending);
            } catch (IllegalArgumentException e) {
                problems.add("sort column " + PageAddress.shown(text) + " is not a column of this table");
            }
        });
    }

    /** Puts the viewer's sort, if any, into a link's {@code state}. */
    public void writeSort(Map<String, String> state) {
        sortChoice().ifPresent(sort -> {
            state.put(ReportLink.SORT, sort.getKey().name());
            state.put(ReportLink.ORDER, sort.getValue() ? "asc" : "desc");
        });
    }

    /** The table's query with the grid's current sort; exports use it so they match what is on screen. */
    public Q currentQuery() {
        return sortedQuery(getSortOrder().stream()
                .map(order -> new QuerySortOrder(order.getSorted().getKey(), order.getDirection()))
                .toList());
    }

    private Q sortedQuery(List<QuerySortOrder> orders) {
        return orders.isEmpty()
                ? query.get()
                : table.sortedBy(
                        query.get(),
                        Enum.valueOf(type, orders.get(0).getSorted()),
                        orders.get(0).getDirection() == SortDirection.ASCENDING);
    }

    /** A cell's text: counts grouped as the page's other numbers are (docs/pages.md), flags as Yes or No. */
    private static String text(@Nullable Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean flag) {
            return flag ? "Yes" : "No";
        }
        if (value instanceof Long || value instanceof Integer) {
            return LocaleNumbers.format(((Number) value).longValue(), locale);
        }
        return value.toString();
    }
}
