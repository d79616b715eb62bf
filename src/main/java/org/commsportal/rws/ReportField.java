package org.commsportal.rws;

import java.util.Optional;
import org.commsportal.periodfigures.FigureSet.Figure;
import org.jspecify.annotations.Nullable;

/**
 * The properties of the reports' entity types, with the column of the row selection's derived table that holds
 * each. Column names come from here only, never from a request. Which report has which is {@link ReportKind}'s.
 */
enum ReportField {
    ACTIVE_USERS("ActiveUsers", EdmType.INT64, "r.active_users", null),
    DATE("Date", EdmType.DATE_TIME, "r.period_end", null),
    ID("ID", EdmType.INT64, "r.id", null),
    TENANT_GUID("TenantGuid", EdmType.GUID, "t.tenant_guid", null),
    TENANT_NAME("TenantName", EdmType.STRING, "t.tenant_name", null),
    TOTAL_CONFERENCES("TotalConferences", Figure.TOTAL_CONFERENCES),
    AV_CONFERENCES("AVConferences", Figure.AV_CONFERENCES),
    IM_CONFERENCES("IMConferences", Figure.IM_CONFERENCES),
    APPLICATION_SHARING_CONFERENCES("ApplicationSharingConferences", Figure.APPLICATION_SHARING_CONFERENCES),
    WEB_CONFERENCES("WebConferences", Figure.WEB_CONFERENCES),
    TELEPHONY_CONFERENCES("TelephonyConferences", Figure.TELEPHONY_CONFERENCES),
    TOTAL_P2P_SESSIONS("TotalP2PSessions", Figure.TOTAL_P2P_SESSIONS),
    P2P_IM_SESSIONS("P2PIMSessions", Figure.P2P_IM_SESSIONS),
    P2P_AUDIO_SESSIONS("P2PAudioSessions", Figure.P2P_AUDIO_SESSIONS),
    P2P_VIDEO_SESSIONS("P2PVideoSessions", Figure.P2P_VIDEO_SESSIONS),
    P2P_APPLICATION_SHARING_SESSIONS("P2PApplicationSharingSessions", Figure.P2P_APPLICATION_SHARING_SESSIONS),
    P2P_FILE_TRANSFER_SESSIONS("P2PFileTransferSessions", Figure.P2P_FILE_TRANSFER_SESSIONS),
    TOTAL_AUDIO_MINUTES("TotalAudioMinutes", Figure.TOTAL_AUDIO_MINUTES),
    TOTAL_VIDEO_MINUTES("TotalVideoMinutes", Figure.TOTAL_VIDEO_MINUTES),
    AV_CONFERENCE_MINUTES("AVConferenceMinutes", Figure.AV_CONFERENCE_MINUTES),
    PSTN_CONFERENCE_MINUTES("PSTNConferenceMinutes", Figure.PSTN_CONFERENCE_MINUTES);

    /** The vendor's own Atom example selects {@code ActiveUsersCount}; it names {@link #ACTIVE_USERS}. */
    static final String ACTIVE_USERS_ALIAS = "ActiveUsersCount";

    private final String propertyName;
    private final EdmType type;
    private final String column;
    private final @Nullable Figure figure;

    ReportField(String propertyName, EdmType type, String column, @Nullable Figure figure) {
        this.propertyName = propertyName;
        this.type = type;
        this.column = column;
        this.figure = figure;
    }

    /** A figure of a sibling report: an Edm.Int64 in a column named after the constant. */
    ReportField(String propertyName, Figure figure) {
        this(propertyName, EdmType.INT64, "r." + figure.name().toLowerCase(java.util.Locale.ROOT), figure);
    }

    /** The property name in $metadata, the feeds and the query options (case-sensitive, as in OData). */
    String propertyName() {
        return propertyName;
    }

    EdmType type() {
        return type;
    }

    String column() {
        return column;
    }

    /** The derived table's column name alone ({@code active_users}, {@code total_conferences}, ...). */
    String columnName() {
        return column.substring(2);
    }

    /** The sibling report's figure the property shows; null for the CsActiveUser* count and the common fields. */
    @Nullable
    Figure figure() {
        return figure;
    }

    /** The report's property of that name (case-sensitive). */
    static Optional<ReportField> byName(ReportKind kind, String name) {
        if (kind == ReportKind.ACTIVE_USER && name.equals(ACTIVE_USERS_ALIAS)) {
            return Optional.of(ACTIVE_USERS);
        }
        for (ReportField field : kind.fields()) {
            if (field.propertyName.equals(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** "ActiveUsers, Date, ID, TenantGuid, TenantName", for error messages. */
    static String names(ReportKind kind) {
        StringBuilder names = new StringBuilder();
        for (ReportField field : kind.fields()) {
            names.append(names.isEmpty() ? "" : ", ").append(field.propertyName);
        }
        return names.toString();
    }
}
