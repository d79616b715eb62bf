package org.commsportal.base.ui;

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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A usage report's line chart over the days of its period. A click on any point, or anywhere in a day's column of
 * the plot, or Enter on a point reached by keyboard, picks that day; legend clicks only hide or show series. With a
 * logarithmic scale, small series stay readable beside large ones.
 */
public final class DayCharts {

    /** A line: its legend name and its figure of each day, null where the figure is unknown (a gap in the line). */
    public record Series<T>(String name, Function<T, @Nullable Long> value) {}

    /** The index of the point the keyboard has reached, -1 for none. */
    private static final String HIGHLIGHTED_POINT = "element.configuration && element.configuration.highlightedPoint"
            + " ? element.configuration.highlightedPoint.index : -1";

    private DayCharts() {}

    public static <T> Chart chart(
            String id,
            String title,
            String yAxisTitle,
            List<T> days,
            Function<T, LocalDate> dayOf,
            Consumer<LocalDate> onDayClicked,
            boolean logarithmic,
            List<Series<T>> series) {
        var chart = new Chart(ChartType.LINE);
        chart.setId(id);
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle(title);
        conf.getChart().setAnimation(false);
        conf.getxAxis()
                .setCategories(days.stream().map(d -> dayOf.apply(d).toString()).toArray(String[]::new));
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
        for (Series<T> s : series) {
            conf.addSeries(new ListSeries(
                    s.name(),
                    days.stream()
                            .map(day -> {
                                @Nullable Long value = s.value().apply(day);
                                return value == null || logarithmic && value == 0 ? null : (Number) value;
                            })
                            .toArray(Number[]::new)));
        }
        chart.addPointClickListener(click -> onDayClicked.accept(dayOf.apply(days.get(click.getItemIndex()))));
        // Enter or space on a point reached with the keyboard (Highcharts' arrow-key navigation) picks its day;
        // on key up, as Highcharts stops the key down event inside the chart
        chart.getElement()
                .addEventListener("keyup", key -> {
                    int index = (int) key.getEventData().getNumber(HIGHLIGHTED_POINT);
                    if (index >= 0 && index < days.size()) {
                        onDayClicked.accept(dayOf.apply(days.get(index)));
                    }
                })
                .setFilter("event.key === 'Enter' || event.key === ' '")
                .addEventData(HIGHLIGHTED_POINT);
        // A click anywhere in the plot picks the day whose column it falls in, not only one exactly on a line
        chart.addChartClickListener(click -> {
            long index = Math.round(click.getxAxisValue());
            if (index >= 0 && index < days.size()) {
                onDayClicked.accept(dayOf.apply(days.get((int) index)));
            }
        });
        return chart;
    }
}
