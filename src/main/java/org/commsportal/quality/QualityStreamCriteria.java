package org.commsportal.quality;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.commsportal.common.ClientVersions;
import org.commsportal.common.Place;
import org.commsportal.sessions.Modality;
import org.jspecify.annotations.Nullable;

/**
 * Which streams of the read model a drill-through asks for (docs/call-quality.md, "Drill-through"): a modality, a
 * verdict, a poor-stream rule tripped, stored split values and a place of the building file, each optional. The
 * quality package owns the stream table, so it writes the SQL other packages use to select sessions by their streams;
 * the place's condition on the stream's day and subnet comes from {@link org.commsportal.common.SubnetLocations}.
 */
public record QualityStreamCriteria(
        @Nullable Modality modality,
        @Nullable QualityVerdict verdict,
        @Nullable QualityMetric rule,
        Map<QualitySplit, String> splits,
        Place place) {

    public QualityStreamCriteria {
        if (modality != null && !QualityMetric.MODALITIES.contains(modality)) {
            throw new IllegalArgumentException(modality.label() + " streams are not classified.");
        }
        if (rule != null && modality != null && rule.modality() != modality) {
            throw new IllegalArgumentException("rule " + rule.key() + " is a rule of "
                    + rule.modality().label() + ", not of " + modality.label() + ".");
        }
        splits = Map.copyOf(splits);
    }

    /** Every place. */
    public QualityStreamCriteria(
            @Nullable Modality modality,
            @Nullable QualityVerdict verdict,
            @Nullable QualityMetric rule,
            Map<QualitySplit, String> splits) {
        this(modality, verdict, rule, splits, Place.everywhere());
    }

    public static QualityStreamCriteria none() {
        return new QualityStreamCriteria(null, null, null, Map.of());
    }

    /** Whether any stream condition is set: then only sessions with a matching stream are selected. */
    public boolean any() {
        return modality != null || verdict != null || rule != null || !splits.isEmpty() || place.any();
    }

    /** The stream table's UTC day and subnet columns, for the place's condition. */
    public static final String DAY_COLUMN = "q.day";

    public static final String SUBNET_COLUMN = "q.subnet";

    public QualityStreamCriteria withSplit(QualitySplit split, String storedValue) {
        Map<QualitySplit, String> changed = new EnumMap<>(QualitySplit.class);
        changed.putAll(splits);
        changed.put(split, storedValue);
        return new QualityStreamCriteria(modality, verdict, rule, changed, place);
    }

    /**
     * The condition over the stream table aliased {@code q} (besides tenant and session), its parameters added to
     * {@code params} with the prefix {@code qs_}; {@code placeCondition} is the place's condition over
     * {@link #DAY_COLUMN} and {@link #SUBNET_COLUMN} (TRUE for every place).
     */
    String streamConditions(Map<String, Object> params, String placeCondition) {
        StringBuilder where = new StringBuilder(place.any() ? placeCondition : "TRUE");
        Modality wanted = rule != null ? rule.modality() : modality;
        if (wanted != null) {
            where.append(" AND q.modality = :qs_modality");
            params.put("qs_modality", wanted.id());
        }
        // a rule is only ever tripped by a Poor stream: the verdict lets the day index narrow the streams read
        QualityVerdict wantedVerdict = rule != null && verdict == null ? QualityVerdict.POOR : verdict;
        if (wantedVerdict != null) {
            where.append(" AND q.verdict = :qs_verdict");
            params.put("qs_verdict", wantedVerdict.code());
        }
        if (rule != null) {
            where.append(" AND (q.rules & :qs_rule) <> 0");
            params.put("qs_rule", 1 << (rule.slot() - 1));
        }
        splits.forEach((split, value) -> {
            // a client version is a group of the stored user agents (docs/call-quality.md, "Client versions")
            where.append(" AND ")
                    .append(
                            split == QualitySplit.CLIENT
                                    ? ClientVersions.sql("q." + split.column())
                                    : "q." + split.column())
                    .append(" = :qs_")
                    .append(split.column());
            params.put("qs_" + split.column(), split.textual() ? value : Integer.parseInt(value));
        });
        return where.toString();
    }

    /**
     * SQL true for a session (the alias names comm_session) with at least one stream meeting the criteria (of the
     * user's own side when the parameter {@code userId} is set); reads the stream table's primary key
     * (tenant_id, session_id, ...). A scalar subquery, not EXISTS: MariaDB turns an EXISTS into a semi-join that first
     * reads every matching stream of the range (1.9 million audio streams for 3 days of 100,000 users) even when a
     * page in start time order needs the first few sessions only; a scalar subquery stays a probe per session.
     */
    public String sessionHasStream(String session, Map<String, Object> params, String placeCondition) {
        return "(SELECT 1 FROM quality_stream q WHERE q.tenant_id = " + session
                + ".tenant_id AND q.session_id = " + session + ".id AND " + streamConditions(params, placeCondition)
                + ownSide(params)
                + days(params) + " LIMIT 1) IS NOT NULL";
    }

    /**
     * Whether the criteria leave few of a range's streams, so that reading the matching streams by the day index
     * (tenant, day, verdict, modality, user, session start; changeset 049) finds a search's sessions faster than
     * probing each session of the range: a verdict other than Good, or a rule (tripped by Poor streams only).
     */
    public boolean selective() {
        return rule != null || (verdict != null && verdict != QualityVerdict.GOOD);
    }

    /**
     * SQL giving the distinct sessions (id, start_time) of the tenant {@code :tenantId} that start in
     * [{@code :from}, {@code :to}) with at least one stream meeting the criteria, read from the streams' day index:
     * {@code days} are the UTC days of that range, each one equality range of the index with the verdict and modality.
     */
    public String sessionsWithStream(Map<String, Object> params, String placeCondition, List<LocalDate> days) {
        return "SELECT DISTINCT q.session_id AS id, q.session_start AS start_time FROM quality_stream q WHERE "
                + streamsOfRange(params, placeCondition, days);
    }

    /**
     * SQL giving those of the UTC days {@code days} on which the tenant {@code :tenantId} has a stream that may meet
     * the criteria, from the session-day rows (changesets 052 and 057) of the criteria's rule, or verdict (every verdict
     * without one), and modality (every modality without one): a day without such a row holds no stream meeting them; a
     * day with one may hold none when a split or place narrows them further. For {@link #selective} criteria only.
     */
    public String daysWithStream(Map<String, Object> params, List<LocalDate> days) {
        params.put("qs_candidate_days", days.isEmpty() ? List.of(LocalDate.EPOCH) : days);
        putSessionDayKey(params);
        return "SELECT day FROM quality_session_day WHERE tenant_id = :tenantId AND day IN (:qs_candidate_days)"
                + " AND modality = :qs_day_modality AND criterion = :qs_criterion AND sessions > 0";
    }

    /** SQL counting the streams meeting the criteria whose sessions start in the range (see {@link #sessionsWithStream}). */
    public String countStreamsOfRange(Map<String, Object> params, String placeCondition, List<LocalDate> days) {
        return "SELECT COUNT(*) FROM quality_stream q WHERE " + streamsOfRange(params, placeCondition, days);
    }

    /**
     * SQL counting the sessions of the tenant {@code :tenantId} starting in [{@code :from}, {@code :to}) with at least
     * one stream meeting the criteria ({@code sessions}), or those streams, from the session-day rows (changesets 052
     * and 057: per UTC day, modality and criterion, every stream, a verdict or a rule) of the range's whole UTC days
     * {@code wholeDays}, plus those of its partial UTC days {@code partialDays}: from the session-quarter rows
     * (changeset 059) when {@code quarterAligned} (from and to fall on quarters of an hour), else from the streams' day
     * index; null when the criteria are not one such criterion with at most a modality (a split or a place, or a rule
     * with a verdict other than Poor). A session's streams are all on its start day and in its start's quarter, so the
     * days and quarters add up exactly.
     */
    public @Nullable String countOfDays(
            Map<String, Object> params,
            List<LocalDate> wholeDays,
            List<LocalDate> partialDays,
            boolean quarterAligned,
            boolean sessions) {
        if (!any()
                || !splits.isEmpty()
                || place.any()
                || (rule != null && verdict != null && verdict != QualityVerdict.POOR)) {
            return null;
        }
        params.put("qs_whole_days", wholeDays.isEmpty() ? List.of(LocalDate.EPOCH) : wholeDays);
        putSessionDayKey(params);
        String sum = "SELECT COALESCE(SUM(" + (sessions ? "sessions" : "streams") + "), 0) FROM %s"
                + " WHERE tenant_id = :tenantId AND day IN (%s) AND modality = :qs_day_modality"
                + " AND criterion = :qs_criterion";
        String ofWholeDays = sum.formatted("quality_session_day", ":qs_whole_days");
        if (partialDays.isEmpty()) {
            return ofWholeDays;
        }
        String ofPartialDays;
        if (quarterAligned) {
            params.put("qs_partial_days", partialDays);
            ofPartialDays = sum.formatted("quality_session_quarter", ":qs_partial_days")
                    + " AND quarter >= :from AND quarter < :to";
        } else {
            ofPartialDays = sessions
                    ? "SELECT COUNT(*) FROM (" + sessionsWithStream(params, "TRUE", partialDays) + ") p"
                    : countStreamsOfRange(params, "TRUE", partialDays);
        }
        return "SELECT (" + ofWholeDays + ") + (" + ofPartialDays + ")";
    }

    /**
     * The session-day rows' modality ({@code :qs_day_modality}: the rule's, the chosen one, or 0 for every modality) and
     * criterion ({@code :qs_criterion}: the rule, the verdict, or every stream) of the criteria.
     */
    private void putSessionDayKey(Map<String, Object> params) {
        params.put("qs_day_modality", rule != null ? rule.modality().id() : modality == null ? 0 : modality.id());
        params.put(
                "qs_criterion",
                rule != null
                        ? QualitySql.RULE_CRITERIA + rule.slot()
                        : verdict != null ? verdict.code() : QualitySql.ANY_VERDICT);
    }

    private String streamsOfRange(Map<String, Object> params, String placeCondition, List<LocalDate> days) {
        params.put("qs_days", days);
        return "q.tenant_id = :tenantId AND q.day IN (:qs_days) AND q.session_start >= :from AND q.session_start < :to"
                + " AND " + streamConditions(params, placeCondition);
    }

    /**
     * With the parameters from and to set (the sessions' UTC start range): the UTC days those sessions start on, a
     * bound that lets the database read the streams of a range by (tenant_id, day) instead of session by session.
     */
    private static String days(Map<String, Object> params) {
        return params.get("from") == null || params.get("to") == null
                ? ""
                : " AND q.day BETWEEN DATE(:from) AND DATE(:to)";
    }

    /** With the parameter userId set: only the streams of that user's own side (docs/call-quality.md). */
    private static String ownSide(Map<String, Object> params) {
        return params.get("userId") == null ? "" : " AND q.user_id = :userId";
    }

    /**
     * SQL counting the streams meeting the criteria of the sessions a query selects ({@code sessions} gives their
     * ids in a column named id), in the tenant {@code :tenantId}; with the parameter {@code userId} set, only the
     * streams of that user's own side, as the worst users count them.
     */
    public String countStreams(String sessions, Map<String, Object> params, String placeCondition) {
        return "SELECT COUNT(*) FROM quality_stream q JOIN (" + sessions
                + ") m ON m.id = q.session_id WHERE q.tenant_id = :tenantId AND "
                + streamConditions(params, placeCondition)
                + ownSide(params);
    }
}
