package org.commsportal.quality;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.commsportal.common.Place;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * A link to the session details page showing the sessions behind a figure: the page's query parameters
 * (docs/session-details.md, "Drill-through"), which this class names for every page that links there.
 */
public final class DrillThroughLink {

    public static final String ROUTE = "usage/session-details";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String ZONE = "zone";
    public static final String USER = "user";
    public static final String MODALITY = "modality";
    public static final String VERDICT = "verdict";
    public static final String RULE = "rule";
    public static final String RESPONSE_CODE = "responseCode";
    public static final String DIAGNOSTIC_ID = "diagnosticId";
    /**
     * How region, city and building place a session: by its streams (the default, as the call quality and locations
     * pages count) or, with the value {@link #CALLER}, by its caller's subnet as the reliability page counts it
     * (docs/session-details.md, "Drill-through").
     */
    public static final String PLACE_BY = "placeBy";

    public static final String STREAMS = "streams";
    public static final String CALLER = "caller";

    private final Map<String, String> parameters = new LinkedHashMap<>();

    private DrillThroughLink(LocalDate from, LocalDate to, String zone) {
        parameters.put(FROM, from.toString());
        parameters.put(TO, to.toString());
        parameters.put(ZONE, zone);
    }

    /** The sessions starting on the days [from, to] of the zone (an IANA id or UTC). */
    public static DrillThroughLink days(LocalDate from, LocalDate to, String zone) {
        return new DrillThroughLink(from, to, zone);
    }

    /** The streams a call quality filter leaves: its UTC days, modality, split values and place. */
    public static DrillThroughLink of(QualityFilter filter) {
        var link = days(filter.from(), filter.to(), "UTC").modality(filter.modality());
        filter.splits().forEach(link::split);
        return link.place(filter.place());
    }

    /** Streams in subnets of the place by the building file of their day (docs/locations.md). */
    public DrillThroughLink place(Place place) {
        set(Place.REGION, place.region());
        set(Place.CITY, place.city());
        return set(Place.BUILDING, place.building());
    }

    /** A copy with other days (the same zone). */
    public DrillThroughLink withDays(LocalDate from, LocalDate to) {
        var copy = new DrillThroughLink(from, to, parameters.get(ZONE));
        parameters.forEach((name, value) -> {
            if (!name.equals(FROM) && !name.equals(TO)) {
                copy.parameters.put(name, value);
            }
        });
        return copy;
    }

    /** A copy to change further. */
    public DrillThroughLink copy() {
        return withDays(LocalDate.parse(parameters.get(FROM)), LocalDate.parse(parameters.get(TO)));
    }

    public DrillThroughLink modality(@Nullable Modality modality) {
        return set(MODALITY, modality == null ? null : modalityParameter(modality));
    }

    public DrillThroughLink verdict(@Nullable QualityVerdict verdict) {
        return set(VERDICT, verdict == null ? null : verdict.parameter());
    }

    /** Poor streams that tripped the rule (and the rule's modality). */
    public DrillThroughLink rule(QualityMetric rule) {
        modality(rule.modality());
        return set(RULE, rule.key());
    }

    public DrillThroughLink split(QualitySplit split, String storedValue) {
        return set(split.parameter(), split.parameterValue(storedValue));
    }

    /** The user as the viewer sees the name: a pseudonym for a viewer who sees concealed names. */
    public DrillThroughLink user(String shownName) {
        return set(USER, shownName);
    }

    public DrillThroughLink responseCode(int code) {
        return set(RESPONSE_CODE, Integer.toString(code));
    }

    public DrillThroughLink diagnosticId(int id) {
        return set(DIAGNOSTIC_ID, Integer.toString(id));
    }

    public Map<String, String> parameters() {
        return Map.copyOf(parameters);
    }

    /** The parameter value of a modality: audio, video or application-sharing. */
    public static String modalityParameter(Modality modality) {
        return modality.label().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** The modality a link's parameter names (any letter case), if it names one of the classified modalities. */
    public static java.util.Optional<Modality> modalityOf(String parameter) {
        return QualityMetric.MODALITIES.stream()
                .filter(m -> modalityParameter(m).equalsIgnoreCase(parameter.strip()))
                .findFirst();
    }

    private DrillThroughLink set(String name, @Nullable String value) {
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.put(name, value);
        }
        return this;
    }

    /** The link, relative to the application's root: {@code usage/session-details?from=…}. */
    @Override
    public String toString() {
        return ROUTE + "?"
                + parameters.entrySet().stream()
                        .map(e -> e.getKey() + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                        .collect(Collectors.joining("&"));
    }
}
