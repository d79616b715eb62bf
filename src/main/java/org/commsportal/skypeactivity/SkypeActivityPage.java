package org.commsportal.skypeactivity;

import static org.commsportal.skypeactivity.SkypeActivityColumn.DELETED;
import static org.commsportal.skypeactivity.SkypeActivityColumn.DELETED_DATE;
import static org.commsportal.skypeactivity.SkypeActivityColumn.LAST_ACTIVITY_DATE;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_APP_SHARING;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_AUDIO_VIDEO;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_AUDIO_VIDEO_MINUTES;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_DIAL_IN_MICROSOFT_MINUTES;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_DIAL_IN_OUT_MICROSOFT;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_DIAL_IN_OUT_THIRD_PARTY;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_DIAL_OUT_MICROSOFT_MINUTES;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_IM;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_LAST_DATE;
import static org.commsportal.skypeactivity.SkypeActivityColumn.ORGANIZED_WEB;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_APP_SHARING;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_AUDIO_VIDEO;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_AUDIO_VIDEO_MINUTES;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_DIAL_IN_OUT_THIRD_PARTY;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_IM;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_LAST_DATE;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PARTICIPATED_WEB;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PEER_TO_PEER_LAST_DATE;
import static org.commsportal.skypeactivity.SkypeActivityColumn.PEER_TO_PEER_SESSIONS;
import static org.commsportal.skypeactivity.SkypeActivityColumn.USER_NAME;

import java.util.List;

/** The three pages that read the activity read model, with their per-user columns in their default order. */
public enum SkypeActivityPage {
    ACTIVITY(
            "Skype for Business activity",
            "skype-for-business-activity",
            List.of(
                    USER_NAME,
                    DELETED,
                    DELETED_DATE,
                    LAST_ACTIVITY_DATE,
                    PEER_TO_PEER_SESSIONS,
                    ORGANIZED,
                    PARTICIPATED,
                    PEER_TO_PEER_LAST_DATE,
                    ORGANIZED_LAST_DATE,
                    PARTICIPATED_LAST_DATE)),
    ORGANIZER(
            "Conference organizer activity",
            "conference-organizer-activity",
            List.of(
                    USER_NAME,
                    DELETED,
                    DELETED_DATE,
                    ORGANIZED_LAST_DATE,
                    ORGANIZED,
                    ORGANIZED_IM,
                    ORGANIZED_AUDIO_VIDEO,
                    ORGANIZED_APP_SHARING,
                    ORGANIZED_WEB,
                    ORGANIZED_DIAL_IN_OUT_THIRD_PARTY,
                    ORGANIZED_DIAL_IN_OUT_MICROSOFT,
                    ORGANIZED_AUDIO_VIDEO_MINUTES,
                    ORGANIZED_DIAL_IN_MICROSOFT_MINUTES,
                    ORGANIZED_DIAL_OUT_MICROSOFT_MINUTES)),
    PARTICIPANT(
            "Conference participant activity",
            "conference-participant-activity",
            List.of(
                    USER_NAME,
                    DELETED,
                    DELETED_DATE,
                    PARTICIPATED_LAST_DATE,
                    PARTICIPATED,
                    PARTICIPATED_IM,
                    PARTICIPATED_AUDIO_VIDEO,
                    PARTICIPATED_APP_SHARING,
                    PARTICIPATED_WEB,
                    PARTICIPATED_DIAL_IN_OUT_THIRD_PARTY,
                    PARTICIPATED_AUDIO_VIDEO_MINUTES));

    private final String title;
    private final String slug;
    private final List<SkypeActivityColumn> columns;

    SkypeActivityPage(String title, String slug, List<SkypeActivityColumn> columns) {
        this.title = title;
        this.slug = slug;
        this.columns = columns;
    }

    public String title() {
        return title;
    }

    /** The page's name in file names and preference keys. */
    public String slug() {
        return slug;
    }

    public List<SkypeActivityColumn> columns() {
        return columns;
    }
}
