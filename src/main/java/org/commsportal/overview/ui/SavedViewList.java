package org.commsportal.overview.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import java.util.List;
import java.util.Map;
import org.commsportal.base.ui.Confirm;
import org.commsportal.savedviews.SavedView;
import org.commsportal.savedviews.SavedViewProblem;
import org.commsportal.savedviews.SavedViews;

/**
 * The saved views the viewer may open (docs/pages.md, "Saved views"): their own and those shared within the
 * organization, each a link to the report as it was saved; one's own can be deleted here.
 */
final class SavedViewList extends Div {

    private final SavedViews savedViews;
    private final Map<String, String> reportTitles;
    private final UnorderedList list = new UnorderedList();
    private final Paragraph empty = new Paragraph(
            "No saved views yet: on a usage report, \"Save view\" keeps its period, day, filter, sort and columns.");

    /** {@code reportTitles}: the title of each route the viewer's roles open; views of other routes are not listed. */
    SavedViewList(SavedViews savedViews, Map<String, String> reportTitles) {
        this.savedViews = savedViews;
        this.reportTitles = reportTitles;
        setId("saved-views");
        setWidthFull();
        list.setId("saved-view-list");
        list.addClassName("saved-view-list");
        add(new H3("Saved views"), empty, list);
        refresh();
    }

    private void refresh() {
        list.removeAll();
        List<SavedView> views = savedViews.visible().stream()
                .filter(view -> reportTitles.containsKey(view.route()))
                .toList();
        for (SavedView view : views) {
            var link = new Anchor(view.address(), view.name());
            link.addClassName("saved-view-name");
            link.getElement().setAttribute("router-link", true); // opens in the page, without a reload
            var about = new Span(" · " + reportTitles.get(view.route()) + " · "
                    + (view.mine() ? (view.shared() ? "shared by you" : "private") : "shared by " + view.savedBy()));
            about.addClassName("saved-view-about");
            var item = new ListItem(link, about);
            // Scheduling lives on its own page (docs/scheduled-reports.md); the link opens its form for this view
            var schedule = new Anchor("my-schedules?view=" + view.id(), "Schedule");
            schedule.addClassName("schedule-saved-view");
            schedule.getElement().setAttribute("router-link", true);
            schedule.getElement().setAttribute("aria-label", "Schedule the saved view " + view.name());
            item.add(new Span(" · "), schedule);
            if (view.mine()) {
                var delete = new Button(
                        VaadinIcon.TRASH.create(),
                        click -> Confirm.ask(
                                "delete-saved-view",
                                "Delete the saved view?",
                                "\"" + view.name() + "\" is deleted for everybody it is shared with.",
                                "Delete",
                                () -> delete(view)));
                delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
                delete.setAriaLabel("Delete the saved view " + view.name());
                item.add(delete);
            }
            list.add(item);
        }
        empty.setVisible(views.isEmpty());
    }

    private void delete(SavedView view) {
        try {
            savedViews.delete(view.id());
        } catch (SavedViewProblem problem) {
            Notification.show(problem.getMessage(), 5000, Notification.Position.BOTTOM_START);
        }
        refresh();
    }
}
