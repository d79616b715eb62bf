package org.commsportal.reliability;

import java.time.LocalDate;
import org.commsportal.quality.DrillThroughLink;
import org.commsportal.quality.QualityMetric;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * The drill-through from a top failure to its sessions on the session details page, by the query parameters that page
 * reads (docs/reliability.md): UTC days [from, to] inclusive, the response code, the diagnostic id and the modality.
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
        return link.toString();
    }
}
