package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.charts.Chart;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.base.ui.DayCharts;
import org.commsportal.base.ui.DayCharts.Series;
import org.commsportal.skypeactivity.ConferenceDay;

/** The conference pages' three charts: conferences by type, their distinct users by type, and minutes. */
final class ConferenceCharts {

    private static final String UNKNOWN = " Web conferencing and dial-in/out are counted from what the records say; "
            + "on a day whose records do not say them, their lines have a gap rather than a zero.";

    static final String NOTE_ORGANIZER = "Conferences organized by the tenant's licensed users (the organizer is the "
            + "To party of a conference's sessions), per UTC day, by what was used in them." + UNKNOWN;

    static final String NOTE_PARTICIPANT = "Conferences the tenant's licensed users took part in (the From party of "
            + "a conference's sessions), per UTC day, by what they used in them." + UNKNOWN;

    private ConferenceCharts() {}

    static List<Chart> of(
            List<ConferenceDay> days,
            String done,
            String users,
            boolean organizer,
            Consumer<LocalDate> onDay,
            boolean logarithmic) {
        List<Series<ConferenceDay>> conferences = new ArrayList<>(List.of(
                new Series<>("IM", ConferenceDay::im),
                new Series<>("Audio/video", ConferenceDay::audioVideo),
                new Series<>("Application sharing", ConferenceDay::appSharing),
                new Series<>("Web", ConferenceDay::web),
                new Series<>("Dial-in/out third party", ConferenceDay::dialInOutThirdParty)));
        List<Series<ConferenceDay>> distinctUsers = new ArrayList<>(List.of(
                new Series<>("IM", ConferenceDay::imUsers),
                new Series<>("Audio/video", ConferenceDay::audioVideoUsers),
                new Series<>("Application sharing", ConferenceDay::appSharingUsers),
                new Series<>("Web", ConferenceDay::webUsers),
                new Series<>("Dial-in/out third party", ConferenceDay::dialInOutThirdPartyUsers)));
        List<Series<ConferenceDay>> minutes =
                new ArrayList<>(List.of(new Series<>("Audio/video", ConferenceDay::audioVideoMinutes)));
        if (organizer) {
            conferences.add(new Series<>("Dial-in/out Microsoft", ConferenceDay::dialInOutMicrosoft));
            distinctUsers.add(new Series<>("Dial-in/out Microsoft", ConferenceDay::dialInOutMicrosoftUsers));
            minutes.add(new Series<>("Dial-in Microsoft", ConferenceDay::dialInMicrosoftMinutes));
            minutes.add(new Series<>("Dial-out Microsoft", ConferenceDay::dialOutMicrosoftMinutes));
        }
        return List.of(
                DayCharts.chart(
                        "activity-chart",
                        "Activity",
                        "Conferences " + done,
                        days,
                        ConferenceDay::day,
                        onDay,
                        logarithmic,
                        conferences),
                DayCharts.chart(
                        "users-chart",
                        "Users",
                        "Distinct " + users,
                        days,
                        ConferenceDay::day,
                        onDay,
                        logarithmic,
                        distinctUsers),
                DayCharts.chart(
                        "minutes-chart", "Minutes", "Minutes", days, ConferenceDay::day, onDay, logarithmic, minutes));
    }
}
