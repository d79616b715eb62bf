package org.commsportal.graphapi;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.commsportal.activity.UserActivityRow;
import org.commsportal.skypeactivity.ConferenceFigures;
import org.jspecify.annotations.Nullable;

/**
 * One user of the activity user detail report: the peer-to-peer figures of the peer-to-peer page, plus distinct
 * sessions and conference figures from the Skype for Business activity read model. Figures this portal's data cannot know (web conferencing,
 * dial-in/out providers, assigned products) are null, so they are empty rather than invented.
 */
record UserDetailRow(
        LocalDate reportRefreshDate,
        String reportPeriod,
        UserActivityRow peerToPeer,
        long peerToPeerSessions,
        ConferenceFigures organized,
        ConferenceFigures participated) {

    @Nullable
    LocalDate lastActivityDate() {
        return Stream.of(peerToPeer.lastActivityDate(), organized.lastDay(), participated.lastDay())
                .filter(java.util.Objects::nonNull)
                .max(LocalDate::compareTo)
                .orElse(null);
    }

    /** The vendor's 35 columns, in its order, with its CSV headers and JSON names. */
    static final List<GraphColumn<UserDetailRow>> COLUMNS = List.of(
            new GraphColumn<>("Report Refresh Date", "reportRefreshDate", UserDetailRow::reportRefreshDate),
            new GraphColumn<>(
                    "User Principal Name",
                    "userPrincipalName",
                    r -> r.peerToPeer().userName()),
            new GraphColumn<>("Is Deleted", "isDeleted", r -> r.peerToPeer().deleted()),
            new GraphColumn<>("Deleted Date", "deletedDate", r -> r.peerToPeer().deletedDate()),
            new GraphColumn<>("Last Activity Date", "lastActivityDate", UserDetailRow::lastActivityDate),
            new GraphColumn<>(
                    "Total Peer-to-peer Session Count",
                    "totalPeerToPeerSessionCount",
                    UserDetailRow::peerToPeerSessions),
            new GraphColumn<>(
                    "Total Organized Conference Count",
                    "totalOrganizedConferenceCount",
                    r -> r.organized().conferences()),
            new GraphColumn<>(
                    "Total Participated Conference Count",
                    "totalParticipatedConferenceCount",
                    r -> r.participated().conferences()),
            new GraphColumn<>(
                    "Peer-to-peer Last Activity Date",
                    "peerToPeerLastActivityDate",
                    r -> r.peerToPeer().lastActivityDate()),
            new GraphColumn<>(
                    "Organized Conference Last Activity Date",
                    "organizedConferenceLastActivityDate",
                    r -> r.organized().lastDay()),
            new GraphColumn<>(
                    "Participated Conference Last Activity Date",
                    "participatedConferenceLastActivityDate",
                    r -> r.participated().lastDay()),
            new GraphColumn<>(
                    "Peer-to-peer IM Count",
                    "peerToPeerIMCount",
                    r -> r.peerToPeer().im()),
            new GraphColumn<>(
                    "Peer-to-peer Audio Count",
                    "peerToPeerAudioCount",
                    r -> r.peerToPeer().audio()),
            new GraphColumn<>(
                    "Peer-to-peer Audio Minutes",
                    "peerToPeerAudioMinutes",
                    r -> r.peerToPeer().audioMinutes()),
            new GraphColumn<>(
                    "Peer-to-peer Video Count",
                    "peerToPeerVideoCount",
                    r -> r.peerToPeer().video()),
            new GraphColumn<>(
                    "Peer-to-peer Video Minutes",
                    "peerToPeerVideoMinutes",
                    r -> r.peerToPeer().videoMinutes()),
            new GraphColumn<>(
                    "Peer-to-peer App Sharing Count",
                    "peerToPeerAppSharingCount",
                    r -> r.peerToPeer().appSharing()),
            new GraphColumn<>(
                    "Peer-to-peer File Transfer Count",
                    "peerToPeerFileTransferCount",
                    r -> r.peerToPeer().fileTransfers()),
            new GraphColumn<>(
                    "Organized Conference IM Count",
                    "organizedConferenceIMCount",
                    r -> r.organized().im()),
            new GraphColumn<>(
                    "Organized Conference Audio/Video Count",
                    "organizedConferenceAudioVideoCount",
                    r -> r.organized().audioVideo()),
            new GraphColumn<>(
                    "Organized Conference Audio/Video Minutes",
                    "organizedConferenceAudioVideoMinutes",
                    r -> r.organized().audioVideoMinutes()),
            new GraphColumn<>(
                    "Organized Conference App Sharing Count",
                    "organizedConferenceAppSharingCount",
                    r -> r.organized().appSharing()),
            new GraphColumn<>(
                    "Organized Conference Web Count",
                    "organizedConferenceWebCount",
                    r -> r.organized().web()),
            new GraphColumn<>(
                    "Organized Conference Dial-in/out 3rd Party Count",
                    "organizedConferenceDialInOut3rdPartyCount",
                    r -> r.organized().dialInOutThirdParty()),
            new GraphColumn<>(
                    "Organized Conference Dial-in/out Microsoft Count",
                    "organizedConferenceCloudDialInOutMicrosoftCount",
                    r -> r.organized().dialInOutMicrosoft()),
            new GraphColumn<>(
                    "Organized Conference Dial-in Microsoft Minutes",
                    "organizedConferenceCloudDialInMicrosoftMinutes",
                    r -> r.organized().dialInMicrosoftMinutes()),
            new GraphColumn<>(
                    "Organized Conference Dial-out Microsoft Minutes",
                    "organizedConferenceCloudDialOutMicrosoftMinutes",
                    r -> r.organized().dialOutMicrosoftMinutes()),
            new GraphColumn<>(
                    "Participated Conference IM Count",
                    "participatedConferenceIMCount",
                    r -> r.participated().im()),
            new GraphColumn<>(
                    "Participated Conference Audio/Video Count",
                    "participatedConferenceAudioVideoCount",
                    r -> r.participated().audioVideo()),
            new GraphColumn<>(
                    "Participated Conference Audio/Video Minutes",
                    "participatedConferenceAudioVideoMinutes",
                    r -> r.participated().audioVideoMinutes()),
            new GraphColumn<>(
                    "Participated Conference App Sharing Count",
                    "participatedConferenceAppSharingCount",
                    r -> r.participated().appSharing()),
            new GraphColumn<>(
                    "Participated Conference Web Count",
                    "participatedConferenceWebCount",
                    r -> r.participated().web()),
            new GraphColumn<>(
                    "Participated Conference Dial-in/out 3rd Party Count",
                    "participatedConferenceDialInOut3rdPartyCount",
                    r -> r.participated().dialInOutThirdParty()),
            new GraphColumn<>("Assigned Products", "assignedProducts", r -> null),
            new GraphColumn<>("Report Period", "reportPeriod", UserDetailRow::reportPeriod));
}
