package org.commsportal.minutepools.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.base.ui.ColumnChooser;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.base.ui.UserTableGrid;
import org.commsportal.export.ExportFormat;
import org.commsportal.minutepools.MinutePool;
import org.commsportal.minutepools.MinutePoolColumn;
import org.commsportal.minutepools.MinutePoolQuery;
import org.commsportal.minutepools.MinutePoolsService;
import org.commsportal.minutepools.PoolCapability;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.jspecify.annotations.Nullable;

/**
 * PSTN minute pools (docs/pstn-minute-pools.md): for the current or the previous UTC month, each pool of calling
 * plan minutes by capability and country, with its total, used and remaining minutes; sorted, paged and exported in
 * the database. Pools name no user, so every chart role sees them.
 */
@Route(MinutePoolsView.ROUTE)
@PageTitle("PSTN minute pools | Comms Usage Portal")
@Menu(order = 4.7, title = "PSTN minute pools", icon = "vaadin:hourglass")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class MinutePoolsView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROUTE = "usage/pstn-minute-pools";
    static final String COLUMNS_PREFERENCE = "pstn-minute-pools.columns";
    static final String PREVIOUS = "previous";

    private final MinutePoolsService service;
    private final UserTableGrid<MinutePool, MinutePoolColumn, MinutePoolQuery> grid;
    private final ColumnChooser<MinutePoolColumn> columns;
    private final Span poolCount = new Span();
    private final PageAddress address = new PageAddress(ROUTE);
    private final List<YearMonth> months;
    private final Select<YearMonth> month = new Select<>();
    private final Select<PoolCapability> capability = new Select<>();
    private MinutePoolQuery query;

    MinutePoolsView(MinutePoolsService service, AccountPreferences preferences, SavedViews savedViews) {
        this.service = service;
        setId("pstn-minute-pools");
        setWidthFull();
        months = service.months();
        query = MinutePoolQuery.of(months.get(0));

        month.setId("month");
        month.setLabel("Month (UTC)");
        month.setItems(months);
        month.setItemLabelGenerator(m -> m + (m.equals(months.get(0)) ? " (current)" : " (previous)"));
        month.setValue(months.get(0));
        month.addValueChangeListener(event -> refresh(query.withMonth(event.getValue())));

        capability.setId("capability-filter");
        capability.setLabel("Capability");
        capability.setEmptySelectionAllowed(true);
        capability.setEmptySelectionCaption("Any capability");
        capability.setItems(PoolCapability.values());
        capability.setItemLabelGenerator(c -> c == null ? "Any capability" : c.label());
        capability.addValueChangeListener(event -> refresh(query.withCapability(event.getValue())));

        grid = MinutePoolGrid.of(service, () -> query);
        grid.addSortListener(event -> writeAddress());
        columns = new ColumnChooser<>(
                MinutePoolColumn.class, MinutePoolColumn::header, grid, preferences, COLUMNS_PREFERENCE);
        columns.addChangeListener(this::writeAddress);
        poolCount.setId("pool-count");
        var toolbar = new HorizontalLayout(
                month,
                capability,
                poolCount,
                new Div(),
                PageAddress.copyButton(),
                address.saveButton(savedViews::trySave),
                columns,
                new StreamedExports(this::prepareExport));
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
        writeAddress();
    }

    /** Opens the view a link describes (docs/pages.md#links); invalid parameters are left out and named. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        address.restore(event.getLocation().getQueryParameters(), this::restore, () -> refresh(query));
    }

    private void restore(Map<String, List<String>> parameters, List<String> problems) {
        PageAddress.single(parameters, "month").ifPresent(text -> {
            if (text.equals(PREVIOUS)) {
                month.setValue(months.get(1));
                return;
            }
            try {
                YearMonth chosen = YearMonth.parse(text);
                if (months.contains(chosen)) {
                    month.setValue(chosen);
                } else {
                    problems.add("month " + PageAddress.shown(text) + " is not the current or the previous month");
                }
            } catch (DateTimeParseException e) {
                problems.add("month " + PageAddress.shown(text) + " is neither \"previous\" nor a month such as "
                        + months.get(1));
            }
        });
        PageAddress.single(parameters, "capability").ifPresent(text -> {
            try {
                capability.setValue(PoolCapability.valueOf(text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add("capability " + PageAddress.shown(text) + " is not domestic or international");
            }
        });
        columns.restore(parameters, problems);
        grid.restoreSort(parameters, problems);
    }

    /**
     * Writes the month (when not the current one), the capability, the sort and the visible columns into the address.
     * The previous month is written as {@value #PREVIOUS}, so a saved view or a monthly scheduled send of it always
     * shows the month before its opening.
     */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        if (!query.month().equals(months.get(0))) {
            state.put("month", PREVIOUS);
        }
        if (query.capability() != null) {
            state.put("capability", query.capability().name().toLowerCase(Locale.ROOT));
        }
        grid.writeSort(state);
        columns.write(state);
        address.write(state);
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
