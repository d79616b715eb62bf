package org.commsportal.common;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A place of the building file (docs/locations.md): a region, a city of it and a building of that city, each
 * optional from the building up (a city needs its region, a building its city). An empty text is the file's empty
 * column, shown "(not given)"; null is any.
 */
public record Place(
        @Nullable String region,
        @Nullable String city,
        @Nullable String building) {

    /** The longest region, city or building name a building file holds. */
    public static final int MAX_NAME_LENGTH = 255;

    public static final String REGION = "region";
    public static final String CITY = "city";
    public static final String BUILDING = "building";

    public Place {
        if (city != null && region == null) {
            throw new IllegalArgumentException("A city needs its region");
        }
        if (building != null && city == null) {
            throw new IllegalArgumentException("A building needs its city");
        }
        for (String name : new String[] {region, city, building}) {
            if (name != null && name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("A name of the building file has at most 255 characters");
            }
        }
    }

    private static final Place EVERYWHERE = new Place(null, null, null);

    public static Place everywhere() {
        return EVERYWHERE;
    }

    /** Whether the place narrows anything. */
    public boolean any() {
        return region != null;
    }

    /** The place in words: "region North America › city Seattle › building SEA-1". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (region != null) {
            parts.add("region " + shown(region));
        }
        if (city != null) {
            parts.add("city " + shown(city));
        }
        if (building != null) {
            parts.add("building " + shown(building));
        }
        return parts.isEmpty() ? "every place" : String.join(" › ", parts);
    }

    /** A name as pages show it: "(not given)" for the file's empty column. */
    public static String shown(String name) {
        return name.isEmpty() ? "(not given)" : name;
    }
}
