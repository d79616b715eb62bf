package org.commsportal.sessions;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A call-detail record as it arrives: one SIP dialog with its media and quality records. */
public record SessionRecord(
        String dialogId,
        Instant startTime,
        Instant endTime,
        String fromUri,
        @Nullable String toUri,
        @Nullable String fromClientVersion,
        @Nullable String toClientVersion,
        @Nullable String conferenceUrl,
        @Nullable String confInstance,
        @Nullable String fromTel,
        @Nullable String toTel,
        @Nullable String fromEndpointId,
        @Nullable String toEndpointId,
        @Nullable String onBehalfOfUri,
        @Nullable String referredByUri,
        @Nullable Integer responseCode,
        @Nullable Integer diagnosticId,
        List<MediaUsage> media,
        int imMessageCount,
        Quality.Report quality,
        @Nullable Boolean webConferencing,
        ConferenceJoin.@Nullable DialDirection dialInOut,
        ConferenceJoin.@Nullable ConferencingProvider audioConferencingProvider,
        @Nullable String diagnosticHeader) {

    /** A record without the diagnostic id's reason text (docs/ingest.md). */
    public SessionRecord(
            String dialogId,
            Instant startTime,
            Instant endTime,
            String fromUri,
            @Nullable String toUri,
            @Nullable String fromClientVersion,
            @Nullable String toClientVersion,
            @Nullable String conferenceUrl,
            @Nullable String confInstance,
            @Nullable String fromTel,
            @Nullable String toTel,
            @Nullable String fromEndpointId,
            @Nullable String toEndpointId,
            @Nullable String onBehalfOfUri,
            @Nullable String referredByUri,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            List<MediaUsage> media,
            int imMessageCount,
            Quality.Report quality,
            @Nullable Boolean webConferencing,
            ConferenceJoin.@Nullable DialDirection dialInOut,
            ConferenceJoin.@Nullable ConferencingProvider audioConferencingProvider) {
        this(
                dialogId,
                startTime,
                endTime,
                fromUri,
                toUri,
                fromClientVersion,
                toClientVersion,
                conferenceUrl,
                confInstance,
                fromTel,
                toTel,
                fromEndpointId,
                toEndpointId,
                onBehalfOfUri,
                referredByUri,
                responseCode,
                diagnosticId,
                media,
                imMessageCount,
                quality,
                webConferencing,
                dialInOut,
                audioConferencingProvider,
                null);
    }

    /** A record that says nothing about web conferencing or dial-in/out (docs/ingest.md, "Conference sessions"). */
    public SessionRecord(
            String dialogId,
            Instant startTime,
            Instant endTime,
            String fromUri,
            @Nullable String toUri,
            @Nullable String fromClientVersion,
            @Nullable String toClientVersion,
            @Nullable String conferenceUrl,
            @Nullable String confInstance,
            @Nullable String fromTel,
            @Nullable String toTel,
            @Nullable String fromEndpointId,
            @Nullable String toEndpointId,
            @Nullable String onBehalfOfUri,
            @Nullable String referredByUri,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            List<MediaUsage> media,
            int imMessageCount,
            Quality.Report quality) {
        this(
                dialogId,
                startTime,
                endTime,
                fromUri,
                toUri,
                fromClientVersion,
                toClientVersion,
                conferenceUrl,
                confInstance,
                fromTel,
                toTel,
                fromEndpointId,
                toEndpointId,
                onBehalfOfUri,
                referredByUri,
                responseCode,
                diagnosticId,
                media,
                imMessageCount,
                quality,
                null,
                null,
                null,
                null);
    }

    /** How the From party took part in the conference, as read models count it. */
    public ConferenceJoin conferenceJoin() {
        return ConferenceJoin.of(isConference(), webConferencing, dialInOut, audioConferencingProvider, fromTel, toTel);
    }

    public boolean isConference() {
        return conferenceUrl != null && !conferenceUrl.isBlank();
    }

    /** Whether the session starts before the UTC day. */
    public boolean startsBefore(java.time.LocalDate day) {
        return startTime.isBefore(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    /** The caller's user principal name, as parties are matched to users (docs/ingest.md). */
    public String fromUpn() {
        return SipUris.upn(fromUri);
    }

    /** The callee's user principal name, if the session has a callee URI. */
    public @Nullable String toUpn() {
        return toUri == null ? null : SipUris.upn(toUri);
    }

    public int mediaMask() {
        int mask = 0;
        for (MediaUsage usage : media) {
            mask |= usage.type().bit();
        }
        return mask;
    }
}
