package org.commsportal.sessiondetails;

import java.util.List;
import org.commsportal.sessions.Quality;

/**
 * Every quality record of one session (the ten sub-tabs), with the verdict of each audio, video and application
 * sharing stream in the order of the report's lists.
 */
public record SessionQuality(
        Quality.Report report,
        List<StreamVerdict> audioVerdicts,
        List<StreamVerdict> videoVerdicts,
        List<StreamVerdict> appSharingVerdicts) {}
