package org.commsportal.deviceusage.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import java.util.List;
import java.util.function.Supplier;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.deviceusage.DeviceUsageService;
import org.commsportal.deviceusage.DeviceUserColumn;
import org.commsportal.deviceusage.DeviceUserQuery;
import org.commsportal.deviceusage.DeviceUserRow;
import org.jspecify.annotations.Nullable;

/** The device usage page's per-user table, read page by page from {@link DeviceUsageService}. */
final class DeviceUserGrid implements UserTableGrid.Table<DeviceUserRow, DeviceUserColumn, DeviceUserQuery> {

    private final DeviceUsageService service;

    private DeviceUserGrid(DeviceUsageService service) {
        this.service = service;
    }

    static UserTableGrid<DeviceUserRow, DeviceUserColumn, DeviceUserQuery> of(
            DeviceUsageService service, Supplier<DeviceUserQuery> query) {
        return new UserTableGrid<>(
                DeviceUserColumn.class, List.of(DeviceUserColumn.values()), new DeviceUserGrid(service), query);
    }

    @Override
    public List<DeviceUserRow> page(DeviceUserQuery query, int offset, int limit) {
        return service.users(query, offset, limit);
    }

    @Override
    public long count(DeviceUserQuery query) {
        return service.countUsers(query);
    }

    @Override
    public DeviceUserQuery sortedBy(DeviceUserQuery query, DeviceUserColumn column, boolean ascending) {
        return query.sortedBy(column, ascending);
    }

    @Override
    public String header(DeviceUserColumn column) {
        return column.header();
    }

    @Override
    public @Nullable Object value(DeviceUserColumn column, DeviceUserRow row) {
        return column.valueOf(row);
    }

    @Override
    public ColumnTextAlign align(DeviceUserColumn column) {
        return column.platform() != null ? ColumnTextAlign.CENTER : ColumnTextAlign.START;
    }
}
