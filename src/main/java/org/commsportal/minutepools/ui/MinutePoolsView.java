package org.commsportal.minutepools.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.YearMonth;
import java.util.List;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.export.ExportFormat;
import org.commsportal.minutepools.MinutePool;
import org.commsportal.minutepools.MinutePoolColumn;
import org.commsportal.minutepools.MinutePoolQuery;
import org.commsportal.minutepools.MinutePoolsService;
import org.commsportal.minutepools.PoolCapability;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * PSTN minute pools (docs/pstn-minute-pools.md): for the current or the previous UTC month, each pool of calling
 * plan minutes by capability and country, with its total, used and remaining minutes; sorted, paged and exported in
 * the database. Pools name no user, so every chart role sees them.
 */
@Route("usage/pstn-minute-pools")
@PageTitle("PSTN minute pools | Comms Usage Portal")
@Menu(order = 4.7, title = "PSTN minute pools", icon = "vaadin:hourglass")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class MinutePoolsView extends VerticalLayout {

    static final String COLUMNS_PREFERENCE = "pstn-minute-pools.columns";

    private final MinutePoolsService service;
    private final UserTableGrid<MinutePool, MinutePoolColumn, MinutePoolQuery> grid;
    private final ColumnChooser<MinutePoolColumn> columns;
    private final Span poolCount = new Span();
    private MinutePoolQuery query;

    MinutePoolsView(MinutePoolsService service, AccountPreferences preferences) {
        this.service = service;
        setId("pstn-minute-pools");
        setWidthFull();
        List<YearMonth> months = service.months();
        query = MinutePoolQuery.of(months.get(0));

        var month = new Select<YearMonth>();
        month.setId("month");
        month.setLabel("Month (UTC)");
        month.setItems(months);
        month.setItemLabelGenerator(m -> m + (m.equals(months.get(0)) ? " (current)" : " (previous)"));
        month.setValue(months.get(0));
        month.addValueChangeListener(event -> refresh(query.withMonth(event.getValue())));

        var capability = new Select<PoolCapability>();
        capability.setId("capability-filter");
        capability.setLabel("Capability");
        capability.setEmptySelectionAllowed(true);
        capability.setEmptySelectionCaption("Any capability");
        capability.setItems(PoolCapability.values());
        capability.setItemLabelGenerator(c -> c == null ? "Any capability" : c.label());
        capability.addValueChangeListener(event -> refresh(query.withCapability(event.getValue())));

        grid = MinutePoolGrid.of(service, () -> query);
        columns = new ColumnChooser<>(
                MinutePoolColumn.class, MinutePoolColumn::header, grid, preferences, COLUMNS_PREFERENCE);
        poolCount.setId("pool-count");
        var toolbar = new HorizontalLayout(
                month, capability, poolCount, new Div(), columns, new StreamedExports(this::prepareExport));
        toolbar.setWidthFull();
        toolbar.setWrap(true);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        toolbar.expand(toolbar.getComponentAt(3));
        var help = new Paragraph("A pool's total is the minutes per user and month of its users' calling plans "
                + "(Administration > Calling plans); its minutes used are its users' outbound calls of the month "
                + "inside their country (domestic) or to other countries (international).");
        help.addClassName("help-text");
        grid.setHeight("calc(100vh - 16rem)");
        grid.setMinHeight("16rem");
        add(new H2("PSTN minute pools"), toolbar, help, grid);
        refresh(query);
    }

    private void refresh(MinutePoolQuery newQuery) {
        query = newQuery;
        grid.getDataProvider().refreshAll();
        long pools = service.countPools(query);
        poolCount.setText(pools + (pools == 1 ? " pool" : " pools"));
    }

    /** Every pool of the month and filter, in the table's sort, with the visible columns. */
    private StreamedExports.@Nullable Download prepareExport(ExportFormat format) {
        MinutePoolQuery current = grid.currentQuery();
        List<MinutePoolColumn> chosen = columns.visible();
        return new StreamedExports.Download(
                service.exportFileName(current, format),
                service.countPools(current),
                (out, progress) -> service.export(current, chosen, format, out, progress));
    }
}
