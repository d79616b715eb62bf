package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.charts.Chart;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.base.ui.DayCharts;
import org.commsportal.base.ui.DayCharts.Series;
import org.commsportal.skypeactivity.ConferenceDay;

/** The conference pages' three charts: conferences by type, their distinct users by type, and minutes. */
final class ConferenceCharts {

    private static final String UNKNOWN = " Web conferencing and dial-in/out (third-party or Microsoft) are not in "
            + "the records this portal receives, so they are not shown rather than shown as zero.";

    static final String NOTE_ORGANIZER = "Conferences organized by the tenant's licensed users (the organizer is the "
            + "To party of a conference's sessions), per UTC day, by what was used in them." + UNKNOWN;

    static final String NOTE_PARTICIPANT = "Conferences the tenant's licensed users took part in (the From party of "
            + "a conference's sessions), per UTC day, by what they used in them." + UNKNOWN;

    private ConferenceCharts() {}

    static List<Chart> of(
            List<ConferenceDay> days, String done, String users, Consumer<LocalDate> onDay, boolean logarithmic) {
        return List.of(
                DayCharts.chart(
                        "activity-chart",
                        "Activity",
                        "Conferences " + done,
                        days,
                        ConferenceDay::day,
                        onDay,
                        logarithmic,
                        List.of(
                                new Series<>("IM", ConferenceDay::im),
                                new Series<>("Audio/video", ConferenceDay::audioVideo),
                                new Series<>("Application sharing", ConferenceDay::appSharing))),
                DayCharts.chart(
                        "users-chart",
                        "Users",
                        "Distinct " + users,
                        days,
                        ConferenceDay::day,
                        onDay,
                        logarithmic,
                        List.of(
                                new Series<>("IM", ConferenceDay::imUsers),
                                new Series<>("Audio/video", ConferenceDay::audioVideoUsers),
                                new Series<>("Application sharing", ConferenceDay::appSharingUsers))),
                DayCharts.chart(
                        "minutes-chart",
                        "Minutes",
                        "Audio/video minutes",
                        days,
                        ConferenceDay::day,
                        onDay,
                        logarithmic,
                        List.of(new Series<>("Audio/video", ConferenceDay::audioVideoMinutes))));
    }
}
