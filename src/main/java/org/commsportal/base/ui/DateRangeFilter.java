package org.commsportal.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The range filter of the quality pages: a preset range ending at the report date, or From–To in UTC days, at most
 * {@code maxDays} long. It hands every valid change to the page, says what is wrong with an invalid one at the field,
 * and reads and writes its part of the page's address ({@code range=D90}, or {@code from=…&to=…} for a custom one).
 */
public final class DateRangeFilter {

    public static final String RANGE = "range";
    public static final String FROM = "from";
    public static final String TO = "to";

    /** The preset ranges, ending at the report date. */
    public enum Range {
        D7("Last 7 days", 7),
        D30("Last 30 days", 30),
        D90("Last 90 days", 90),
        D180("Last 180 days", 180),
        M12("Last 12 months", 365),
        CUSTOM("Custom range", 0);

        final String label;
        final int days;

        Range(String label, int days) {
            this.label = label;
            this.days = days;
        }
    }

    /** UTC days, first and last included. */
    public record Days(LocalDate from, LocalDate to) {}

    private final Select<Range> range = new Select<>();
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC)");
    private final LocalDate reportDate;
    private final int maxDays;
    private final BiConsumer<LocalDate, LocalDate> onChange;
    private boolean updating;

    /** Starts at the last 30 days; {@code onChange} gets each valid range the viewer chooses. */
    public DateRangeFilter(LocalDate reportDate, int maxDays, BiConsumer<LocalDate, LocalDate> onChange) {
        this.reportDate = reportDate;
        this.maxDays = maxDays;
        this.onChange = onChange;
        range.setId("range");
        range.setLabel("Range");
        range.setItems(Range.values());
        range.setItemLabelGenerator(r -> r.label);
        range.setValue(Range.D30);
        range.addValueChangeListener(event -> {
            if (!updating && event.getValue() != Range.CUSTOM) {
                onChange.accept(reportDate.minusDays(event.getValue().days - 1L), reportDate);
            }
        });
        from.setId("from");
        to.setId("to");
        from.setMax(reportDate);
        to.setMax(reportDate);
        for (DatePicker picker : List.of(from, to)) {
            picker.addValueChangeListener(event -> {
                if (!updating && event.isFromClient()) {
                    customRange();
                }
            });
        }
        show(last(Range.D30));
    }

    /** The range select and the two date fields, in that order. */
    public List<Component> fields() {
        return List.of(range, from, to);
    }

    /** Shows a range chosen elsewhere (a link, a drill-down) without handing it back. */
    public void show(Days days) {
        updating = true;
        from.setValue(days.from());
        to.setValue(days.to());
        updating = false;
    }

    /**
     * The range a link asks for, or the last 30 days; a parameter that cannot be used is named in {@code problems}.
     */
    public Days restore(Map<String, List<String>> parameters, List<String> problems) {
        Days days = last(Range.D30);
        Range preset = Range.D30;
        Optional<String> named = PageAddress.single(parameters, RANGE);
        Optional<String> first = PageAddress.single(parameters, FROM);
        Optional<String> last = PageAddress.single(parameters, TO);
        if (first.isPresent() || last.isPresent()) {
            try {
                Days custom = new Days(
                        LocalDate.parse(first.orElseThrow(() -> new DateTimeParseException("", "", 0))),
                        LocalDate.parse(last.orElseThrow(() -> new DateTimeParseException("", "", 0))));
                String problem = problem(custom.from(), custom.to());
                if (problem == null) {
                    days = custom;
                    preset = Range.CUSTOM;
                } else {
                    problems.add("range " + custom.from() + " to " + custom.to() + ": " + problem);
                }
            } catch (DateTimeParseException e) {
                problems.add("from and to need two dates written as 2026-11-20");
            }
        } else if (named.isPresent()) {
            Optional<Range> found = Arrays.stream(Range.values())
                    .filter(r ->
                            r != Range.CUSTOM && r.name().equals(named.get().toUpperCase(Locale.ROOT)))
                    .findFirst();
            if (found.isPresent()) {
                preset = found.get();
                days = last(preset);
            } else {
                problems.add("range " + PageAddress.shown(named.get()) + " is not one of D7, D30, D90, D180, M12");
            }
        }
        updating = true;
        range.setValue(preset);
        updating = false;
        show(days);
        return days;
    }

    /** Writes the range into a page's address state: nothing for the default last 30 days. */
    public void writeTo(Map<String, String> state) {
        Range chosen = range.getValue();
        if (chosen == Range.CUSTOM) {
            if (from.getValue() != null && to.getValue() != null) {
                state.put(FROM, from.getValue().toString());
                state.put(TO, to.getValue().toString());
            }
        } else if (chosen != null && chosen != Range.D30) {
            state.put(RANGE, chosen.name());
        }
    }

    private Days last(Range preset) {
        return new Days(reportDate.minusDays(preset.days - 1L), reportDate);
    }

    private void customRange() {
        String problem = problem(from.getValue(), to.getValue());
        if (problem != null) {
            to.setInvalid(true);
            to.setErrorMessage(problem);
            return;
        }
        to.setInvalid(false);
        updating = true;
        range.setValue(Range.CUSTOM);
        updating = false;
        onChange.accept(from.getValue(), to.getValue());
    }

    private @Nullable String problem(@Nullable LocalDate first, @Nullable LocalDate last) {
        if (first == null || last == null || last.isBefore(first)) {
            return "Choose a From and a later To.";
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > maxDays) {
            return "A range is at most 12 months.";
        }
        return null;
    }
}
