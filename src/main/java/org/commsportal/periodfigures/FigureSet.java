package org.commsportal.periodfigures;

import java.util.List;

/**
 * The figure sets of the reporting web service's sibling reports, each read from one kind of quarter-hour row: the
 * tenant's peer-to-peer sessions and conference sessions of a licensed participant (the From party) from changeset
 * 023's session rows, conferences organized by a licensed user (the To party of their sessions) from changeset 043's
 * conference starts, each conference counted in the quarter-hour of its first session.
 */
public enum FigureSet {
    CONFERENCES(
            SlotKind.ORGANIZED,
            "conference_start_figure",
            List.of(
                    Figure.TOTAL_CONFERENCES,
                    Figure.AV_CONFERENCES,
                    Figure.IM_CONFERENCES,
                    Figure.APPLICATION_SHARING_CONFERENCES,
                    Figure.WEB_CONFERENCES,
                    Figure.TELEPHONY_CONFERENCES)),
    P2P_SESSIONS(
            SlotKind.PEER_TO_PEER,
            "session_slot_figure",
            List.of(
                    Figure.TOTAL_P2P_SESSIONS,
                    Figure.P2P_IM_SESSIONS,
                    Figure.P2P_AUDIO_SESSIONS,
                    Figure.P2P_VIDEO_SESSIONS,
                    Figure.P2P_APPLICATION_SHARING_SESSIONS,
                    Figure.P2P_FILE_TRANSFER_SESSIONS)),
    P2P_AV_TIME(
            SlotKind.PEER_TO_PEER,
            "session_slot_figure",
            List.of(Figure.TOTAL_AUDIO_MINUTES, Figure.TOTAL_VIDEO_MINUTES)),
    AV_CONFERENCE_TIME(SlotKind.PARTICIPATED, "session_slot_figure", List.of(Figure.AV_CONFERENCE_MINUTES)),
    PSTN_CONFERENCE_TIME(SlotKind.ORGANIZED_ALL, "session_slot_figure", List.of(Figure.PSTN_CONFERENCE_MINUTES));

    private final SlotKind kind;
    private final String table;
    private final List<Figure> figures;

    FigureSet(SlotKind kind, String table, List<Figure> figures) {
        this.kind = kind;
        this.table = table;
        this.figures = figures;
    }

    SlotKind kind() {
        return kind;
    }

    /** The table of additive per-quarter-hour rows (tenant_id, kind, slot, counters) its figures are sums over. */
    String table() {
        return table;
    }

    public List<Figure> figures() {
        return figures;
    }

    /** One figure and its aggregate over the quarter-hour rows {@code r} of a period (its set's table's columns). */
    public enum Figure {
        TOTAL_CONFERENCES("COALESCE(SUM(r.conferences), 0)", false),
        AV_CONFERENCES("COALESCE(SUM(r.av_conferences), 0)", false),
        IM_CONFERENCES("COALESCE(SUM(r.im_conferences), 0)", false),
        APPLICATION_SHARING_CONFERENCES("COALESCE(SUM(r.app_sharing_conferences), 0)", false),
        WEB_CONFERENCES("COALESCE(SUM(r.web_conferences), 0)", false),
        TELEPHONY_CONFERENCES("COALESCE(SUM(r.telephony_conferences), 0)", false),
        TOTAL_P2P_SESSIONS("COALESCE(SUM(r.sessions), 0)", false),
        P2P_IM_SESSIONS("COALESCE(SUM(r.im_sessions), 0)", false),
        P2P_AUDIO_SESSIONS("COALESCE(SUM(r.audio_sessions), 0)", false),
        P2P_VIDEO_SESSIONS("COALESCE(SUM(r.video_sessions), 0)", false),
        P2P_APPLICATION_SHARING_SESSIONS("COALESCE(SUM(r.app_sharing_sessions), 0)", false),
        P2P_FILE_TRANSFER_SESSIONS("COALESCE(SUM(r.file_transfer_sessions), 0)", false),
        TOTAL_AUDIO_MINUTES("COALESCE(SUM(r.audio_ms), 0)", true),
        TOTAL_VIDEO_MINUTES("COALESCE(SUM(r.video_ms), 0)", true),
        AV_CONFERENCE_MINUTES("COALESCE(SUM(r.audio_video_ms), 0)", true),
        PSTN_CONFERENCE_MINUTES("COALESCE(SUM(r.telephone_ms), 0)", true);

        private final String aggregate;
        private final boolean minutes;

        Figure(String aggregate, boolean minutes) {
            this.aggregate = aggregate;
            this.minutes = minutes;
        }

        String aggregate() {
            return aggregate;
        }

        /** Whether the aggregate is milliseconds, shown as whole minutes rounded half up once per period. */
        boolean minutes() {
            return minutes;
        }
    }
}
