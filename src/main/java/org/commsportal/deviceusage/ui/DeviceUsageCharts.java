package org.commsportal.deviceusage.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.Cursor;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.Tooltip;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.deviceusage.DeviceUsageReport;
import org.commsportal.deviceusage.Platform;

/**
 * The report's two charts: distinct users per platform per day (a click on a day, or anywhere in its column, picks
 * it; legend clicks only hide or show platforms), and the distribution of distinct users per platform over the
 * period. Mac, Web and Other are drawn only when the period has users on them, as the vendor's five always are.
 */
final class DeviceUsageCharts {

    private static final List<Platform> VENDORS =
            List.of(Platform.WINDOWS, Platform.WINDOWS_PHONE, Platform.ANDROID_PHONE, Platform.IPHONE, Platform.IPAD);

    private DeviceUsageCharts() {}

    /** The platforms drawn: the vendor's five, and the others the period has users on. */
    static List<Platform> shown(DeviceUsageReport report) {
        return Arrays.stream(Platform.values())
                .filter(p -> VENDORS.contains(p) || report.distribution(p) > 0)
                .toList();
    }

    static List<Chart> of(DeviceUsageReport report, Consumer<LocalDate> onDayClicked) {
        return List.of(users(report, onDayClicked), distribution(report));
    }

    private static Chart users(DeviceUsageReport report, Consumer<LocalDate> onDayClicked) {
        var chart = new Chart(ChartType.LINE);
        chart.setId("users-chart");
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Users");
        conf.getChart().setAnimation(false);
        conf.getxAxis()
                .setCategories(
                        report.days().stream().map(d -> d.day().toString()).toArray(String[]::new));
        conf.getxAxis().setTitle("Date (UTC)");
        conf.getyAxis().setTitle("Distinct licensed users");
        conf.getyAxis().setMin(0);
        conf.getyAxis().setAllowDecimals(false);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        var options = new PlotOptionsLine();
        options.setAnimation(false);
        options.setCursor(Cursor.POINTER);
        conf.setPlotOptions(options);
        for (Platform platform : shown(report)) {
            conf.addSeries(new ListSeries(
                    platform.label(),
                    report.days().stream()
                            .map(day -> (Number) day.users(platform))
                            .toArray(Number[]::new)));
        }
        chart.addPointClickListener(click ->
                onDayClicked.accept(report.days().get(click.getItemIndex()).day()));
        chart.addChartClickListener(click -> {
            long index = Math.round(click.getxAxisValue());
            if (index >= 0 && index < report.days().size()) {
                onDayClicked.accept(report.days().get((int) index).day());
            }
        });
        return chart;
    }

    private static Chart distribution(DeviceUsageReport report) {
        var chart = new Chart(ChartType.COLUMN);
        chart.setId("distribution-chart");
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Distribution");
        conf.getChart().setAnimation(false);
        List<Platform> shown = shown(report);
        conf.getxAxis().setCategories(shown.stream().map(Platform::label).toArray(String[]::new));
        conf.getyAxis().setTitle("Distinct licensed users in the period");
        conf.getyAxis().setMin(0);
        conf.getyAxis().setAllowDecimals(false);
        var options = new PlotOptionsColumn();
        options.setAnimation(false);
        options.setColorByPoint(true);
        conf.setPlotOptions(options);
        conf.getLegend().setEnabled(false);
        conf.addSeries(new ListSeries(
                "Users",
                shown.stream().map(p -> (Number) report.distribution(p)).toArray(Number[]::new)));
        return chart;
    }
}
