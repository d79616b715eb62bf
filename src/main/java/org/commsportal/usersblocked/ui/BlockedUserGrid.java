package org.commsportal.usersblocked.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.usersblocked.BlockedUserColumn;
import org.commsportal.usersblocked.BlockedUserQuery;
import org.commsportal.usersblocked.BlockedUserRow;
import org.commsportal.usersblocked.UsersBlockedService;
import org.jspecify.annotations.Nullable;

/** The users blocked page's table, read page by page from {@link UsersBlockedService}. */
final class BlockedUserGrid implements UserTableGrid.Table<BlockedUserRow, BlockedUserColumn, BlockedUserQuery> {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final UsersBlockedService service;
    private final ZoneId zone;

    private BlockedUserGrid(UsersBlockedService service, ZoneId zone) {
        this.service = service;
        this.zone = zone;
    }

    static UserTableGrid<BlockedUserRow, BlockedUserColumn, BlockedUserQuery> of(
            UsersBlockedService service, ZoneId zone, Supplier<BlockedUserQuery> query) {
        var grid = new UserTableGrid<>(
                BlockedUserColumn.class,
                List.of(BlockedUserColumn.values()),
                new BlockedUserGrid(service, zone),
                query);
        grid.setEmptyStateText("No user was blocked from PSTN calls on this day with these filters.");
        return grid;
    }

    @Override
    public List<BlockedUserRow> page(BlockedUserQuery query, int offset, int limit) {
        return service.blocks(query, offset, limit);
    }

    @Override
    public long count(BlockedUserQuery query) {
        return service.countBlocks(query);
    }

    @Override
    public BlockedUserQuery sortedBy(BlockedUserQuery query, BlockedUserColumn column, boolean ascending) {
        return query.sortedBy(column, ascending);
    }

    @Override
    public String header(BlockedUserColumn column) {
        return column.header(zone);
    }

    @Override
    public @Nullable Object value(BlockedUserColumn column, BlockedUserRow row) {
        return switch (column) {
            case ACTION -> row.action().wireName();
            case SINCE -> time(row.since());
            case UNTIL -> row.until() == null ? "" : time(row.until());
            default -> row.valueOf(column);
        };
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    @Override
    public ColumnTextAlign align(BlockedUserColumn column) {
        return ColumnTextAlign.START;
    }
}
