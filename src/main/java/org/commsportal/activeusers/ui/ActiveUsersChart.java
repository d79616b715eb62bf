package org.commsportal.activeusers.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsColumn;
import com.vaadin.flow.component.charts.model.Tooltip;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.commsportal.activeusers.ActiveUserPeriod;
import org.commsportal.activeusers.ActiveUserReport;
import org.commsportal.activeusers.ActiveUserRow;

/**
 * The report's chart, one column per period, built like the peer-to-peer charts (no animation, whole-number y axis
 * from zero, the x axis titled with its unit and zone), and the period names that the chart and the grid share.
 */
final class ActiveUsersChart {

    static final String ID = "active-users-chart";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private ActiveUsersChart() {}

    static Chart of(ActiveUserReport report) {
        var chart = new Chart(ChartType.COLUMN);
        chart.setId(ID);
        chart.setHeight("300px");
        Configuration conf = chart.getConfiguration();
        conf.setTitle("Active users per " + unit(report.period()));
        conf.getChart().setAnimation(false);
        conf.getLegend().setEnabled(false);
        conf.getxAxis()
                .setCategories(report.rows().stream()
                        .map(row -> label(report.period(), row))
                        .toArray(String[]::new));
        conf.getxAxis()
                .setTitle(capitalized(unit(report.period())) + " ("
                        + report.zone().getId() + ")");
        conf.getyAxis().setTitle("Distinct licensed users");
        conf.getyAxis().setMin(0);
        conf.getyAxis().setAllowDecimals(false);
        var tooltip = new Tooltip();
        tooltip.setShared(true);
        conf.setTooltip(tooltip);
        var options = new PlotOptionsColumn();
        options.setAnimation(false);
        conf.setPlotOptions(options);
        conf.addSeries(new ListSeries(
                "Active users",
                report.rows().stream().map(row -> (Number) row.activeUsers()).toArray(Number[]::new)));
        return chart;
    }

    /**
     * The period a row stands for: its {@code date} is the midnight that closes it, so its last day is the day
     * before (e.g. "2026-11-03", "Week of 2026-11-01", "Nov 2026", "2026").
     */
    static String label(ActiveUserPeriod period, ActiveUserRow row) {
        LocalDate start = firstDay(period, row);
        return switch (period) {
            case DAILY -> start.toString();
            case WEEKLY -> "Week of " + start;
            case MONTHLY -> MONTH.format(start);
            case YEARLY -> String.valueOf(start.getYear());
        };
    }

    static LocalDate firstDay(ActiveUserPeriod period, ActiveUserRow row) {
        return period.startOf(row.date().toLocalDate().minusDays(1));
    }

    static String name(ActiveUserPeriod period) {
        return switch (period) {
            case DAILY -> "Daily";
            case WEEKLY -> "Weekly";
            case MONTHLY -> "Monthly";
            case YEARLY -> "Yearly";
        };
    }

    private static String unit(ActiveUserPeriod period) {
        return switch (period) {
            case DAILY -> "day";
            case WEEKLY -> "week";
            case MONTHLY -> "month";
            case YEARLY -> "year";
        };
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
