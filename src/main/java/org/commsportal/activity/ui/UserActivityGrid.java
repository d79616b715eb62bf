package org.commsportal.activity.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.UserActivityColumn;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.activity.UserTableQuery;
import org.commsportal.base.ui.GridHeaders;

/** The per-user table: pages come from the database, sorted there by whichever column header was clicked. */
final class UserActivityGrid extends Grid<UserActivityRow> {

    private static final Set<UserActivityColumn> NUMERIC =
            EnumSet.range(UserActivityColumn.IM, UserActivityColumn.VIDEO_MINUTES);

    private final Supplier<UserTableQuery> query;

    UserActivityGrid(ActivityService activity, Supplier<UserTableQuery> query) {
        this.query = query;
        setId("user-table");
        setMultiSort(false);
        setEmptyStateText("No licensed users match this period and filter.");
        for (UserActivityColumn column : UserActivityColumn.values()) {
            var gridColumn = addColumn(row -> text(column.valueOf(row)))
                    .setKey(column.name())
                    .setHeader(column.header())
                    .setSortable(true)
                    .setSortProperty(column.name())
                    .setResizable(true)
                    .setAutoWidth(true);
            if (NUMERIC.contains(column)) {
                gridColumn.setTextAlign(ColumnTextAlign.END).setHeader(GridHeaders.endAligned(this, column.header()));
            }
            if (column == UserActivityColumn.USER_NAME) {
                // rem, not em: header cells have a smaller font, and an em width made them 40 px narrower than
                // the body's, shifting every other header left of its values
                gridColumn.setAutoWidth(false).setWidth("20rem").setFlexGrow(0).setFrozen(true);
            }
        }
        setItems(
                page -> activity.users(sortedQuery(page.getSortOrders()), page.getOffset(), page.getLimit()).stream(),
                page -> Math.toIntExact(activity.countUsers(query.get())));
    }

    /** The table's query with the grid's current sort; exports use it so they match what is on screen. */
    UserTableQuery currentQuery() {
        return sortedQuery(getSortOrder().stream()
                .map(order -> new QuerySortOrder(order.getSorted().getKey(), order.getDirection()))
                .toList());
    }

    /** A column's key and sort property are its UserActivityColumn name, so a sort order names its column. */
    private UserTableQuery sortedQuery(List<QuerySortOrder> orders) {
        return orders.isEmpty()
                ? query.get()
                : query.get()
                        .sortedBy(
                                UserActivityColumn.valueOf(orders.get(0).getSorted()),
                                orders.get(0).getDirection() == SortDirection.ASCENDING);
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean flag) {
            return flag ? "Yes" : "No";
        }
        return value.toString();
    }
}
