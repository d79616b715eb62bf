package org.commsportal.sessiondetails.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.commsportal.base.ui.PlaceFilter;
import org.commsportal.common.Place;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityMetric;
import org.commsportal.quality.QualitySplit;
import org.commsportal.quality.QualityVerdict;
import org.commsportal.sessiondetails.DrillThrough;
import org.commsportal.sessions.Modality;

/**
 * The search without a user (docs/session-details.md, "Search every user"): days in the viewer's zone and filters
 * (among them region, city and building, of any stream or of the caller), written as the drill-through's parameters,
 * so that a search from this form and a link from another page are one search, kept in the address alike.
 */
class EveryUserForm extends HorizontalLayout {

    private static final String ANY = "Any";
    /** The form's first day by default: a week up to today. */
    static final int DEFAULT_DAYS = 7;

    private final DatePicker from = new DatePicker("From day");
    private final DatePicker to = new DatePicker("To day");
    private final Select<String> modality = select("Modality", "every-user-modality");
    private final Select<String> verdict = select("Verdict", "every-user-verdict");
    private final ComboBox<QualityMetric> rule = new ComboBox<>("Poor due to rule");
    private final Select<String> conference = select("Peer-to-peer or conference", "every-user-conference");
    private final Select<String> inside = select("Inside or outside", "every-user-inside");
    private final Select<String> vpn = select("VPN", "every-user-vpn");
    private final TextField subnet = new TextField("Subnet");
    private final TextField client = new TextField("Client version");
    private final PlaceFilter place = new PlaceFilter(chosen -> {});
    /** How the place applies: to any stream of the session, or to its caller as Call reliability counts. */
    private final Select<String> placeBy = select("Place of", "every-user-place-by");

    private final Function<LocalDate, List<Place>> places;

    /** {@code places} gives the region, city and building choices of the file applying on a day. */
    EveryUserForm(ZoneId zone, Consumer<Map<String, List<String>>> search, Function<LocalDate, List<Place>> places) {
        this.places = places;
        setId("every-user-form");
        setWrap(true);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        from.setId("every-user-from");
        to.setId("every-user-to");
        from.setRequiredIndicatorVisible(true);
        from.setValue(LocalDate.now(zone).minusDays(DEFAULT_DAYS - 1L));
        to.setValue(LocalDate.now(zone));
        to.setHelperText(
                "Both days included; days in " + org.commsportal.sessiondetails.SessionDetailsService.zoneName(zone));
        modality.setItems(List.of(ANY, "audio", "video", "application-sharing"));
        modality.setValue(ANY);
        modality.setItemLabelGenerator(value -> value.equals(ANY)
                ? ANY
                : DrillThroughLink.modalityOf(value).map(Modality::label).orElse(value));
        verdict.setItems(concat(Arrays.stream(QualityVerdict.values())
                .map(QualityVerdict::parameter)
                .toList()));
        verdict.setItemLabelGenerator(value ->
                value.equals(ANY) ? ANY : QualityVerdict.ofParameter(value).label());
        rule.setId("every-user-rule");
        rule.setItems(QualityMetric.values());
        rule.setItemLabelGenerator(metric -> metric.modality().label() + ": " + metric.rule());
        rule.setClearButtonVisible(true);
        rule.setPlaceholder(ANY);
        splitValues(conference, QualitySplit.CONFERENCE);
        splitValues(inside, QualitySplit.INSIDE);
        splitValues(vpn, QualitySplit.VPN);
        subnet.setId("every-user-subnet");
        subnet.setPlaceholder("e.g. 10.1.2.0");
        client.setId("every-user-client");
        client.setPlaceholder("e.g. Skype for Business 2016 16.0.x");
        placeBy.setItems(DrillThroughLink.STREAMS, DrillThroughLink.CALLER);
        placeBy.setItemLabelGenerator(value ->
                value.equals(DrillThroughLink.CALLER) ? "The caller (as Call reliability counts)" : "Any stream");
        placeBy.setValue(DrillThroughLink.STREAMS);
        to.addValueChangeListener(change -> offerPlaces());
        offerPlaces();
        for (DatePicker field : List.of(from, to)) {
            field.setWidth("min(11em, 100%)");
        }
        for (Select<String> field : List.of(modality, verdict, conference, inside, vpn, placeBy)) {
            field.setWidth("min(13em, 100%)");
        }
        for (com.vaadin.flow.component.HasSize field :
                List.<com.vaadin.flow.component.HasSize>of(rule, subnet, client)) {
            field.setWidth("min(20em, 100%)");
        }
        for (ComboBox<String> field : place.fields()) {
            field.setWidth("min(20em, 100%)");
        }
        var run = new Button("Search every user", VaadinIcon.SEARCH.create(), click -> {
            if (valid()) {
                search.accept(parameters());
            }
        });
        run.setId("every-user-search");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(from, to, modality, verdict, rule, conference, inside, vpn, subnet, client);
        place.fields().forEach(this::add);
        add(placeBy, run);
    }

    /** The places of the building file applying on the To day (the From day while To is empty). */
    private void offerPlaces() {
        LocalDate day = to.getValue() != null ? to.getValue() : from.getValue();
        if (day != null) {
            place.offer(places.apply(day));
        }
    }

    private static Select<String> select(String label, String id) {
        var select = new Select<String>();
        select.setLabel(label);
        select.setId(id);
        return select;
    }

    private static List<String> concat(List<String> values) {
        List<String> all = new ArrayList<>(List.of(ANY));
        all.addAll(values);
        return all;
    }

    private static void splitValues(Select<String> select, QualitySplit split) {
        select.setItems(concat(split.codes().stream().map(split::parameterValue).toList()));
        select.setItemLabelGenerator(value -> value.equals(ANY) ? ANY : split.label(split.parse(value)));
        select.setValue(ANY);
    }

    private boolean valid() {
        from.setInvalid(false);
        to.setInvalid(false);
        if (from.getValue() == null) {
            from.setErrorMessage("Enter the first day.");
            from.setInvalid(true);
            return false;
        }
        if (to.getValue() != null && to.getValue().isBefore(from.getValue())) {
            to.setErrorMessage("To must not be before From.");
            to.setInvalid(true);
            return false;
        }
        return true;
    }

    /** The drill-through parameters of the form: days, then each filter chosen. */
    Map<String, List<String>> parameters() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        LocalDate first = from.getValue();
        query.put(DrillThroughLink.FROM, List.of(String.valueOf(first)));
        query.put(DrillThroughLink.TO, List.of(String.valueOf(to.getValue() == null ? first : to.getValue())));
        chosen(modality).ifPresent(value -> query.put(DrillThroughLink.MODALITY, List.of(value)));
        chosen(verdict).ifPresent(value -> query.put(DrillThroughLink.VERDICT, List.of(value)));
        if (rule.getValue() != null) {
            query.put(DrillThroughLink.RULE, List.of(rule.getValue().key()));
        }
        chosen(conference).ifPresent(value -> query.put(QualitySplit.CONFERENCE.parameter(), List.of(value)));
        chosen(inside).ifPresent(value -> query.put(QualitySplit.INSIDE.parameter(), List.of(value)));
        chosen(vpn).ifPresent(value -> query.put(QualitySplit.VPN.parameter(), List.of(value)));
        if (!subnet.getValue().isBlank()) {
            query.put(QualitySplit.SUBNET.parameter(), List.of(subnet.getValue().strip()));
        }
        if (!client.getValue().isBlank()) {
            query.put(QualitySplit.CLIENT.parameter(), List.of(client.getValue().strip()));
        }
        Map<String, String> chosenPlace = new LinkedHashMap<>();
        place.writeTo(chosenPlace);
        chosenPlace.forEach((name, value) -> query.put(name, List.of(value)));
        if (!chosenPlace.isEmpty() && DrillThroughLink.CALLER.equals(placeBy.getValue())) {
            query.put(DrillThroughLink.PLACE_BY, List.of(DrillThroughLink.CALLER));
        }
        return query;
    }

    private static Optional<String> chosen(Select<String> select) {
        return Optional.ofNullable(select.getValue()).filter(value -> !value.equals(ANY));
    }

    /** Shows a search without a user, as a link or this form gave it. */
    void show(DrillThrough search) {
        from.setValue(search.from());
        to.setValue(search.to());
        var streams = search.filters().streams();
        modality.setValue(streams.modality() == null ? ANY : DrillThroughLink.modalityParameter(streams.modality()));
        verdict.setValue(streams.verdict() == null ? ANY : streams.verdict().parameter());
        rule.setValue(streams.rule());
        Boolean isConference = search.filters().conference();
        conference.setValue(isConference == null ? ANY : String.valueOf(isConference));
        showSplit(inside, QualitySplit.INSIDE, streams.splits().get(QualitySplit.INSIDE));
        showSplit(vpn, QualitySplit.VPN, streams.splits().get(QualitySplit.VPN));
        subnet.setValue(streams.splits().getOrDefault(QualitySplit.SUBNET, ""));
        client.setValue(streams.splits().getOrDefault(QualitySplit.CLIENT, ""));
        Place callerPlace = search.filters().callerPlace();
        place.show(callerPlace.any() ? callerPlace : streams.place());
        placeBy.setValue(callerPlace.any() ? DrillThroughLink.CALLER : DrillThroughLink.STREAMS);
    }

    private static void showSplit(
            Select<String> select, QualitySplit split, @org.jspecify.annotations.Nullable String stored) {
        select.setValue(stored == null ? ANY : split.parameterValue(stored));
    }
}
