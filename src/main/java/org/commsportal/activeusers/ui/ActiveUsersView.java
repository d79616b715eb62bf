package org.commsportal.activeusers.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
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
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;
import org.commsportal.activeusers.ActiveUsersNotReadyException;
import org.commsportal.activeusers.ActiveUsersService;
import org.commsportal.activeusers.UnsupportedZoneException;
import org.commsportal.base.ui.GridColumns;
import org.commsportal.base.ui.GridHeaders;
import org.commsportal.base.ui.LocaleNumbers;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.TimeZoneField;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.Roles;
import org.commsportal.security.ViewerTimeZone;
import org.commsportal.tenant.TenantService;

/**
 * Active users (docs/active-users.md, as a page): distinct licensed users with audio or video in use per day, week,
 * month or year of a chosen time zone, as a chart and, newest first, as a table; the same figures as the
 * CsActiveUser* reports of the reporting web service.
 */
@Route("usage/active-users")
@PageTitle("Active users | Comms Usage Portal")
@Menu(order = 3, title = "Active users", icon = "vaadin:users")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class ActiveUsersView extends VerticalLayout implements BeforeEnterObserver {

    private static final String PERIOD = "period";
    private static final String ZONE = "zone";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ActiveUsersService activeUsers;
    private final Clock clock;
    private final int retentionDays;
    private final Select<ActiveUserPeriod> period = new Select<>();
    private final ComboBox<ZoneId> zone = TimeZoneField.create("Time zone");
    private final Paragraph explanation = new Paragraph();
    private final Span dataAsOf = new Span();
    private final Paragraph problem = new Paragraph();
    private final Paragraph noData = new Paragraph(
            "No data for this period length: no such period lies wholly " + "within the retained data yet.");
    private final Div chart = new Div();
    private final Grid<ActiveUserRow> grid = new Grid<>();
    private final Grid.Column<ActiveUserRow> endsColumn;
    private final PageAddress address = new PageAddress("usage/active-users");
    private final ZoneId viewerZone;
    private ActiveUserPeriod shownPeriod = ActiveUserPeriod.DAILY;
    private boolean restoring;

    ActiveUsersView(
            ActiveUsersService activeUsers,
            ViewerTimeZone viewerTimeZone,
            TenantService tenants,
            Clock clock,
            SavedViews savedViews) {
        this.activeUsers = activeUsers;
        this.clock = clock;
        this.retentionDays = tenants.current().retentionDays();
        setId("active-users");
        setWidthFull();
        // Tooltips, axis labels and the table write numbers as the browser's language does, as on every page
        LocaleNumbers.useInCharts(getLocale());

        period.setId("period");
        period.setLabel("Period");
        period.setItems(ActiveUserPeriod.values());
        period.setItemLabelGenerator(ActiveUsersChart::name);
        period.setValue(ActiveUserPeriod.DAILY);
        zone.setId("time-zone");
        zone.setValue(viewerTimeZone.current());
        zone.setHelperText("Your own time zone unless you choose another; period boundaries are midnights there.");
        dataAsOf.setId("data-as-of");
        this.viewerZone = viewerTimeZone.current();
        var header = new HorizontalLayout(
                period, zone, dataAsOf, PageAddress.copyButton(), address.saveButton(savedViews::trySave));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWrap(true);

        explanation.setId("explanation");
        problem.setId("zone-problem");
        problem.addClassName(LumoUtility.TextColor.ERROR);
        noData.setId("no-data");
        chart.setId("chart-holder");
        chart.setWidthFull();
        chart.addClassName("report-charts");

        grid.setId("active-users-grid");
        grid.addColumn(row -> ActiveUsersChart.label(shownPeriod, row))
                .setHeader("Period")
                .setAutoWidth(true);
        endsColumn = grid.addColumn(row -> DATE_TIME.format(row.date()))
                .setHeader("Period ends")
                .setAutoWidth(true);
        grid.addColumn(row -> LocaleNumbers.format(row.activeUsers(), getLocale()))
                .setHeader(GridHeaders.endAligned(grid, "Active users"))
                .setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        GridColumns.resizableWithFirstFrozen(grid);
        // Below the chart, as the peer-to-peer page's table: scrolled to, it fills the window under the navigation
        // bar, whatever the window's height
        grid.setHeight("calc(100vh - 6rem)");
        grid.setMinHeight("22rem");

        add(new H2("Active users"), header, explanation, problem, noData, chart, grid);
        period.addValueChangeListener(change -> {
            if (!restoring) {
                show();
            }
        });
        zone.addValueChangeListener(change -> {
            if (!restoring) {
                show();
            }
        });
    }

    /**
     * Opens the view a link asks for (docs/pages.md#links): {@code period} (daily, weekly, monthly, yearly) and
     * {@code zone} (an IANA id or UTC); what cannot be used is named and left out.
     */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters =
                event.getLocation().getQueryParameters().getParameters();
        List<String> problems = new ArrayList<>();
        restoring = true;
        PageAddress.single(parameters, PERIOD)
                .ifPresent(given -> Arrays.stream(ActiveUserPeriod.values())
                        .filter(p -> p.name().equalsIgnoreCase(given))
                        .findFirst()
                        .ifPresentOrElse(
                                period::setValue,
                                () -> problems.add("period " + PageAddress.shown(given)
                                        + " is not one of daily, weekly, monthly, yearly")));
        PageAddress.single(parameters, ZONE)
                .ifPresent(given -> TimeZoneField.offered(given)
                        .ifPresentOrElse(
                                zone::setValue,
                                () -> problems.add("zone " + PageAddress.shown(given)
                                        + " is not a time zone such as Europe/Berlin or UTC")));
        restoring = false;
        show();
        PageAddress.tell(problems);
    }

    /** Period and zone in the address; the daily figures in the viewer's own zone are the default. */
    private void writeAddress() {
        Map<String, String> state = new LinkedHashMap<>();
        if (period.getValue() != null && period.getValue() != ActiveUserPeriod.DAILY) {
            state.put(PERIOD, period.getValue().name().toLowerCase(Locale.ROOT));
        }
        if (zone.getValue() != null && !zone.getValue().equals(viewerZone)) {
            state.put(ZONE, zone.getValue().getId());
        }
        address.write(state);
    }

    private void show() {
        writeAddress();
        ZoneId chosenZone = zone.getValue();
        ActiveUserPeriod chosenPeriod = period.getValue() == null ? ActiveUserPeriod.DAILY : period.getValue();
        if (chosenZone == null) {
            showProblem("Choose a time zone.");
            return;
        }
        ActiveUserReport report;
        try {
            report = activeUsers.report(chosenPeriod, chosenZone);
        } catch (UnsupportedZoneException e) {
            showProblem(e.getMessage() + " Choose another time zone.");
            return;
        } catch (ActiveUsersNotReadyException e) {
            showProblem(e.getMessage());
            return;
        }
        problem.setVisible(false);
        explanation.setVisible(true);
        explanation.setText("Distinct licensed users with audio or video in use at some moment of the period, in "
                + chosenZone.getId() + ". Daily figures stop at the last complete day; the current week, month and "
                + "year are included. Only periods wholly within the retained data (the last " + retentionDays
                + " days) are shown.");
        dataAsOf.setText("Data as of " + DATE_TIME.format(LocalDateTime.now(clock.withZone(chosenZone))) + " ("
                + chosenZone.getId() + ")");

        shownPeriod = chosenPeriod;
        endsColumn.setHeader("Period ends (" + chosenZone.getId() + ")");
        List<ActiveUserRow> newestFirst = new ArrayList<>(report.rows());
        Collections.reverse(newestFirst);
        boolean empty = newestFirst.isEmpty();
        noData.setVisible(empty);
        chart.removeAll();
        chart.setVisible(!empty);
        grid.setVisible(!empty);
        grid.setItems(newestFirst);
        if (!empty) {
            chart.add(ActiveUsersChart.of(report));
        }
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
        explanation.setVisible(false);
        noData.setVisible(false);
        dataAsOf.setText("");
        chart.removeAll();
        chart.setVisible(false);
        grid.setItems(List.of());
        grid.setVisible(false);
    }
}
