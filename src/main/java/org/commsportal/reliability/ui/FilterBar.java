package org.commsportal.reliability.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.select.Select;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.commsportal.reliability.ReliabilityFilter;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.reliability.ReliabilitySplit;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the reliability and feedback pages: a range ending at the report date or From–To, a modality
 * (reliability only), and one split value. Every change hands the new filter to the page.
 */
class FilterBar extends FlexLayout {

    /** The preset ranges, ending at the report date. */
    enum Range {
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

    private final Select<Range> range = new Select<>();
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC)");
    private final Select<String> modality = new Select<>();
    private final Select<String> split = new Select<>();
    private final ComboBox<String> value = new ComboBox<>("Split value");
    private final LocalDate reportDate;
    private final Consumer<ReliabilityFilter> onChange;
    private ReliabilityFilter filter;
    private boolean updating;

    FilterBar(LocalDate reportDate, boolean withModality, Consumer<ReliabilityFilter> onChange) {
        this.reportDate = reportDate;
        this.onChange = onChange;
        this.filter = ReliabilityFilter.lastDays(reportDate, 30);
        setId("filters");
        setFlexWrap(FlexWrap.WRAP);
        getStyle().set("gap", "var(--lumo-space-s)");
        setAlignItems(FlexComponent.Alignment.BASELINE);

        range.setId("range");
        range.setLabel("Range");
        range.setItems(Range.values());
        range.setItemLabelGenerator(r -> r.label);
        range.setValue(Range.D30);
        range.addValueChangeListener(event -> {
            if (!updating && event.getValue() != Range.CUSTOM) {
                change(filter.withRange(reportDate.minusDays(event.getValue().days - 1L), reportDate));
            }
        });
        from.setId("from");
        to.setId("to");
        for (DatePicker picker : List.of(from, to)) {
            picker.addValueChangeListener(event -> {
                if (!updating && event.isFromClient()) {
                    customRange();
                }
            });
        }
        add(range, from, to);
        if (withModality) {
            modality.setId("modality");
            modality.setLabel("Modality");
            modality.setItems("", "5", "6", "4");
            modality.setItemLabelGenerator(v -> v.isEmpty()
                    ? "Every session"
                    : Modality.ofId(Integer.parseInt(v)).label());
            modality.setValue("");
            modality.addValueChangeListener(event -> {
                if (!updating) {
                    change(filter.withModality(
                            event.getValue().isEmpty() ? null : Modality.ofId(Integer.parseInt(event.getValue()))));
                }
            });
            add(modality);
        }
        split.setId("split");
        split.setLabel("Split");
        List<String> splits = new ArrayList<>(List.of(""));
        for (ReliabilitySplit s : ReliabilitySplit.values()) {
            splits.add(s.name());
        }
        split.setItems(splits);
        split.setItemLabelGenerator(
                v -> v.isEmpty() ? "None" : ReliabilitySplit.valueOf(v).title());
        split.setValue("");
        split.addValueChangeListener(event -> {
            if (!updating) {
                updating = true;
                value.clear();
                value.setEnabled(!event.getValue().isEmpty());
                updating = false;
                change(filter.withSplit(null, null));
            }
        });
        value.setId("split-value");
        value.setClearButtonVisible(true);
        value.setPlaceholder("All");
        value.setEnabled(false);
        value.addValueChangeListener(event -> {
            if (!updating) {
                change(filter.withSplit(chosenSplit(), event.getValue()));
            }
        });
        add(split, value);
        show(filter);
    }

    ReliabilityFilter filter() {
        return filter;
    }

    /** The values the chosen split has in the shown figures, so the viewer picks one that exists. */
    void offer(Map<ReliabilitySplit, List<String>> values) {
        ReliabilitySplit chosen = chosenSplit();
        updating = true;
        if (chosen != null) {
            List<String> items = new ArrayList<>(values.getOrDefault(chosen, List.of()));
            if (filter.splitValue() != null && !items.contains(filter.splitValue())) {
                items.add(filter.splitValue());
            }
            value.setItems(items);
            value.setItemLabelGenerator(chosen::label);
            value.setValue(filter.splitValue());
        }
        updating = false;
    }

    private @Nullable ReliabilitySplit chosenSplit() {
        return split.getValue() == null || split.getValue().isEmpty()
                ? null
                : ReliabilitySplit.valueOf(split.getValue());
    }

    private void customRange() {
        LocalDate first = from.getValue();
        LocalDate last = to.getValue();
        if (first == null || last == null || last.isBefore(first)) {
            to.setInvalid(true);
            to.setErrorMessage("Choose a From and a later To.");
            return;
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > ReliabilityFilter.MAX_DAYS) {
            to.setInvalid(true);
            to.setErrorMessage("A range is at most 12 months.");
            return;
        }
        to.setInvalid(false);
        updating = true;
        range.setValue(Range.CUSTOM);
        updating = false;
        change(filter.withRange(first, last));
    }

    private void change(ReliabilityFilter changed) {
        show(changed);
        onChange.accept(changed);
    }

    private void show(ReliabilityFilter shown) {
        filter = shown;
        updating = true;
        from.setValue(shown.from());
        to.setValue(shown.to());
        from.setMax(reportDate);
        to.setMax(reportDate);
        updating = false;
    }

    /** The service's limit, for the label of the response code filter. */
    static int maxCodes() {
        return ReliabilityService.MAX_CODES;
    }
}
