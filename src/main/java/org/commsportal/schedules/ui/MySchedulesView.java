package org.commsportal.schedules.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.commsportal.base.ui.Confirm;
import org.commsportal.schedules.ReportSchedule;
import org.commsportal.schedules.ReportSchedules;
import org.commsportal.schedules.ScheduleProblem;
import org.commsportal.security.Roles;

/**
 * Scheduled reports (docs/scheduled-reports.md): the signed-in account's subscriptions, or the tenant's every one for a
 * global administrator, with their next send in the recipient's zone and why one is suspended; new, change, delete.
 * {@code ?view=ID} opens the form for that saved view (the Usage overview's "Schedule").
 */
@Route("my-schedules")
@PageTitle("Scheduled reports | Comms Usage Portal")
@Menu(order = 9, title = "Scheduled reports", icon = "vaadin:envelope-o")
@RolesAllowed({
    Roles.GLOBAL_ADMIN,
    Roles.SFB_ADMIN,
    Roles.REPORTS_READER,
    Roles.GLOBAL_READER,
    Roles.USAGE_SUMMARY_READER
})
class MySchedulesView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm (z)");

    private final ReportSchedules schedules;
    private final Grid<ReportSchedule> grid = new Grid<>();
    private final Paragraph empty = new Paragraph(
            "No scheduled reports yet: choose \"Schedule\" beside a saved view on the Usage overview, or \"New schedule\".");

    MySchedulesView(ReportSchedules schedules) {
        this.schedules = schedules;
        setId("my-schedules");
        setWidthFull();
        var create = new Button("New schedule", VaadinIcon.PLUS.create(), click -> open(null, 0));
        create.setId("new-schedule");
        var intro = new Paragraph(
                schedules.managesTenant()
                        ? "Every scheduled report of your organization. You may schedule saved views for any of its accounts;"
                                + " each receives what their own roles and privacy settings show."
                        : "The saved views emailed to you. Each message shows what your roles and privacy settings show.");
        grid.setId("schedule-grid");
        grid.addColumn(ReportSchedule::viewName).setHeader("Saved view").setAutoWidth(true);
        if (schedules.managesTenant()) {
            grid.addColumn(ReportSchedule::recipient).setHeader("Recipient").setAutoWidth(true);
        }
        grid.addColumn(s -> s.rule().describe() + " " + s.recipientZone())
                .setHeader("When")
                .setAutoWidth(true);
        grid.addColumn(s -> s.delivery().label()).setHeader("As").setAutoWidth(true);
        grid.addColumn(s -> s.suspended() ? "—" : DUE.format(s.nextDueAt().atZone(s.recipientZone())))
                .setHeader("Next")
                .setAutoWidth(true);
        grid.addComponentColumn(MySchedulesView::status).setHeader("Status").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        add(new H2("Scheduled reports"), intro, create, empty, grid);
        refresh();
    }

    private static Span status(ReportSchedule schedule) {
        var status = new Span(
                schedule.suspended()
                        ? schedule.suspendedReason() + " Save it again to resume."
                        : schedule.lastSend() == null ? "Not sent yet" : "Last: " + schedule.lastSend());
        status.addClassName(schedule.suspended() ? "schedule-suspended" : "schedule-status");
        if (schedule.suspended()) {
            status.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        return status;
    }

    private HorizontalLayout actions(ReportSchedule schedule) {
        var edit = new Button(VaadinIcon.EDIT.create(), click -> open(schedule, schedule.savedViewId()));
        edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        edit.setAriaLabel("Change the schedule of " + schedule.viewName());
        edit.addClassName("edit-schedule");
        var delete = new Button(
                VaadinIcon.TRASH.create(),
                click -> Confirm.ask(
                        "delete-schedule",
                        "Delete the schedule?",
                        "\"" + schedule.viewName() + "\" is no longer sent to " + schedule.recipient() + ".",
                        "Delete",
                        () -> delete(schedule)));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete the schedule of " + schedule.viewName());
        delete.addClassName("delete-schedule");
        return new HorizontalLayout(edit, delete);
    }

    private void open(ReportSchedule schedule, long viewId) {
        new ScheduleDialog(schedules, schedule, viewId, this::refresh).open();
    }

    private void delete(ReportSchedule schedule) {
        try {
            schedules.delete(schedule.id());
        } catch (ScheduleProblem problem) {
            Notification.show(problem.getMessage(), 5000, Notification.Position.BOTTOM_START);
        }
        refresh();
    }

    private void refresh() {
        List<ReportSchedule> all = schedules.list();
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        empty.setVisible(all.isEmpty());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("view").ifPresent(value -> {
            try {
                open(null, Long.parseLong(value));
            } catch (NumberFormatException notANumber) {
                Notification.show("This link names no saved view.", 5000, Notification.Position.BOTTOM_START);
            }
        });
    }
}
