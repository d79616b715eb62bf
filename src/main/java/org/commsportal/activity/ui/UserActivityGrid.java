package org.commsportal.activity.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.base.ui.UserTableGrid;
import org.jspecify.annotations.Nullable;

/** The peer-to-peer page's per-user table, read page by page from {@link ActivityService}. */
final class UserActivityGrid implements UserTableGrid.Table<UserActivityRow, UserActivityColumn, UserTableQuery> {

    private static final Set<UserActivityColumn> NUMERIC =
            EnumSet.range(UserActivityColumn.IM, UserActivityColumn.VIDEO_MINUTES);

    private final ActivityService activity;

    private UserActivityGrid(ActivityService activity) {
        this.activity = activity;
    }

    static UserTableGrid<UserActivityRow, UserActivityColumn, UserTableQuery> of(
            ActivityService activity, Supplier<UserTableQuery> query) {
        return new UserTableGrid<>(
                UserActivityColumn.class, List.of(UserActivityColumn.values()), new UserActivityGrid(activity), query);
    }

    @Override
    public List<UserActivityRow> page(UserTableQuery query, int offset, int limit) {
        return activity.users(query, offset, limit);
    }

    @Override
    public long count(UserTableQuery query) {
        return activity.countUsers(query);
    }

    @Override
    public UserTableQuery sortedBy(UserTableQuery query, UserActivityColumn column, boolean ascending) {
        return query.sortedBy(column, ascending);
    }

    @Override
    public String header(UserActivityColumn column) {
        return column.header();
    }

    @Override
    public @Nullable Object value(UserActivityColumn column, UserActivityRow row) {
        return column.valueOf(row);
    }

    @Override
    public ColumnTextAlign align(UserActivityColumn column) {
        return NUMERIC.contains(column) ? ColumnTextAlign.END : ColumnTextAlign.START;
    }
}
