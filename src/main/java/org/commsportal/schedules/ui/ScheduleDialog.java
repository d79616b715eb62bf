package org.commsportal.schedules.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commsportal.savedviews.SavedView;
import org.commsportal.schedules.Delivery;
import org.commsportal.schedules.Frequency;
import org.commsportal.schedules.Recipient;
import org.commsportal.schedules.ReportSchedule;
import org.commsportal.schedules.ReportSchedules;
import org.commsportal.schedules.ScheduleRequest;
import org.jspecify.annotations.Nullable;

/** The form that schedules a saved view or changes a schedule; the service's reason shows when it cannot. */
final class ScheduleDialog extends Dialog {

    private final ReportSchedules schedules;
    private final @Nullable ReportSchedule existing;
    private final Runnable saved;
    private final Select<SavedView> view = new Select<>();
    private final Select<Recipient> recipient = new Select<>();
    private final Select<Frequency> frequency = new Select<>();
    private final Select<DayOfWeek> dayOfWeek = new Select<>();
    private final IntegerField dayOfMonth = new IntegerField("Day of the month");
    private final TimePicker time = new TimePicker("Time of day (recipient's time zone)");
    private final Select<Delivery> delivery = new Select<>();
    private final Span error = new Span();

    ScheduleDialog(ReportSchedules schedules, @Nullable ReportSchedule existing, long viewId, Runnable saved) {
        this.schedules = schedules;
        this.existing = existing;
        this.saved = saved;
        setId("schedule-dialog");
        setHeaderTitle(existing == null ? "Schedule a saved view" : "Change the schedule");

        List<SavedView> views = schedules.views();
        view.setId("schedule-view");
        view.setLabel("Saved view");
        view.setItems(views);
        view.setItemLabelGenerator(SavedView::name);
        views.stream().filter(v -> v.id() == viewId).findFirst().ifPresent(view::setValue);
        if (viewId != 0 && view.getValue() == null) {
            error.setText("There is no saved view of that number that you may open: choose one.");
        }
        view.setReadOnly(existing != null);

        List<Recipient> recipients = schedules.recipients();
        recipient.setId("schedule-recipient");
        recipient.setLabel("Recipient");
        recipient.setItems(recipients);
        recipient.setItemLabelGenerator(r -> r.displayName() + " (" + r.username() + ", " + r.timeZone() + ")");
        // a new schedule is sent to the one who makes it unless they choose another account
        long recipientId = existing != null ? existing.recipientId() : schedules.signedInAccountId();
        recipients.stream().filter(r -> r.id() == recipientId).findFirst().ifPresent(recipient::setValue);
        recipient.setReadOnly(recipients.size() <= 1);

        frequency.setId("schedule-frequency");
        frequency.setLabel("How often");
        frequency.setItems(Frequency.values());
        frequency.setItemLabelGenerator(Frequency::label);
        dayOfWeek.setId("schedule-day-of-week");
        dayOfWeek.setLabel("Day of the week");
        dayOfWeek.setItems(DayOfWeek.values());
        dayOfWeek.setItemLabelGenerator(day -> day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        dayOfMonth.setId("schedule-day-of-month");
        dayOfMonth.setMin(1);
        dayOfMonth.setMax(31);
        dayOfMonth.setStepButtonsVisible(true);
        dayOfMonth.setHelperText("A month without this day uses its last day.");
        time.setId("schedule-time");
        time.setStep(Duration.ofMinutes(15));
        delivery.setId("schedule-delivery");
        delivery.setLabel("Send as");
        delivery.setItems(Delivery.values());
        delivery.setItemLabelGenerator(Delivery::label);
        if (existing != null) {
            frequency.setValue(existing.rule().frequency());
            dayOfWeek.setValue(existing.rule().dayOfWeek());
            dayOfMonth.setValue(existing.rule().dayOfMonth());
            time.setValue(existing.rule().timeOfDay());
            delivery.setValue(existing.delivery());
        } else {
            frequency.setValue(Frequency.WEEKLY);
            dayOfWeek.setValue(DayOfWeek.MONDAY);
            dayOfMonth.setValue(1);
            time.setValue(LocalTime.of(7, 0));
            delivery.setValue(Delivery.CSV);
        }
        frequency.addValueChangeListener(event -> showDays());
        view.addValueChangeListener(event -> {
            if (event.getValue() != null
                    && !ReportSchedules.attachesTable(event.getValue().route())) {
                delivery.setValue(Delivery.LINK); // a chart page has no per-user table to attach
            }
        });
        if (view.getValue() != null
                && !ReportSchedules.attachesTable(view.getValue().route())) {
            delivery.setValue(Delivery.LINK);
        }
        showDays();

        error.setId("schedule-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        var form = new FormLayout(view, recipient, frequency, dayOfWeek, dayOfMonth, time, delivery);
        add(form, error);
        var save = new Button("Save", click -> save());
        save.setId("save-schedule");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        getFooter().add(cancel, save);
    }

    private void showDays() {
        dayOfWeek.setVisible(frequency.getValue() == Frequency.WEEKLY);
        dayOfMonth.setVisible(frequency.getValue() == Frequency.MONTHLY);
    }

    private void save() {
        if (view.getValue() == null) {
            error.setText("Choose a saved view.");
            return;
        }
        if (recipient.getValue() == null) {
            error.setText("Choose a recipient.");
            return;
        }
        if (time.getValue() == null || time.isInvalid()) {
            error.setText("Enter the time of day as 07:30.");
            return;
        }
        Integer day = dayOfMonth.getValue();
        if (frequency.getValue() == Frequency.MONTHLY && (day == null || dayOfMonth.isInvalid())) {
            error.setText("Enter a day of the month from 1 to 31.");
            return;
        }
        var request = new ScheduleRequest(
                view.getValue().id(),
                recipient.getValue().id(),
                frequency.getValue(),
                dayOfWeek.getValue(),
                day,
                time.getValue().getHour(),
                time.getValue().getMinute(),
                delivery.getValue());
        Optional<String> problem = schedules.trySave(existing == null ? 0 : existing.id(), request);
        if (problem.isPresent()) {
            error.setText(problem.get());
            return;
        }
        close();
        saved.run();
    }
}
