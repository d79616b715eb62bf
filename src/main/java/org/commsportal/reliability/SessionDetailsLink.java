package org.commsportal.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.commsportal.common.Place;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityMetric;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * The drill-through from a top failure to its sessions on the session details page, by the query parameters that page
 * reads (docs/reliability.md): UTC days [from, to] inclusive, the response code, the diagnostic id, the modality and
 * the place.
 */
public final class SessionDetailsLink {

    static final String PATH = "/usage/session-details";

    private SessionDetailsLink() {}

    /** The page's relative location with the parameters; a missing code or id and no modality are left out. */
    public static String of(
            LocalDate from,
            LocalDate to,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            @Nullable Modality modality) {
        return of(from, to, responseCode, diagnosticId, modality, Place.everywhere());
    }

    /**
     * The same narrowed to a place as this page places sessions, by the caller's subnet
     * ({@code placeBy=caller}, docs/locations.md "Filters on other pages"): the sessions session details then lists
     * are those behind the figure. Every place leaves the place parameters out.
     */
    public static String of(
            LocalDate from,
            LocalDate to,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            @Nullable Modality modality,
            Place place) {
        var link = new StringBuilder(PATH)
                .append("?from=")
                .append(from)
                .append("&to=")
                .append(to)
                .append("&zone=UTC");
        if (responseCode != null) {
            link.append("&responseCode=").append(responseCode);
        }
        if (diagnosticId != null) {
            link.append("&diagnosticId=").append(diagnosticId);
        }
        if (modality != null) {
            if (!QualityMetric.MODALITIES.contains(modality)) {
                throw new IllegalArgumentException(modality.label() + " has no drill-through");
            }
            link.append("&modality=").append(DrillThroughLink.modalityParameter(modality));
        }
        if (place.any()) {
            append(link, Place.REGION, place.region());
            append(link, Place.CITY, place.city());
            append(link, Place.BUILDING, place.building());
            append(link, DrillThroughLink.PLACE_BY, DrillThroughLink.CALLER);
        }
        return link.toString();
    }

    private static void append(StringBuilder link, String name, @Nullable String value) {
        if (value != null) {
            link.append('&')
                    .append(name)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }
}
