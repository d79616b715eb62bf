package org.commsportal.graphapi;

import java.util.List;
import org.commsportal.activity.DailyActivity;

/** The columns of the three peer-to-peer counts reports (docs/peer-to-peer-activity.md's vendor-compatible shape). */
final class CountColumns {

    private CountColumns() {}

    /** One day of a counts report, with the call's report date and period. */
    record DayRow(java.time.LocalDate reportRefreshDate, String reportPeriod, DailyActivity day) {}

    private static final GraphColumn<DayRow> REFRESH =
            new GraphColumn<>("Report Refresh Date", "reportRefreshDate", DayRow::reportRefreshDate);
    private static final GraphColumn<DayRow> DATE =
            new GraphColumn<>("Report Date", "reportDate", r -> r.day().day());
    private static final GraphColumn<DayRow> PERIOD =
            new GraphColumn<>("Report Period", "reportPeriod", DayRow::reportPeriod);

    static List<GraphColumn<DayRow>> of(ReportFunction function) {
        return switch (function) {
            case PEER_TO_PEER_ACTIVITY_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        new GraphColumn<>("IM", "im", r -> r.day().im()),
                        new GraphColumn<>("Audio", "audio", r -> r.day().audio()),
                        new GraphColumn<>("Video", "video", r -> r.day().video()),
                        new GraphColumn<>(
                                "App Sharing", "appSharing", r -> r.day().appSharing()),
                        new GraphColumn<>(
                                "File Transfer", "fileTransfer", r -> r.day().fileTransfer()));
            case PEER_TO_PEER_ACTIVITY_USER_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        new GraphColumn<>("IM", "im", r -> r.day().usersIm()),
                        new GraphColumn<>("Audio", "audio", r -> r.day().usersAudio()),
                        new GraphColumn<>("Video", "video", r -> r.day().usersVideo()),
                        new GraphColumn<>(
                                "App Sharing", "appSharing", r -> r.day().usersAppSharing()),
                        new GraphColumn<>(
                                "File Transfer", "fileTransfer", r -> r.day().usersFileTransfer()));
            case PEER_TO_PEER_ACTIVITY_MINUTE_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        new GraphColumn<>("Audio", "audio", r -> r.day().audioMinutes()),
                        new GraphColumn<>("Video", "video", r -> r.day().videoMinutes()));
            case ACTIVITY_USER_DETAIL,
                    DEVICE_USAGE_USER_DETAIL,
                    DEVICE_USAGE_DISTRIBUTION_USER_COUNTS,
                    DEVICE_USAGE_USER_COUNTS -> throw new IllegalArgumentException("not a peer-to-peer counts report");
        };
    }
}
