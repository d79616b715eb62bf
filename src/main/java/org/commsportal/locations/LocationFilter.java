package org.commsportal.locations;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.commsportal.quality.QualityMetric;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * The locations report's view: UTC days [from, to] (at most 12 months), one modality or all, and the path chosen so
 * far (region, then city, then building); the level shown is the one below the path.
 */
public record LocationFilter(
        LocalDate from,
        LocalDate to,
        @Nullable Modality modality,
        @Nullable String region,
        @Nullable String city,
        @Nullable String building) {

    public static final int MAX_DAYS = 366;

    public LocationFilter {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("The range ends before it starts: " + from + " to " + to);
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw new IllegalArgumentException("The range is longer than 12 months: " + from + " to " + to);
        }
        if (modality != null && !QualityMetric.MODALITIES.contains(modality)) {
            throw new IllegalArgumentException(modality + " streams are not classified");
        }
    }

    public static LocationFilter lastDays(LocalDate last, int days) {
        return new LocationFilter(last.minusDays(days - 1L), last, null, null, null, null);
    }

    public LocationLevel level() {
        if (region == null) {
            return LocationLevel.REGION;
        }
        if (city == null) {
            return LocationLevel.CITY;
        }
        return building == null ? LocationLevel.BUILDING : LocationLevel.SUBNET;
    }

    /** One level down, into the row's value. */
    public LocationFilter into(String value) {
        return switch (level()) {
            case REGION -> new LocationFilter(from, to, modality, value, null, null);
            case CITY -> new LocationFilter(from, to, modality, region, value, null);
            case BUILDING -> new LocationFilter(from, to, modality, region, city, value);
            case SUBNET -> this;
        };
    }

    /** Up to the level (REGION: the top). */
    public LocationFilter upTo(LocationLevel shown) {
        return switch (shown) {
            case REGION -> new LocationFilter(from, to, modality, null, null, null);
            case CITY -> new LocationFilter(from, to, modality, region, null, null);
            case BUILDING -> new LocationFilter(from, to, modality, region, city, null);
            case SUBNET -> this;
        };
    }

    public LocationFilter withRange(LocalDate first, LocalDate last) {
        return new LocationFilter(first, last, modality, region, city, building);
    }

    public LocationFilter withModality(@Nullable Modality chosen) {
        return new LocationFilter(from, to, chosen, region, city, building);
    }

    /** The reliability model's modality code: 0 every session. */
    int reliabilityModality() {
        return modality == null ? 0 : modality.id();
    }
}
