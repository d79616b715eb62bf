package org.commsportal.pstn.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.pstn.PstnCallColumn;
import org.commsportal.pstn.PstnCallQuery;
import org.commsportal.pstn.PstnCallRow;
import org.commsportal.pstn.PstnUsageService;
import org.jspecify.annotations.Nullable;

/** The PSTN usage page's table of calls, read page by page from {@link PstnUsageService}. */
final class PstnCallGrid implements UserTableGrid.Table<PstnCallRow, PstnCallColumn, PstnCallQuery> {

    static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final PstnUsageService service;
    private final ZoneId zone;

    private PstnCallGrid(PstnUsageService service, ZoneId zone) {
        this.service = service;
        this.zone = zone;
    }

    static UserTableGrid<PstnCallRow, PstnCallColumn, PstnCallQuery> of(
            PstnUsageService service, ZoneId zone, Supplier<PstnCallQuery> query) {
        var grid = new UserTableGrid<>(
                PstnCallColumn.class, List.of(PstnCallColumn.values()), new PstnCallGrid(service, zone), query);
        grid.setEmptyStateText("No PSTN calls match this period and these filters.");
        return grid;
    }

    @Override
    public List<PstnCallRow> page(PstnCallQuery query, int offset, int limit) {
        return service.calls(query, offset, limit);
    }

    @Override
    public long count(PstnCallQuery query) {
        return service.countCalls(query);
    }

    @Override
    public PstnCallQuery sortedBy(PstnCallQuery query, PstnCallColumn column, boolean ascending) {
        return query.sortedBy(column, ascending);
    }

    @Override
    public String header(PstnCallColumn column) {
        return column.header(zone);
    }

    @Override
    public @Nullable Object value(PstnCallColumn column, PstnCallRow row) {
        return switch (column) {
            case START_TIME -> START.format(row.start().atZone(zone));
            case CALL_TYPE -> row.type().label();
            case CHARGE -> row.charge() == null ? "" : row.charge().toPlainString();
            default -> row.valueOf(column);
        };
    }

    @Override
    public ColumnTextAlign align(PstnCallColumn column) {
        return column == PstnCallColumn.DURATION || column == PstnCallColumn.CHARGE
                ? ColumnTextAlign.END
                : ColumnTextAlign.START;
    }
}
