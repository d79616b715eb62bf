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

/** Conference organizer activity: conferences the tenant's users organized, by type, their organizers and minutes. */
@Route("usage/conference-organizer-activity")
@PageTitle("Conference organizer activity | Comms Usage Portal")
@Menu(order = 1.2, title = "Conference organizer activity", icon = "vaadin:group")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class ConferenceOrganizerActivityView extends SkypeActivityPageView {

    ConferenceOrganizerActivityView(
            SkypeActivityService service, AccountPreferences preferences, SavedViews savedViews) {
        super(SkypeActivityPage.ORGANIZER, service, preferences, savedViews, ConferenceCharts.NOTE_ORGANIZER);
    }

    @Override
    List<Chart> charts(LocalDate from, LocalDate to, Consumer<LocalDate> onDay, boolean logarithmic) {
        return ConferenceCharts.of(
                service().organizedDays(from, to), "organized", "organizers", true, onDay, logarithmic);
    }
}
