package org.commsportal.minutepools.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import java.util.List;
import java.util.function.Supplier;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.minutepools.MinutePool;
import org.commsportal.minutepools.MinutePoolColumn;
import org.commsportal.minutepools.MinutePoolQuery;
import org.commsportal.minutepools.MinutePoolsService;
import org.jspecify.annotations.Nullable;

/** The minute pools page's table, read page by page from {@link MinutePoolsService}. */
final class MinutePoolGrid implements UserTableGrid.Table<MinutePool, MinutePoolColumn, MinutePoolQuery> {

    private final MinutePoolsService service;

    private MinutePoolGrid(MinutePoolsService service) {
        this.service = service;
    }

    static UserTableGrid<MinutePool, MinutePoolColumn, MinutePoolQuery> of(
            MinutePoolsService service, Supplier<MinutePoolQuery> query) {
        var grid = new UserTableGrid<>(
                MinutePoolColumn.class, List.of(MinutePoolColumn.values()), new MinutePoolGrid(service), query);
        grid.setId("pool-table");
        grid.setEmptyStateText("No user of the organization has a calling plan with a usage location this month.");
        return grid;
    }

    @Override
    public List<MinutePool> page(MinutePoolQuery query, int offset, int limit) {
        return service.pools(query, offset, limit);
    }

    @Override
    public long count(MinutePoolQuery query) {
        return service.countPools(query);
    }

    @Override
    public MinutePoolQuery sortedBy(MinutePoolQuery query, MinutePoolColumn column, boolean ascending) {
        return query.sortedBy(column, ascending);
    }

    @Override
    public String header(MinutePoolColumn column) {
        return column.header();
    }

    @Override
    public @Nullable Object value(MinutePoolColumn column, MinutePool pool) {
        if (column == MinutePoolColumn.PERCENT_USED) {
            return pool.percentUsed() == null ? "" : pool.percentUsed() + " %";
        }
        return pool.valueOf(column);
    }

    @Override
    public ColumnTextAlign align(MinutePoolColumn column) {
        return column == MinutePoolColumn.CAPABILITY || column == MinutePoolColumn.COUNTRY
                ? ColumnTextAlign.START
                : ColumnTextAlign.END;
    }
}
