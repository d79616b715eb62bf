package org.commsportal.graphapi;

import java.util.Arrays;
import java.util.Optional;

/** The report functions this API answers, by their names in the URL. */
enum ReportFunction {
    PEER_TO_PEER_ACTIVITY_COUNTS("getSkypeForBusinessPeerToPeerActivityCounts", false),
    PEER_TO_PEER_ACTIVITY_USER_COUNTS("getSkypeForBusinessPeerToPeerActivityUserCounts", false),
    PEER_TO_PEER_ACTIVITY_MINUTE_COUNTS("getSkypeForBusinessPeerToPeerActivityMinuteCounts", false),
    ACTIVITY_COUNTS("getSkypeForBusinessActivityCounts", false),
    ACTIVITY_USER_COUNTS("getSkypeForBusinessActivityUserCounts", false),
    ORGANIZER_ACTIVITY_COUNTS("getSkypeForBusinessOrganizerActivityCounts", false),
    ORGANIZER_ACTIVITY_USER_COUNTS("getSkypeForBusinessOrganizerActivityUserCounts", false),
    ORGANIZER_ACTIVITY_MINUTE_COUNTS("getSkypeForBusinessOrganizerActivityMinuteCounts", false),
    PARTICIPANT_ACTIVITY_COUNTS("getSkypeForBusinessParticipantActivityCounts", false),
    PARTICIPANT_ACTIVITY_USER_COUNTS("getSkypeForBusinessParticipantActivityUserCounts", false),
    PARTICIPANT_ACTIVITY_MINUTE_COUNTS("getSkypeForBusinessParticipantActivityMinuteCounts", false),
    ACTIVITY_USER_DETAIL("getSkypeForBusinessActivityUserDetail", true),
    DEVICE_USAGE_USER_DETAIL("getSkypeForBusinessDeviceUsageUserDetail", true),
    DEVICE_USAGE_DISTRIBUTION_USER_COUNTS("getSkypeForBusinessDeviceUsageDistributionUserCounts", false),
    DEVICE_USAGE_USER_COUNTS("getSkypeForBusinessDeviceUsageUserCounts", false);

    private final String urlName;
    private final boolean acceptsDate;

    ReportFunction(String urlName, boolean acceptsDate) {
        this.urlName = urlName;
        this.acceptsDate = acceptsDate;
    }

    String urlName() {
        return urlName;
    }

    boolean acceptsDate() {
        return acceptsDate;
    }

    static Optional<ReportFunction> byUrlName(String name) {
        return Arrays.stream(values()).filter(f -> f.urlName.equals(name)).findFirst();
    }
}
