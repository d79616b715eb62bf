package org.commsportal.sessiondetails;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commsportal.common.Place;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityMetric;
import org.commsportal.quality.QualitySplit;
import org.commsportal.quality.QualityStreamCriteria;
import org.commsportal.quality.QualityVerdict;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * A search the page reads from its URL (docs/session-details.md, "Drill-through"): the sessions starting on the days
 * [from, to] of a zone, of one user (as the viewer sees the name) or of every user, with filters.
 */
public record DrillThrough(
        LocalDate from, LocalDate to, ZoneId zone, @Nullable String user, SessionFilters filters) {

    /** The parsed parameters, or every message saying what is wrong with them. */
    public record Parsed(@Nullable DrillThrough search, List<String> errors) {}

    private static final Set<String> KNOWN = Set.of(
            DrillThroughLink.FROM,
            DrillThroughLink.TO,
            DrillThroughLink.ZONE,
            DrillThroughLink.USER,
            DrillThroughLink.MODALITY,
            DrillThroughLink.VERDICT,
            DrillThroughLink.RULE,
            DrillThroughLink.RESPONSE_CODE,
            DrillThroughLink.DIAGNOSTIC_ID,
            QualitySplit.CONFERENCE.parameter(),
            QualitySplit.CONNECTION.parameter(),
            QualitySplit.INSIDE.parameter(),
            QualitySplit.VPN.parameter(),
            QualitySplit.SUBNET.parameter(),
            QualitySplit.CLIENT.parameter(),
            Place.REGION,
            Place.CITY,
            Place.BUILDING,
            DrillThroughLink.PLACE_BY);

    /** Whether the query parameters ask for a drill-through at all (any of its parameters is present). */
    public static boolean requested(Map<String, List<String>> query) {
        return query.keySet().stream().anyMatch(KNOWN::contains);
    }

    /** Reads the query parameters; dates without a zone are in the viewer's zone. */
    public static Parsed parse(Map<String, List<String>> query, ZoneId viewerZone) {
        List<String> errors = new ArrayList<>();
        for (var entry : query.entrySet()) {
            if (!KNOWN.contains(entry.getKey())) {
                errors.add("Unknown parameter '" + entry.getKey() + "'.");
            } else if (entry.getValue().size() > 1) {
                errors.add("The parameter " + entry.getKey() + " is given more than once.");
            }
        }
        LocalDate from = date(query, DrillThroughLink.FROM, errors);
        LocalDate to = date(query, DrillThroughLink.TO, errors);
        if (from == null && !has(query, DrillThroughLink.FROM)) {
            errors.add("from is required: the first day, as yyyy-MM-dd.");
        }
        if (to == null && from != null && !has(query, DrillThroughLink.TO)) {
            to = from;
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("to (" + to + ") is before from (" + from + ").");
        }
        ZoneId zone = viewerZone;
        String zoneText = value(query, DrillThroughLink.ZONE);
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                errors.add("zone '" + zoneText + "' is not a time zone id such as UTC or Europe/Berlin.");
            }
        }
        String user = value(query, DrillThroughLink.USER);
        if (user != null && user.isBlank()) {
            user = null;
        }
        Modality modality = null;
        String modalityText = value(query, DrillThroughLink.MODALITY);
        if (modalityText != null) {
            modality = DrillThroughLink.modalityOf(modalityText).orElse(null);
            if (modality == null) {
                errors.add("modality must be audio, video or application-sharing, not '" + modalityText + "'.");
            }
        }
        QualityVerdict verdict = parsed(query, DrillThroughLink.VERDICT, QualityVerdict::ofParameter, errors);
        QualityMetric rule = parsed(query, DrillThroughLink.RULE, QualityMetric::ofKey, errors);
        Map<QualitySplit, String> splits = new EnumMap<>(QualitySplit.class);
        Boolean conference = null;
        for (QualitySplit split : QualitySplit.values()) {
            String stored = parsed(query, split.parameter(), split::parse, errors);
            if (stored == null) {
                continue;
            }
            if (split == QualitySplit.CONFERENCE) {
                conference = "1".equals(stored);
            } else {
                splits.put(split, stored);
            }
        }
        Integer responseCode = parsed(query, DrillThroughLink.RESPONSE_CODE, DrillThrough::integer, errors);
        Integer diagnosticId = parsed(query, DrillThroughLink.DIAGNOSTIC_ID, DrillThrough::integer, errors);
        Place place = place(query, errors);
        boolean byCaller = byCaller(query, errors);
        QualityStreamCriteria streams = null;
        try {
            streams = new QualityStreamCriteria(modality, verdict, rule, splits, byCaller ? Place.everywhere() : place);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty() || from == null || to == null || streams == null) {
            return new Parsed(null, errors);
        }
        return new Parsed(
                new DrillThrough(
                        from,
                        to,
                        zone,
                        user,
                        new SessionFilters(
                                conference,
                                responseCode,
                                diagnosticId,
                                streams,
                                byCaller ? place : Place.everywhere())),
                List.of());
    }

    /**
     * The place of region, city and building (docs/locations.md): a city needs its region and a building its city, as
     * the locations page links them; a parameter given empty is the file's empty column.
     */
    private static Place place(Map<String, List<String>> query, List<String> errors) {
        String region = value(query, Place.REGION);
        String city = value(query, Place.CITY);
        String building = value(query, Place.BUILDING);
        if (city != null && region == null) {
            errors.add("city needs its region.");
        } else if (building != null && city == null) {
            errors.add("building needs its city and region.");
        } else {
            try {
                return new Place(region, city, building);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage() + ".");
            }
        }
        return Place.everywhere();
    }

    /**
     * Whether the place is the caller's, as the reliability page places sessions ({@code placeBy=caller}), rather
     * than any stream's ({@code placeBy=streams}, the default).
     */
    private static boolean byCaller(Map<String, List<String>> query, List<String> errors) {
        String placeBy = value(query, DrillThroughLink.PLACE_BY);
        if (placeBy == null || placeBy.strip().equalsIgnoreCase(DrillThroughLink.STREAMS)) {
            return false;
        }
        if (placeBy.strip().equalsIgnoreCase(DrillThroughLink.CALLER)) {
            return true;
        }
        errors.add(DrillThroughLink.PLACE_BY + " must be " + DrillThroughLink.STREAMS + " or " + DrillThroughLink.CALLER
                + ", not '" + placeBy + "'.");
        return false;
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number, not '" + text + "'.");
        }
    }

    private static <T> @Nullable T parsed(
            Map<String, List<String>> query,
            String name,
            java.util.function.Function<String, T> parser,
            List<String> errors) {
        String text = value(query, name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "is not valid." : e.getMessage();
            errors.add(message.startsWith(name) ? message : name + " " + message);
            return null;
        }
    }

    private static @Nullable LocalDate date(Map<String, List<String>> query, String name, List<String> errors) {
        String text = value(query, name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(name + " must be a date as yyyy-MM-dd, not '" + text + "'.");
            return null;
        }
    }

    private static boolean has(Map<String, List<String>> query, String name) {
        return query.containsKey(name);
    }

    private static @Nullable String value(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
