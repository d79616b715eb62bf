package org.commsportal.base.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.commsportal.common.Place;
import org.jspecify.annotations.Nullable;

/**
 * The region, city and building filter of the call quality, reliability and Rate My Call pages and of the search of
 * every user in session details (docs/locations.md, "Filters on other pages"): three choices from the building file
 * that applies on the range's last day, each narrowing the next; in the address as {@code region}, {@code city} and
 * {@code building}, as the locations page writes its path.
 */
public final class PlaceFilter {

    private final ComboBox<String> region = new ComboBox<>("Region");
    private final ComboBox<String> city = new ComboBox<>("City");
    private final ComboBox<String> building = new ComboBox<>("Building");
    private final Consumer<Place> onChange;
    private List<Place> choices = List.of();
    private Place place = Place.everywhere();
    private boolean updating;

    /** {@code onChange} gets each place the viewer chooses. */
    public PlaceFilter(Consumer<Place> onChange) {
        this.onChange = onChange;
        region.setId("place-region");
        city.setId("place-city");
        building.setId("place-building");
        for (ComboBox<String> box : fields()) {
            box.setClearButtonVisible(true);
            box.setPlaceholder("All");
            box.setItemLabelGenerator(Place::shown);
        }
        region.addValueChangeListener(event -> chosen(new Place(event.getValue(), null, null)));
        city.addValueChangeListener(event -> chosen(
                event.getValue() == null
                        ? new Place(place.region(), null, null)
                        : new Place(place.region(), event.getValue(), null)));
        building.addValueChangeListener(event -> chosen(new Place(place.region(), place.city(), event.getValue())));
    }

    public List<ComboBox<String>> fields() {
        return List.of(region, city, building);
    }

    /** The place shown: chosen by the viewer or restored from a link. */
    public Place place() {
        return place;
    }

    /** The buildings to choose from (the page asks its service for those of the file applying on a day). */
    public void offer(List<Place> buildings) {
        choices = List.copyOf(buildings);
        show(place);
    }

    /**
     * The place a link asks for; a city without its region or a building without its city is named in
     * {@code problems} and left out.
     */
    public Place restore(Map<String, List<String>> parameters, List<String> problems) {
        Optional<String> givenRegion = PageAddress.single(parameters, Place.REGION);
        Optional<String> givenCity = PageAddress.single(parameters, Place.CITY);
        Optional<String> givenBuilding = PageAddress.single(parameters, Place.BUILDING);
        Place wanted = Place.everywhere();
        for (Optional<String> name : List.of(givenRegion, givenCity, givenBuilding)) {
            if (name.isPresent() && name.get().length() > Place.MAX_NAME_LENGTH) {
                problems.add(
                        "place " + PageAddress.shown(name.get()) + " is longer than any name of the building file");
                show(wanted);
                return wanted;
            }
        }
        if (givenRegion.isPresent()) {
            wanted = new Place(givenRegion.get(), null, null);
            if (givenCity.isPresent()) {
                wanted = new Place(givenRegion.get(), givenCity.get(), null);
                if (givenBuilding.isPresent()) {
                    wanted = new Place(givenRegion.get(), givenCity.get(), givenBuilding.get());
                }
            } else if (givenBuilding.isPresent()) {
                problems.add("building " + PageAddress.shown(givenBuilding.get()) + " needs its city");
            }
        } else if (givenCity.isPresent() || givenBuilding.isPresent()) {
            problems.add("city and building need their region");
        }
        show(wanted);
        return wanted;
    }

    /** Writes the place into a page's address state; nothing for every place. */
    public void writeTo(Map<String, String> state) {
        if (place.region() != null) {
            state.put(Place.REGION, place.region());
        }
        if (place.city() != null) {
            state.put(Place.CITY, place.city());
        }
        if (place.building() != null) {
            state.put(Place.BUILDING, place.building());
        }
    }

    private void chosen(Place chosen) {
        if (updating || chosen.equals(place)) {
            return;
        }
        show(chosen);
        onChange.accept(chosen);
    }

    /** Shows a place chosen elsewhere (a link) without handing it back; a chosen name stays offered. */
    public void show(Place shown) {
        place = shown;
        updating = true;
        region.setItems(names(c -> true, Place::region, shown.region()));
        region.setValue(shown.region());
        city.setItems(names(c -> Objects.equals(c.region(), shown.region()), Place::city, shown.city()));
        city.setValue(shown.city());
        city.setEnabled(shown.region() != null);
        building.setItems(names(
                c -> Objects.equals(c.region(), shown.region()) && Objects.equals(c.city(), shown.city()),
                Place::building,
                shown.building()));
        building.setValue(shown.building());
        building.setEnabled(shown.city() != null);
        updating = false;
    }

    private List<String> names(
            java.util.function.Predicate<Place> of,
            java.util.function.Function<Place, @Nullable String> name,
            @Nullable String chosen) {
        List<String> names = new ArrayList<>();
        for (Place choice : choices) {
            String value = name.apply(choice);
            if (of.test(choice) && value != null && !names.contains(value)) {
                names.add(value);
            }
        }
        if (chosen != null && !names.contains(chosen)) {
            names.add(chosen);
        }
        return names;
    }
}
