package org.commsportal.sessiondetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commsportal.common.Place;
import org.commsportal.quality.QualitySplit;
import org.commsportal.quality.QualityStreamCriteria;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a drill-through search besides user and range (docs/session-details.md, "Drill-through"):
 * conference or peer-to-peer, SIP response code and diagnostic id on the session's own columns, stream criteria
 * (modality, verdict, rule, split values, a place) that a session meets when at least one of its streams meets all of
 * them, and a place of the caller as the reliability page places sessions ({@code placeBy=caller}).
 */
public record SessionFilters(
        @Nullable Boolean conference,
        @Nullable Integer responseCode,
        @Nullable Integer diagnosticId,
        QualityStreamCriteria streams,
        Place callerPlace) {

    /** Without a caller's place. */
    public SessionFilters(
            @Nullable Boolean conference,
            @Nullable Integer responseCode,
            @Nullable Integer diagnosticId,
            QualityStreamCriteria streams) {
        this(conference, responseCode, diagnosticId, streams, Place.everywhere());
    }

    public static SessionFilters none() {
        return new SessionFilters(null, null, null, QualityStreamCriteria.none());
    }

    public boolean any() {
        return conference != null || responseCode != null || diagnosticId != null || streams.any() || callerPlace.any();
    }

    /**
     * The reliability read model's modality code the caller's place is read for: the media type id of the modality
     * (or of the rule), 0 for every session.
     */
    public int callerModality() {
        Modality modality = streams.rule() != null ? streams.rule().modality() : streams.modality();
        return modality == null ? 0 : modality.id();
    }

    /** Whether the filters count streams: a stream criterion or the conference split is set. */
    public boolean aboutStreams() {
        return streams.any() || conference != null;
    }

    /**
     * SQL over comm_session s: true for the sessions the filters leave (TRUE without filters); parameters added
     * to {@code params}; {@code placeCondition} is the stream criteria's place over the stream rows,
     * {@code callerPlaceCondition} the caller's place over the session (TRUE without them).
     */
    String condition(Map<String, Object> params, String placeCondition, String callerPlaceCondition) {
        List<String> conditions = sessionConditions(params, callerPlaceCondition);
        if (streams.any()) {
            conditions.add(streams.sessionHasStream("s", params, placeCondition));
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    /** {@link #condition} without the stream criteria: the conditions on the session's own columns and caller place. */
    String sessionCondition(Map<String, Object> params, String callerPlaceCondition) {
        List<String> conditions = sessionConditions(params, callerPlaceCondition);
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    /** Whether a filter reads the session's own columns or the caller's place (not the streams). */
    boolean aboutSessions() {
        return conference != null || responseCode != null || diagnosticId != null || callerPlace.any();
    }

    private List<String> sessionConditions(Map<String, Object> params, String callerPlaceCondition) {
        List<String> conditions = new ArrayList<>();
        if (conference != null) {
            conditions.add("(COALESCE(s.conference_url, '') <> '') = :conference");
            params.put("conference", conference);
        }
        if (responseCode != null) {
            conditions.add("s.response_code = :responseCode");
            params.put("responseCode", responseCode);
        }
        if (diagnosticId != null) {
            conditions.add("s.diagnostic_id = :diagnosticId");
            params.put("diagnosticId", diagnosticId);
        }
        if (callerPlace.any()) {
            conditions.add(callerPlaceCondition);
        }
        return conditions;
    }

    /** The filters in words, for the summary, the export's information sheet and the audit entry. */
    public List<String> describe() {
        List<String> parts = new ArrayList<>();
        if (streams.modality() != null) {
            parts.add("modality " + streams.modality().label());
        }
        if (streams.verdict() != null) {
            parts.add("verdict " + streams.verdict().label());
        }
        if (streams.rule() != null) {
            parts.add("rule " + streams.rule().rule());
        }
        if (conference != null) {
            parts.add(conference ? "conference" : "peer-to-peer");
        }
        streams.splits().forEach((split, value) -> {
            if (split != QualitySplit.CONFERENCE) {
                parts.add(split.title() + " " + split.label(value));
            }
        });
        if (streams.place().any()) {
            parts.add(streams.place().describe());
        }
        if (callerPlace.any()) {
            parts.add(callerPlace.describe() + " by the caller's subnet, as Call reliability counts");
        }
        if (responseCode != null) {
            parts.add("response code " + responseCode);
        }
        if (diagnosticId != null) {
            parts.add("diagnostic id " + diagnosticId);
        }
        return parts;
    }
}
