package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.base.ui.DayCharts;
import org.commsportal.base.ui.DayCharts.Series;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.commsportal.skypeactivity.ActivityDay;
import org.commsportal.skypeactivity.SkypeActivityPage;
import org.commsportal.skypeactivity.SkypeActivityService;

/** Skype for Business activity: peer-to-peer sessions and conferences organized and taken part in, per day. */
@Route("usage/activity")
@PageTitle("Skype for Business activity | Comms Usage Portal")
@Menu(order = 1.1, title = "Skype for Business activity", icon = "vaadin:line-chart")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class SkypeActivityView extends SkypeActivityPageView {

    SkypeActivityView(SkypeActivityService service, AccountPreferences preferences, SavedViews savedViews) {
        super(
                SkypeActivityPage.ACTIVITY,
                service,
                preferences,
                savedViews,
                "Peer-to-peer sessions, and conferences organized (the user is the conference's organizer) and "
                        + "taken part in, per UTC day. A conference is its URL and instance.");
    }

    @Override
    List<Chart> charts(LocalDate from, LocalDate to, Consumer<LocalDate> onDay, boolean logarithmic) {
        List<ActivityDay> days = service().days(from, to);
        return List.of(
                DayCharts.chart(
                        "activity-chart",
                        "Activity",
                        "Sessions and conferences",
                        days,
                        ActivityDay::day,
                        onDay,
                        logarithmic,
                        List.of(
                                new Series<>("Peer-to-peer", ActivityDay::peerToPeerSessions),
                                new Series<>("Organized", ActivityDay::conferencesOrganized),
                                new Series<>("Participated", ActivityDay::conferencesParticipated))),
                DayCharts.chart(
                        "users-chart",
                        "Users",
                        "Distinct licensed users",
                        days,
                        ActivityDay::day,
                        onDay,
                        logarithmic,
                        List.of(
                                new Series<>("Peer-to-peer", ActivityDay::peerToPeerUsers),
                                new Series<>("Organized", ActivityDay::organizers),
                                new Series<>("Participated", ActivityDay::participants))));
    }
}
