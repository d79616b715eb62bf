package org.commsportal.activity.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.Tooltip;
import com.vaadin.flow.component.charts.model.XAxis;
import com.vaadin.flow.component.charts.model.YAxis;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.commsportal.base.ui.BeingBuilt;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;
import org.commsportal.activity.ActivityReport;
import org.commsportal.activity.ActivityService;
import org.commsportal.activity.DailyActivity;
import org.commsportal.activity.ReportPeriod;
import org.commsportal.security.Roles;

/**
 * Peer-to-peer activity (SPEC section 2). This first version shows the Activity chart; the Users and Minutes
 * charts, the per-user table, day drill-down and exports come with the peer-to-peer activity issue.
 */
@Route("usage/peer-to-peer-activity")
@PageTitle("Peer-to-peer activity | Comms Usage Portal")
@Menu(order = 1, title = "Peer-to-peer activity", icon = "vaadin:chart")
@RolesAllowed({Roles.GLOBAL_ADMIN, Roles.SFB_ADMIN, Roles.REPORTS_READER, Roles.GLOBAL_READER,
        Roles.USAGE_SUMMARY_READER})
class PeerToPeerActivityView extends VerticalLayout {

    private final ActivityService activity;
    private final Span dataAsOf = new Span();
    private final VerticalLayout charts = new VerticalLayout();

    PeerToPeerActivityView(ActivityService activity) {
        this.activity = activity;
        setId("peer-to-peer-activity");
        var period = new Select<ReportPeriod>();
        period.setId("period");
        period.setLabel("Period");
        period.setItems(ReportPeriod.values());
        period.setItemLabelGenerator(ReportPeriod::label);
        period.setValue(ReportPeriod.D7);
        period.addValueChangeListener(event -> show(event.getValue()));
        dataAsOf.setId("data-as-of");
        charts.setPadding(false);
        var notice = new BeingBuilt("the Users and Minutes charts, the per-user table, day drill-down "
                + "and exports of this report");
        add(new H2("Peer-to-peer activity"), period, dataAsOf, charts, notice);
        show(ReportPeriod.D7);
    }

    private void show(ReportPeriod period) {
        ActivityReport report = activity.activity(period);
        dataAsOf.setText("Data as of " + report.reportDate() + " (UTC), read at "
                + DateTimeFormatter.ISO_INSTANT.format(report.generatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        charts.removeAll();
        charts.add(activityChart(report));
    }

    private static Chart activityChart(ActivityReport report) {
        var chart = new Chart(ChartType.LINE);
        chart.setId("activity-chart");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Activity");
        conf.getChart().setAnimation(false);
        XAxis x = conf.getxAxis();
        x.setCategories(report.days().stream().map(d -> d.day().toString()).toArray(String[]::new));
        x.setTitle("Date (UTC)");
        YAxis y = conf.getyAxis();
        y.setTitle("Peer-to-peer sessions");
        y.setMin(0);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        List<DailyActivity> days = report.days();
        conf.addSeries(series("IM", days, DailyActivity::im));
        conf.addSeries(series("Audio", days, DailyActivity::audio));
        conf.addSeries(series("Video", days, DailyActivity::video));
        conf.addSeries(series("Application sharing", days, DailyActivity::appSharing));
        conf.addSeries(series("File transfers", days, DailyActivity::fileTransfer));
        chart.setHeight("360px");
        return chart;
    }

    private static ListSeries series(String name, List<DailyActivity> days, ToLongFunction<DailyActivity> value) {
        return new ListSeries(name, days.stream().map(d -> (Number) value.applyAsLong(d)).toArray(Number[]::new));
    }
}
