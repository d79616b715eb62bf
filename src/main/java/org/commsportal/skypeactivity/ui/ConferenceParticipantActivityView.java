package org.commsportal.skypeactivity.ui;

import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.commsportal.savedviews.SavedViews;
import org.commsportal.security.AccountPreferences;
import org.commsportal.security.Roles;
import org.commsportal.skypeactivity.SkypeActivityPage;
import org.commsportal.skypeactivity.SkypeActivityService;

/** Conference participant activity: conferences the tenant's users took part in, by type, participants, minutes. */
@Route("usage/conference-participant-activity")
@PageTitle("Conference participant activity | Comms Usage Portal")
@Menu(order = 1.3, title = "Conference participant activity", icon = "vaadin:group")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class ConferenceParticipantActivityView extends SkypeActivityPageView {

    ConferenceParticipantActivityView(
            SkypeActivityService service, AccountPreferences preferences, SavedViews savedViews) {
        super(SkypeActivityPage.PARTICIPANT, service, preferences, savedViews, ConferenceCharts.NOTE_PARTICIPANT);
    }

    @Override
    List<Chart> charts(LocalDate from, LocalDate to, Consumer<LocalDate> onDay, boolean logarithmic) {
        return ConferenceCharts.of(
                service().participatedDays(from, to), "taken part in", "participants", false, onDay, logarithmic);
    }
}
