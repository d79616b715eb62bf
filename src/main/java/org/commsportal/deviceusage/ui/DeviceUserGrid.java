package org.commsportal.deviceusage.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.List;
import java.util.function.Supplier;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.DeviceUserColumn;
import org.commsportal.deviceusage.DeviceUserQuery;
import org.commsportal.deviceusage.DeviceUserRow;

/** The per-user table: pages come from the database, sorted there by whichever column header was clicked. */
final class DeviceUserGrid extends Grid<DeviceUserRow> {

    private final Supplier<DeviceUserQuery> query;

    DeviceUserGrid(DeviceUsageService service, Supplier<DeviceUserQuery> query) {
        this.query = query;
        setId("user-table");
        setMultiSort(false);
        setEmptyStateText("No licensed users match this period and filter.");
        for (DeviceUserColumn column : DeviceUserColumn.values()) {
            var gridColumn = addColumn(row -> text(column.valueOf(row)))
                    .setKey(column.name())
                    .setHeader(column.header())
                    .setSortable(true)
                    .setSortProperty(column.name())
                    .setResizable(true)
                    .setAutoWidth(true);
            if (column.platform() != null) {
                gridColumn.setTextAlign(ColumnTextAlign.CENTER);
            }
            if (column == DeviceUserColumn.USER_NAME) {
                gridColumn.setAutoWidth(false).setWidth("20rem").setFlexGrow(0).setFrozen(true);
            }
        }
        setItems(
                page -> service.users(sortedQuery(page.getSortOrders()), page.getOffset(), page.getLimit()).stream(),
                page -> Math.toIntExact(service.countUsers(query.get())));
    }

    /** The table's query with the grid's current sort; exports use it so they match what is on screen. */
    DeviceUserQuery currentQuery() {
        return sortedQuery(getSortOrder().stream()
                .map(order -> new QuerySortOrder(order.getSorted().getKey(), order.getDirection()))
                .toList());
    }

    private DeviceUserQuery sortedQuery(List<QuerySortOrder> orders) {
        return orders.isEmpty()
                ? query.get()
                : query.get()
                        .sortedBy(
                                DeviceUserColumn.valueOf(orders.get(0).getSorted()),
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
