package org.commsportal.activity.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.AxisType;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.Tooltip;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.commsportal.activity.ActivityReport;
import org.commsportal.activity.DailyActivity;

/**
 * The report's three charts. A click on any point, or anywhere in a day's column of the plot, picks that day;
 * legend clicks only hide or show series. With a logarithmic scale, small series stay readable beside large ones.
 */
final class ActivityCharts {

    private record Series(String name, ToLongFunction<DailyActivity> value) {}

    /** The index of the point the keyboard has reached, -1 for none. */
    private static final String HIGHLIGHTED_POINT = "element.configuration && element.configuration.highlightedPoint"
            + " ? element.configuration.highlightedPoint.index : -1";

    private ActivityCharts() {}

    static List<Chart> of(ActivityReport report, Consumer<LocalDate> onDayClicked) {
        return of(report, onDayClicked, false);
    }

    static List<Chart> of(ActivityReport report, Consumer<LocalDate> onDayClicked, boolean logarithmic) {
        return List.of(
                chart(
                        "activity-chart",
                        "Activity",
                        "Peer-to-peer sessions",
                        report,
                        onDayClicked,
                        logarithmic,
                        new Series("IM", DailyActivity::im),
                        new Series("Audio", DailyActivity::audio),
                        new Series("Video", DailyActivity::video),
                        new Series("Application sharing", DailyActivity::appSharing),
                        new Series("File transfers", DailyActivity::fileTransfer)),
                chart(
                        "users-chart",
                        "Users",
                        "Distinct licensed users",
                        report,
                        onDayClicked,
                        logarithmic,
                        new Series("IM", DailyActivity::usersIm),
                        new Series("Audio", DailyActivity::usersAudio),
                        new Series("Video", DailyActivity::usersVideo),
                        new Series("Application sharing", DailyActivity::usersAppSharing),
                        new Series("File transfers", DailyActivity::usersFileTransfer)),
                chart(
                        "minutes-chart",
                        "Minutes",
                        "Minutes",
                        report,
                        onDayClicked,
                        logarithmic,
                        new Series("Audio", DailyActivity::audioMinutes),
                        new Series("Video", DailyActivity::videoMinutes)));
    }

    private static Chart chart(
            String id,
            String title,
            String yAxisTitle,
            ActivityReport report,
            Consumer<LocalDate> onDayClicked,
            boolean logarithmic,
            Series... series) {
        var chart = new Chart(ChartType.LINE);
        chart.setId(id);
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle(title);
        conf.getChart().setAnimation(false);
        conf.getxAxis()
                .setCategories(
                        report.days().stream().map(d -> d.day().toString()).toArray(String[]::new));
        conf.getxAxis().setTitle("Date (UTC)");
        conf.getyAxis().setTitle(yAxisTitle + (logarithmic ? " (logarithmic)" : ""));
        if (logarithmic) {
            // A logarithmic axis has no zero: days without any are left out of the line rather than drawn at 1
            conf.getyAxis().setType(AxisType.LOGARITHMIC);
        } else {
            conf.getyAxis().setMin(0);
        }
        conf.getyAxis().setAllowDecimals(false);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        var options = new PlotOptionsLine();
        options.setAnimation(false);
        options.setCursor(com.vaadin.flow.component.charts.model.Cursor.POINTER);
        conf.setPlotOptions(options);
        for (Series s : series) {
            conf.addSeries(new ListSeries(
                    s.name(),
                    report.days().stream()
                            .map(day -> {
                                long value = s.value().applyAsLong(day);
                                return logarithmic && value == 0 ? null : (Number) value;
                            })
                            .toArray(Number[]::new)));
        }
        chart.addPointClickListener(click ->
                onDayClicked.accept(report.days().get(click.getItemIndex()).day()));
        // Enter or space on a point reached with the keyboard (Highcharts' arrow-key navigation) picks its day;
        // on key up, as Highcharts stops the key down event inside the chart
        chart.getElement()
                .addEventListener("keyup", key -> {
                    int index = (int) key.getEventData().getNumber(HIGHLIGHTED_POINT);
                    if (index >= 0 && index < report.days().size()) {
                        onDayClicked.accept(report.days().get(index).day());
                    }
                })
                .setFilter("event.key === 'Enter' || event.key === ' '")
                .addEventData(HIGHLIGHTED_POINT);
        // A click anywhere in the plot picks the day whose column it falls in, not only one exactly on a line
        chart.addChartClickListener(click -> {
            long index = Math.round(click.getxAxisValue());
            if (index >= 0 && index < report.days().size()) {
                onDayClicked.accept(report.days().get((int) index).day());
            }
        });
        return chart;
    }
}
