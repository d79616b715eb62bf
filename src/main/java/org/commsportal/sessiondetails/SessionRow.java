package org.commsportal.sessiondetails;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session as the viewer sees it: licensed users' URIs already replaced by pseudonyms when names are concealed,
 * telephone numbers with their last four digits as {@code x}. {@code quality} is null without media streams.
 */
public record SessionRow(
        long id,
        String dialogId,
        String mediaTypes,
        Instant startTime,
        Instant endTime,
        String fromUri,
        @Nullable String toUri,
        @Nullable String fromClientVersion,
        @Nullable String toClientVersion,
        @Nullable String conferenceUrl,
        @Nullable String fromTel,
        @Nullable String toTel,
        @Nullable String fromEndpointId,
        @Nullable String toEndpointId,
        @Nullable String confInstance,
        @Nullable String onBehalfOfUri,
        @Nullable String referredByUri,
        @Nullable Integer responseCode,
        @Nullable Verdict quality) {}
