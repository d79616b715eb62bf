package org.commsportal.base.ui;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.data.binder.ValueContext;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Date-time fields that read and show ISO dates ({@code 2026-11-22}) and 24-hour times ({@code 09:30}) whatever the
 * browser's locale, and that refuse what they cannot read instead of guessing (docs/date-times.md): a date without
 * a time, a date such as {@code 31/31/2026}, or a time such as {@code 25:61}, which the picker would otherwise roll
 * over to 02:01.
 */
public final class DateTimeInput {

    static final String BAD_INPUT =
            "Not a date and time: enter the date as 2026-11-22 and the time as 09:30 " + "(24-hour clock).";
    static final String INCOMPLETE = "Enter both a date and a time.";

    private DateTimeInput() {}

    public static DateTimePicker create(String label, String id) {
        var picker = new DateTimePicker(label);
        picker.setId(id);
        // The UK locale formats times on a 24-hour clock; the date format is ISO, set below
        picker.setLocale(Locale.UK);
        picker.setDatePickerI18n(
                new DatePicker.DatePickerI18n().setDateFormat("yyyy-MM-dd").setFirstDayOfWeek(1));
        picker.setI18n(new DateTimePicker.DateTimePickerI18n()
                .setBadInputErrorMessage(BAD_INPUT)
                .setIncompleteInputErrorMessage(INCOMPLETE)
                .setRequiredErrorMessage(INCOMPLETE));
        picker.setDatePlaceholder("yyyy-mm-dd");
        picker.setTimePlaceholder("hh:mm");
        // The time picker's own parser takes any two numbers: 25:61 became 02:01. Every parser it is given is
        // wrapped so that a time outside 00:00 to 23:59 is no time, which the field then reports as bad input.
        picker.getElement().executeJs("""
                const timePicker = this.querySelector('[slot="time-picker"]');
                if (!timePicker || timePicker.__strictTimes) {
                    return;
                }
                timePicker.__strictTimes = true;
                const strict = i18n => !i18n || !i18n.parseTime ? i18n : Object.assign({}, i18n, {
                    parseTime(text) {
                        if (!/^\\s*\\d{1,2}:\\d{2}(:\\d{2})?\\s*$/.test(text || '')) {
                            return undefined;
                        }
                        const time = i18n.parseTime(text);
                        return time && time.hours < 24 && time.minutes < 60 && (time.seconds || 0) < 60
                            ? time : undefined;
                    }
                });
                let proto = Object.getPrototypeOf(timePicker);
                let accessor;
                while (proto && !(accessor = Object.getOwnPropertyDescriptor(proto, 'i18n'))) {
                    proto = Object.getPrototypeOf(proto);
                }
                if (!accessor || !accessor.set) {
                    timePicker.i18n = strict(timePicker.i18n);
                    return;
                }
                Object.defineProperty(timePicker, 'i18n', {
                    configurable: true,
                    get() { return accessor.get.call(this); },
                    set(value) { accessor.set.call(this, strict(value)); }
                });
                timePicker.i18n = accessor.get.call(timePicker);
                """);
        return picker;
    }

    /**
     * What is wrong with what was typed into the field (a text it cannot read, or a date without a time); null
     * when it holds a date-time or is empty.
     */
    public static @Nullable String inputError(DateTimePicker picker) {
        var result = picker.getDefaultValidator().apply(picker.getValue(), new ValueContext(picker));
        if (!result.isError()) {
            return null;
        }
        String message = result.getErrorMessage();
        return message == null || message.isBlank() ? BAD_INPUT : message;
    }
}
