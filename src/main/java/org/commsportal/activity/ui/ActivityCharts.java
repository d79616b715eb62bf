package org.commsportal.activity.ui;

import com.vaadin.flow.component.charts.Chart;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.commsportal.activity.ActivityReport;
import org.commsportal.activity.DailyActivity;
import org.commsportal.base.ui.DayCharts;
import org.commsportal.base.ui.DayCharts.Series;

/** The report's three charts (docs/peer-to-peer-activity.md), drawn by {@link DayCharts}. */
final class ActivityCharts {

    private ActivityCharts() {}

    static List<Chart> of(ActivityReport report, Consumer<LocalDate> onDayClicked) {
        return of(report, onDayClicked, false);
    }

    static List<Chart> of(ActivityReport report, Consumer<LocalDate> onDayClicked, boolean logarithmic) {
        return List.of(
                DayCharts.chart(
                        "activity-chart",
                        "Activity",
                        "Peer-to-peer sessions",
                        report.days(),
                        DailyActivity::day,
                        onDayClicked,
                        logarithmic,
                        List.of(
                                series("IM", DailyActivity::im),
                                series("Audio", DailyActivity::audio),
                                series("Video", DailyActivity::video),
                                series("Application sharing", DailyActivity::appSharing),
                                series("File transfers", DailyActivity::fileTransfer))),
                DayCharts.chart(
                        "users-chart",
                        "Users",
                        "Distinct licensed users",
                        report.days(),
                        DailyActivity::day,
                        onDayClicked,
                        logarithmic,
                        List.of(
                                series("IM", DailyActivity::usersIm),
                                series("Audio", DailyActivity::usersAudio),
                                series("Video", DailyActivity::usersVideo),
                                series("Application sharing", DailyActivity::usersAppSharing),
                                series("File transfers", DailyActivity::usersFileTransfer))),
                DayCharts.chart(
                        "minutes-chart",
                        "Minutes",
                        "Minutes",
                        report.days(),
                        DailyActivity::day,
                        onDayClicked,
                        logarithmic,
                        List.of(
                                series("Audio", DailyActivity::audioMinutes),
                                series("Video", DailyActivity::videoMinutes))));
    }

    private static Series<DailyActivity> series(String name, ToLongFunction<DailyActivity> value) {
        return new Series<>(name, day -> value.applyAsLong(day));
    }
}
