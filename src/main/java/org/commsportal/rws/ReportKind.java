package org.commsportal.rws;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.commsportal.periodfigures.FigureSet;
import org.jspecify.annotations.Nullable;

/**
 * The reports of the service, each an entity type with its entity sets (one per period length the vendor had), its
 * properties in the vendor's documented (alphabetical) order, and where its figures come from
 * (docs/reporting-web-service.md).
 */
enum ReportKind {
    ACTIVE_USER("CsActiveUser", null, true, List.of(ReportField.ACTIVE_USERS)),
    CONFERENCE(
            "CsConference",
            FigureSet.CONFERENCES,
            false,
            List.of(
                    ReportField.APPLICATION_SHARING_CONFERENCES,
                    ReportField.AV_CONFERENCES,
                    ReportField.IM_CONFERENCES,
                    ReportField.TELEPHONY_CONFERENCES,
                    ReportField.TOTAL_CONFERENCES,
                    ReportField.WEB_CONFERENCES)),
    P2P_SESSION(
            "CsP2PSession",
            FigureSet.P2P_SESSIONS,
            false,
            List.of(
                    ReportField.P2P_APPLICATION_SHARING_SESSIONS,
                    ReportField.P2P_AUDIO_SESSIONS,
                    ReportField.P2P_FILE_TRANSFER_SESSIONS,
                    ReportField.P2P_IM_SESSIONS,
                    ReportField.P2P_VIDEO_SESSIONS,
                    ReportField.TOTAL_P2P_SESSIONS)),
    P2P_AV_TIME(
            "CsP2PAVTime",
            FigureSet.P2P_AV_TIME,
            false,
            List.of(ReportField.TOTAL_AUDIO_MINUTES, ReportField.TOTAL_VIDEO_MINUTES)),
    AV_CONFERENCE_TIME(
            "CsAVConferenceTime", FigureSet.AV_CONFERENCE_TIME, false, List.of(ReportField.AV_CONFERENCE_MINUTES)),
    PSTN_CONFERENCE_TIME(
            "CsPSTNConferenceTime",
            FigureSet.PSTN_CONFERENCE_TIME,
            false,
            List.of(ReportField.PSTN_CONFERENCE_MINUTES));

    private final String prefix;
    private final @Nullable FigureSet figureSet;
    private final boolean yearly;
    private final List<ReportField> figures;
    private final List<ReportField> fields;

    ReportKind(String prefix, @Nullable FigureSet figureSet, boolean yearly, List<ReportField> figures) {
        this.prefix = prefix;
        this.figureSet = figureSet;
        this.yearly = yearly;
        this.figures = figures;
        List<ReportField> all = new ArrayList<>(figures);
        all.addAll(List.of(ReportField.DATE, ReportField.ID, ReportField.TENANT_GUID, ReportField.TENANT_NAME));
        all.sort(Comparator.comparing(ReportField::propertyName, String.CASE_INSENSITIVE_ORDER));
        this.fields = List.copyOf(all);
    }

    /** The entity sets' common prefix: {@code CsConference} of {@code CsConferenceDaily}. */
    String prefix() {
        return prefix;
    }

    /** The entity type's name in the TenantReporting namespace: {@code CsConferenceReport}. */
    String entityType() {
        return prefix + "Report";
    }

    String qualifiedEntityType() {
        return ODataNames.SCHEMA_NAMESPACE + "." + entityType();
    }

    /** The figure set of a sibling report; null for CsActiveUser*, read from the active users service. */
    @Nullable
    FigureSet figureSet() {
        return figureSet;
    }

    /** Whether the vendor had a Yearly set of the report (CsActiveUser* only). */
    boolean yearly() {
        return yearly;
    }

    /** The report's own figures, in documented order. */
    List<ReportField> figures() {
        return figures;
    }

    /** Every property, in documented order. */
    List<ReportField> fields() {
        return fields;
    }

    String describe() {
        return name().toLowerCase(Locale.ROOT);
    }
}
