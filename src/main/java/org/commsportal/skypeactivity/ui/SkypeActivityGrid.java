package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import java.util.List;
import java.util.function.Supplier;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.skypeactivity.SkypeActivityColumn;
import org.commsportal.skypeactivity.SkypeActivityQuery;
import org.commsportal.skypeactivity.SkypeActivityService;
import org.commsportal.skypeactivity.SkypeActivityUserRow;
import org.jspecify.annotations.Nullable;

/** A page's per-user table, read page by page from {@link SkypeActivityService}. */
final class SkypeActivityGrid
        implements UserTableGrid.Table<SkypeActivityUserRow, SkypeActivityColumn, SkypeActivityQuery> {

    private final SkypeActivityService service;

    private SkypeActivityGrid(SkypeActivityService service) {
        this.service = service;
    }

    static UserTableGrid<SkypeActivityUserRow, SkypeActivityColumn, SkypeActivityQuery> of(
            SkypeActivityService service, List<SkypeActivityColumn> columns, Supplier<SkypeActivityQuery> query) {
        return new UserTableGrid<>(SkypeActivityColumn.class, columns, new SkypeActivityGrid(service), query);
    }

    @Override
    public List<SkypeActivityUserRow> page(SkypeActivityQuery query, int offset, int limit) {
        return service.users(query, offset, limit);
    }

    @Override
    public long count(SkypeActivityQuery query) {
        return service.countUsers(query);
    }

    @Override
    public SkypeActivityQuery sortedBy(SkypeActivityQuery query, SkypeActivityColumn column, boolean ascending) {
        return query.sortedBy(column, ascending);
    }

    @Override
    public String header(SkypeActivityColumn column) {
        return column.header();
    }

    @Override
    public @Nullable Object value(SkypeActivityColumn column, SkypeActivityUserRow row) {
        return column.valueOf(row);
    }

    @Override
    public ColumnTextAlign align(SkypeActivityColumn column) {
        return column.numeric() ? ColumnTextAlign.END : ColumnTextAlign.START;
    }
}
