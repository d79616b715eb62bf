package org.commsportal.graphapi;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.commsportal.activity.DailyActivity;
import org.commsportal.skypeactivity.ActivityDay;
import org.commsportal.skypeactivity.ConferenceDay;
import org.jspecify.annotations.Nullable;

/**
 * The columns of the counts reports, with the vendor's CSV headers and JSON names in its order
 * (docs/peer-to-peer-activity.md, docs/skype-for-business-activity.md). Web conferencing and dial-in/out figures
 * are empty where the records do not say them, never invented.
 */
final class CountColumns {

    private CountColumns() {}

    /** One day of a counts report, with the call's report date and period; figures is the day's record. */
    record DayRow(LocalDate reportRefreshDate, String reportPeriod, LocalDate reportDate, Object figures) {}

    private static final GraphColumn<DayRow> REFRESH =
            new GraphColumn<>("Report Refresh Date", "reportRefreshDate", DayRow::reportRefreshDate);
    private static final GraphColumn<DayRow> DATE = new GraphColumn<>("Report Date", "reportDate", DayRow::reportDate);
    private static final GraphColumn<DayRow> PERIOD =
            new GraphColumn<>("Report Period", "reportPeriod", DayRow::reportPeriod);

    private static <T> GraphColumn<DayRow> figure(
            String header, String json, Class<T> type, Function<T, @Nullable Object> value) {
        return new GraphColumn<>(header, json, row -> value.apply(type.cast(row.figures())));
    }

    /** The conference types of a day, as conferences or as their distinct users, in the vendor's column order. */
    private record Types(
            long im,
            long audioVideo,
            long appSharing,
            @Nullable Long web,
            @Nullable Long dialInOutThirdParty,
            @Nullable Long dialInOutMicrosoft) {

        static Types conferences(ConferenceDay d) {
            return new Types(
                    d.im(), d.audioVideo(), d.appSharing(), d.web(), d.dialInOutThirdParty(), d.dialInOutMicrosoft());
        }

        static Types users(ConferenceDay d) {
            return new Types(
                    d.imUsers(),
                    d.audioVideoUsers(),
                    d.appSharingUsers(),
                    d.webUsers(),
                    d.dialInOutThirdPartyUsers(),
                    d.dialInOutMicrosoftUsers());
        }
    }

    private static List<GraphColumn<DayRow>> conferenceTypes(Function<ConferenceDay, Types> types, boolean organizer) {
        var columns = new java.util.ArrayList<>(List.of(
                REFRESH,
                DATE,
                PERIOD,
                figure("IM", "im", ConferenceDay.class, d -> types.apply(d).im()),
                figure(
                        "Audio/Video",
                        "audioVideo",
                        ConferenceDay.class,
                        d -> types.apply(d).audioVideo()),
                figure(
                        "App Sharing",
                        "appSharing",
                        ConferenceDay.class,
                        d -> types.apply(d).appSharing()),
                figure("Web", "web", ConferenceDay.class, d -> types.apply(d).web()),
                figure(
                        "Dial-in/out 3rd Party",
                        "dialInOut3rdParty",
                        ConferenceDay.class,
                        d -> types.apply(d).dialInOutThirdParty())));
        if (organizer) {
            columns.add(figure(
                    "Dial-in/out Microsoft",
                    "dialInOutMicrosoft",
                    ConferenceDay.class,
                    d -> types.apply(d).dialInOutMicrosoft()));
        }
        return List.copyOf(columns);
    }

    static List<GraphColumn<DayRow>> of(ReportFunction function) {
        return switch (function) {
            case PEER_TO_PEER_ACTIVITY_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("IM", "im", DailyActivity.class, DailyActivity::im),
                        figure("Audio", "audio", DailyActivity.class, DailyActivity::audio),
                        figure("Video", "video", DailyActivity.class, DailyActivity::video),
                        figure("App Sharing", "appSharing", DailyActivity.class, DailyActivity::appSharing),
                        figure("File Transfer", "fileTransfer", DailyActivity.class, DailyActivity::fileTransfer));
            case PEER_TO_PEER_ACTIVITY_USER_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("IM", "im", DailyActivity.class, DailyActivity::usersIm),
                        figure("Audio", "audio", DailyActivity.class, DailyActivity::usersAudio),
                        figure("Video", "video", DailyActivity.class, DailyActivity::usersVideo),
                        figure("App Sharing", "appSharing", DailyActivity.class, DailyActivity::usersAppSharing),
                        figure("File Transfer", "fileTransfer", DailyActivity.class, DailyActivity::usersFileTransfer));
            case PEER_TO_PEER_ACTIVITY_MINUTE_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("Audio", "audio", DailyActivity.class, DailyActivity::audioMinutes),
                        figure("Video", "video", DailyActivity.class, DailyActivity::videoMinutes));
            case ACTIVITY_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("Peer-to-peer", "peerToPeer", ActivityDay.class, ActivityDay::peerToPeerSessions),
                        figure("Organized", "organized", ActivityDay.class, ActivityDay::conferencesOrganized),
                        figure(
                                "Participated",
                                "participated",
                                ActivityDay.class,
                                ActivityDay::conferencesParticipated));
            case ACTIVITY_USER_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("Peer-to-peer", "peerToPeer", ActivityDay.class, ActivityDay::peerToPeerUsers),
                        figure("Organized", "organized", ActivityDay.class, ActivityDay::organizers),
                        figure("Participated", "participated", ActivityDay.class, ActivityDay::participants));
            case ORGANIZER_ACTIVITY_COUNTS -> conferenceTypes(Types::conferences, true);
            case ORGANIZER_ACTIVITY_USER_COUNTS -> conferenceTypes(Types::users, true);
            case ORGANIZER_ACTIVITY_MINUTE_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("Audio/Video", "audioVideo", ConferenceDay.class, ConferenceDay::audioVideoMinutes),
                        figure(
                                "Dial-in Microsoft",
                                "dialInMicrosoft",
                                ConferenceDay.class,
                                ConferenceDay::dialInMicrosoftMinutes),
                        figure(
                                "Dial-out Microsoft",
                                "dialOutMicrosoft",
                                ConferenceDay.class,
                                ConferenceDay::dialOutMicrosoftMinutes));
            case PARTICIPANT_ACTIVITY_COUNTS -> conferenceTypes(Types::conferences, false);
            case PARTICIPANT_ACTIVITY_USER_COUNTS -> conferenceTypes(Types::users, false);
            case PARTICIPANT_ACTIVITY_MINUTE_COUNTS ->
                List.of(
                        REFRESH,
                        DATE,
                        PERIOD,
                        figure("Audio/Video", "audioVideo", ConferenceDay.class, ConferenceDay::audioVideoMinutes));
            case ACTIVITY_USER_DETAIL,
                    DEVICE_USAGE_USER_DETAIL,
                    DEVICE_USAGE_DISTRIBUTION_USER_COUNTS,
                    DEVICE_USAGE_USER_COUNTS -> throw new IllegalArgumentException("not a day counts report");
        };
    }
}
