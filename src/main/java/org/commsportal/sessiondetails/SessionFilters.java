package org.commsportal.sessiondetails;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commsportal.quality.QualitySplit;
import org.commsportal.quality.QualityStreamCriteria;
import org.jspecify.annotations.Nullable;

/**
 * The filters of a drill-through search besides user and range (docs/session-details.md, "Drill-through"):
 * conference or peer-to-peer, SIP response code and diagnostic id on the session's own columns, and stream criteria
 * (modality, verdict, rule, split values) that a session meets when at least one of its streams meets all of them.
 */
public record SessionFilters(
        @Nullable Boolean conference,
        @Nullable Integer responseCode,
        @Nullable Integer diagnosticId,
        QualityStreamCriteria streams) {

    public static SessionFilters none() {
        return new SessionFilters(null, null, null, QualityStreamCriteria.none());
    }

    public boolean any() {
        return conference != null || responseCode != null || diagnosticId != null || streams.any();
    }

    /** Whether the filters count streams: a stream criterion or the conference split is set. */
    public boolean aboutStreams() {
        return streams.any() || conference != null;
    }

    /**
     * SQL over comm_session s: true for the sessions the filters leave (TRUE without filters); parameters added
     * to {@code params}; {@code placeCondition} is the stream criteria's place over the stream rows.
     */
    String condition(Map<String, Object> params, String placeCondition) {
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
        if (streams.any()) {
            conditions.add(streams.sessionHasStream("s", params, placeCondition));
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
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
        if (responseCode != null) {
            parts.add("response code " + responseCode);
        }
        if (diagnosticId != null) {
            parts.add("diagnostic id " + diagnosticId);
        }
        return parts;
    }
}
