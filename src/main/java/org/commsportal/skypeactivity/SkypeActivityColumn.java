package org.commsportal.skypeactivity;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The per-user columns of the activity, conference organizer and conference participant pages, with their headers
 * (docs/skype-for-business-activity.md) and the column of the table query each sorts by (never user input).
 */
public enum SkypeActivityColumn {
    USER_NAME("User name", SkypeActivityUserRow::userName, "shown_name"),
    DELETED("Deleted", SkypeActivityUserRow::deleted, "deleted"),
    DELETED_DATE("Deleted date", SkypeActivityUserRow::deletedDate, "deleted_at"),
    LAST_ACTIVITY_DATE("Last activity date (UTC)", SkypeActivityUserRow::lastActivityDate, "last_activity"),
    PEER_TO_PEER_SESSIONS("Peer-to-peer sessions", SkypeActivityUserRow::peerToPeerSessions, "peer_to_peer"),
    ORGANIZED("Conferences organized", r -> r.organized().conferences(), "organized"),
    PARTICIPATED("Conferences participated", r -> r.participated().conferences(), "participated"),
    PEER_TO_PEER_LAST_DATE(
            "Peer-to-peer last activity date", SkypeActivityUserRow::peerToPeerLastDay, "peer_to_peer_last"),
    ORGANIZED_LAST_DATE("Organized last activity date", r -> r.organized().lastDay(), "organized_last"),
    PARTICIPATED_LAST_DATE(
            "Participated last activity date", r -> r.participated().lastDay(), "participated_last"),
    ORGANIZED_IM("Organized IM", r -> r.organized().im(), "organized_im"),
    ORGANIZED_AUDIO_VIDEO("Organized audio/video", r -> r.organized().audioVideo(), "organized_audio_video"),
    ORGANIZED_APP_SHARING("Organized application sharing", r -> r.organized().appSharing(), "organized_app_sharing"),
    ORGANIZED_WEB("Organized web", r -> r.organized().web(), "organized_web"),
    ORGANIZED_DIAL_IN_OUT_THIRD_PARTY(
            "Organized dial-in/out third party",
            r -> r.organized().dialInOutThirdParty(),
            "organized_dial_third_party"),
    ORGANIZED_DIAL_IN_OUT_MICROSOFT(
            "Organized dial-in/out Microsoft", r -> r.organized().dialInOutMicrosoft(), "organized_dial_microsoft"),
    ORGANIZED_AUDIO_VIDEO_MINUTES(
            "Organized audio/video minutes", r -> r.organized().audioVideoMinutes(), "organized_audio_video_ms"),
    ORGANIZED_DIAL_IN_MICROSOFT_MINUTES(
            "Organized dial-in Microsoft minutes",
            r -> r.organized().dialInMicrosoftMinutes(),
            "organized_dial_in_microsoft_ms"),
    ORGANIZED_DIAL_OUT_MICROSOFT_MINUTES(
            "Organized dial-out Microsoft minutes",
            r -> r.organized().dialOutMicrosoftMinutes(),
            "organized_dial_out_microsoft_ms"),
    PARTICIPATED_IM("Participated IM", r -> r.participated().im(), "participated_im"),
    PARTICIPATED_AUDIO_VIDEO(
            "Participated audio/video", r -> r.participated().audioVideo(), "participated_audio_video"),
    PARTICIPATED_APP_SHARING(
            "Participated application sharing", r -> r.participated().appSharing(), "participated_app_sharing"),
    PARTICIPATED_WEB("Participated web", r -> r.participated().web(), "participated_web"),
    PARTICIPATED_DIAL_IN_OUT_THIRD_PARTY(
            "Participated dial-in/out third party",
            r -> r.participated().dialInOutThirdParty(),
            "participated_dial_third_party"),
    PARTICIPATED_AUDIO_VIDEO_MINUTES(
            "Participated audio/video minutes",
            r -> r.participated().audioVideoMinutes(),
            "participated_audio_video_ms");

    private final String header;
    private final Function<SkypeActivityUserRow, @Nullable Object> value;
    private final String sortColumn;

    SkypeActivityColumn(String header, Function<SkypeActivityUserRow, @Nullable Object> value, String sortColumn) {
        this.header = header;
        this.value = value;
        this.sortColumn = sortColumn;
    }

    public String header() {
        return header;
    }

    public @Nullable Object valueOf(SkypeActivityUserRow row) {
        return value.apply(row);
    }

    /** Whether the column holds a count or minutes (aligned to the end). */
    public boolean numeric() {
        return ordinal() >= PEER_TO_PEER_SESSIONS.ordinal() && !name().endsWith("_DATE");
    }

    /** Whether the column is a figure of the activity, not the user's name or deletion. */
    boolean isFigure() {
        return ordinal() > DELETED_DATE.ordinal();
    }

    String sortColumn() {
        return sortColumn;
    }
}
