package org.commsportal.reliability.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.commsportal.base.ui.DateRangeFilter;
import org.commsportal.base.ui.ModalitySelect;
import org.commsportal.base.ui.PageAddress;
import org.commsportal.base.ui.PlaceFilter;
import org.commsportal.base.ui.StreamedExports;
import org.commsportal.common.Place;
import org.commsportal.export.ExportFormat;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualitySplit;
import org.commsportal.reliability.ReliabilityExports;
import org.commsportal.reliability.ReliabilityFilter;
import org.commsportal.reliability.ReliabilityService;
import org.commsportal.reliability.ReliabilitySplit;
import org.commsportal.savedviews.SavedViews;
import org.jspecify.annotations.Nullable;

/**
 * The filters of the reliability and feedback pages: a range ending at the report date or From–To, a modality
 * (reliability only), one split value, and a region, city and building. Every change hands the new filter to the
 * page.
 */
class FilterBar extends FlexLayout {

    static final String MODALITY = "modality";

    private final DateRangeFilter range;
    private final ModalitySelect modality;
    private final PlaceFilter place;
    private final Select<String> split = new Select<>();
    private final ComboBox<String> value = new ComboBox<>("Split value");
    private final Consumer<ReliabilityFilter> onChange;
    private final boolean withModality;
    private ReliabilityFilter filter;
    private boolean updating;

    FilterBar(LocalDate reportDate, boolean withModality, Consumer<ReliabilityFilter> onChange) {
        this.onChange = onChange;
        this.filter = ReliabilityFilter.lastDays(reportDate, 30);
        setId("filters");
        setFlexWrap(FlexWrap.WRAP);
        getStyle().set("gap", "var(--lumo-space-s)");
        setAlignItems(FlexComponent.Alignment.BASELINE);

        range = new DateRangeFilter(
                reportDate, ReliabilityFilter.MAX_DAYS, (first, last) -> change(filter.withRange(first, last)));
        range.fields().forEach(this::add);
        modality = new ModalitySelect("Every session", chosen -> change(filter.withModality(chosen)));
        if (withModality) {
            add(modality.field());
        }
        place = new PlaceFilter(chosen -> change(filter.withPlace(chosen)));
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
        place.fields().forEach(this::add);
        this.withModality = withModality;
    }

    /**
     * The filter a link asks for (docs/pages.md#links): the range, the modality, one split value and the place, named
     * as on the call quality page; what cannot be used is named in {@code problems} and left out.
     */
    ReliabilityFilter restore(Map<String, List<String>> parameters, List<String> problems) {
        DateRangeFilter.Days days = range.restore(parameters, problems);
        ReliabilityFilter wanted = new ReliabilityFilter(days.from(), days.to(), null, null, null);
        if (withModality) {
            wanted = wanted.withModality(modality.restore(parameters, problems).orElse(null));
        }
        wanted = wanted.withPlace(place.restore(parameters, problems));
        for (ReliabilitySplit candidate : ReliabilitySplit.values()) {
            QualitySplit asQuality = QualitySplit.valueOf(candidate.name());
            Optional<String> given = PageAddress.single(parameters, asQuality.parameter());
            if (given.isEmpty()) {
                continue;
            }
            if (wanted.split() != null) {
                problems.add(asQuality.parameter() + ": this page fixes one split value at a time");
                continue;
            }
            try {
                wanted = wanted.withSplit(candidate, asQuality.parse(given.get()));
            } catch (IllegalArgumentException e) {
                problems.add(asQuality.parameter() + " " + PageAddress.shown(given.get()) + " is not a value of "
                        + asQuality.title());
            }
        }
        ReliabilityFilter chosen = wanted;
        updating = true;
        split.setValue(chosen.split() == null ? "" : chosen.split().name());
        value.setEnabled(chosen.split() != null);
        updating = false;
        show(chosen);
        return chosen;
    }

    /** Writes the filter into a page's address state; parameters at their defaults are left out. */
    void writeTo(Map<String, String> state) {
        range.writeTo(state);
        if (filter.modality() != null) {
            state.put(MODALITY, DrillThroughLink.modalityParameter(filter.modality()));
        }
        if (filter.split() != null && filter.splitValue() != null) {
            QualitySplit asQuality = QualitySplit.valueOf(filter.split().name());
            state.put(asQuality.parameter(), asQuality.parameterValue(filter.splitValue()));
        }
        place.writeTo(state);
    }

    /** The region, city and building choices: those of the building file applying on the range's last day. */
    void offer(List<Place> buildings) {
        place.offer(buildings);
        place.show(filter.place());
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

    private void change(ReliabilityFilter changed) {
        show(changed);
        onChange.accept(changed);
    }

    private void show(ReliabilityFilter shown) {
        filter = shown;
        range.show(new DateRangeFilter.Days(shown.from(), shown.to()));
    }

    /** The service's limit, for the label of the response code filter. */
    static int maxCodes() {
        return ReliabilityService.MAX_CODES;
    }

    /** Writes a page's figures for a filter: a {@code ReliabilityExports} method. */
    @FunctionalInterface
    interface FigureExport {
        long export(ReliabilityFilter filter, ExportFormat format, OutputStream out, LongConsumer progress)
                throws IOException;
    }

    /** The line under the filters: the page's summary, its figures' exports, Copy link and Save view. */
    HorizontalLayout actions(
            Span summary, String report, FigureExport export, PageAddress address, SavedViews savedViews) {
        var actions = new HorizontalLayout(
                summary,
                new StreamedExports(format -> {
                    ReliabilityFilter current = filter;
                    return new StreamedExports.Download(
                            ReliabilityExports.fileName(report, current, format),
                            0, // a few hundred rows: no count first
                            (out, progress) -> export.export(current, format, out, progress));
                }),
                PageAddress.copyButton(),
                address.saveButton(savedViews::trySave));
        actions.setWrap(true);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        return actions;
    }
}
